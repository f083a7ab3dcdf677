import { html, type SafeHtml } from '../html';

type Cell = SafeHtml | string | number | null | undefined;

/**
 * A data table that reflows on narrow screens (WCAG 1.4.10): below 768 px each row becomes a block
 * and each cell shows its column heading (Det Fælles Designsystem's `table--responsive-headers`).
 * A heading given as `{ hidden }` is read by screen readers only and labels no cell.
 */
export function dataTable(classes: string, head: (string | { hidden: string })[], rows: Cell[][]): SafeHtml {
  const title = (i: number) => (typeof head[i] === 'string' ? head[i] : '');
  return html`<table class="table table--responsive-headers ${classes}">
    <thead><tr>${head.map((h) =>
      typeof h === 'string' ? html`<th scope="col">${h}</th>` : html`<th scope="col"><span class="sr-only">${h.hidden}</span></th>`,
    )}</tr></thead>
    <tbody>${rows.map((row) => html`<tr>${row.map((cell, i) => html`<td data-title="${title(i)}">${cell ?? ''}</td>`)}</tr>`)}</tbody>
    </table>`;
}
