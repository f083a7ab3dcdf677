import type { JourneyDefinition } from '../../../../journeys/shared/contract';
import type { DiagramNode } from '../../../engine/queries/journey-diagram';
import type { JourneyView } from '../../../engine/queries/journey-view';
import { html, type SafeHtml } from '../html';
import { formatDate, journeyStatus, t, tx, type Lang } from '../i18n';
import { errorSummary, labelFor, schemaFields, type FormState } from '../schema-form';
import { actorWords, eventWords } from '../plain-words';
import { dataTable } from './table';
import { taskList, type TaskListOptions } from './task-list.views';

const badge = (status: string) =>
  ({ done: 'success', completed: 'success', failed: 'error', broken: 'error', late: 'warning', active: 'info' })[status] ?? '';

export function statusBadge(text: string, status: string): SafeHtml {
  const kind = badge(status);
  return html`<span class="badge${kind ? ` badge-${kind}` : ''}">${text}</span>`;
}

export function journeyTable(lang: Lang, journeys: { view: JourneyView; note?: string }[], base = '/journeys'): SafeHtml {
  if (!journeys.length) return html`<p>${t(lang, 'noJourneys')}</p>`;
  return dataTable(
    'table--zebra mt-4',
    [t(lang, 'journey'), t(lang, 'status'), t(lang, 'nextDeadline'), t(lang, 'startedOn')],
    journeys.map(({ view, note }) => [
      html`<a href="${base}/${view.id}">${tx(lang, view.title)}</a>${note ? html`<br><span class="form-hint">${note}</span>` : ''}`,
      statusBadge(journeyStatus(lang, view.status), view.status),
      view.nextDeadline ? formatDate(lang, view.nextDeadline) : t(lang, 'none'),
      formatDate(lang, view.createdAt),
    ]),
  );
}

export function startList(lang: Lang, defs: JourneyDefinition[]): SafeHtml {
  return html`<ul class="nobullet-list">${defs.map(
    (d) => html`<li class="mt-5"><h2 class="h3"><a href="/journeys/new/${d.id}">${tx(lang, d.title)}</a></h2><p>${tx(lang, d.description)}</p></li>`,
  )}</ul>`;
}

export function startForm(lang: Lang, csrf: string, def: JourneyDefinition, state: FormState): SafeHtml {
  return html`<p class="font-lead">${tx(lang, def.description)}</p>
    ${errorSummary(state, labelFor(def.startSchema, lang))}
    <form method="post" action="/journeys/new/${def.id}" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}">
      ${schemaFields(def.startSchema, state)}
      <button type="submit" class="button button-primary mt-5">${t(lang, 'start')}</button>
    </form>`;
}

export interface JourneyPageOptions extends TaskListOptions {
  banner?: string;
}

export function journeyPage(o: JourneyPageOptions): SafeHtml {
  const { lang, view } = o;
  return html`
    ${o.banner ? html`<div class="alert alert-info" role="note"><div class="alert-body"><p class="alert-text">${o.banner}</p></div></div>` : ''}
    <p>${statusBadge(journeyStatus(lang, view.status), view.status)}
      ${view.nextDeadline ? html` ${t(lang, 'nextDeadline')}: <strong>${formatDate(lang, view.nextDeadline)}</strong>` : ''}</p>
    ${view.brokenReason ? html`<p>${journeyStatus(lang, 'broken')}</p>` : ''}
    ${taskList(o)}
    <p class="mt-6"><a href="${o.base}/diagram">${t(lang, 'diagram')}</a></p>
    <h2 class="mt-8">${t(lang, 'history')}</h2>
    ${dataTable(
      'table--compact',
      [t(lang, 'when'), t(lang, 'event'), t(lang, 'actor')],
      o.history.map((h) => [formatDate(lang, new Date(h.created_at).toISOString(), true), eventWords(lang, o.def, h.event_type, h.event_data), actorWords(lang, h.actor, o.ownerViewing)]),
    )}`;
}

function diagramNode(lang: Lang, node: DiagramNode): SafeHtml {
  const label = node.path.length ? node.key : 'start';
  return html`<li${node.active ? html` class="weight-semibold"` : ''}>
    <span>${node.active ? html`<strong>${label}</strong> <span>${t(lang, 'activeState')}</span>` : label}</span>
    ${node.type === 'parallel' ? html` <span class="form-hint">(${lang === 'da' ? 'parallelle spor' : 'parallel tracks'})</span>` : ''}
    ${node.type === 'final' ? html` <span class="form-hint">(${lang === 'da' ? 'slut' : 'end'})</span>` : ''}
    ${node.transitions.length ? html`<ul>${node.transitions.map((tr) => html`<li><code>${tr.event}</code> → ${tr.targets.map((x) => x.split('.').pop()).join(', ') || '↺'}</li>`)}</ul>` : ''}
    ${node.children.length ? html`<ul>${node.children.map((c) => diagramNode(lang, c))}</ul>` : ''}
  </li>`;
}

/** The machine's states as a nested list: readable by screen readers, no JavaScript, no images. */
export function diagramView(lang: Lang, root: DiagramNode, back: string): SafeHtml {
  return html`<p>${lang === 'da' ? 'Tilstande i forløbet og de hændelser, der flytter det videre.' : 'The states of the journey and the events that move it on.'}</p>
    <ul class="mt-4">${diagramNode(lang, root)}</ul>
    <p class="mt-6"><a href="${back}" class="back-link">${t(lang, 'back')}</a></p>`;
}
