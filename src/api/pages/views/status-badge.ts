import { html, type SafeHtml } from '../html';

const badge = (status: string) =>
  ({ done: 'success', completed: 'success', failed: 'error', broken: 'error', late: 'warning', active: 'info' })[status] ?? '';

/** A status as the design system's badge: green when done, red when failed or broken, blue while open. */
export function statusBadge(text: string, status: string): SafeHtml {
  const kind = badge(status);
  return html`<span class="badge${kind ? ` badge-${kind}` : ''}">${text}</span>`;
}
