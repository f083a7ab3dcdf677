import type { JourneyDefinition, Text } from '../../../../journeys/shared/contract';
import { startersOf, startsByItself } from '../../../engine/definitions/journey-contract';
import type { HistoryRow } from '../../../engine/persistence/journey.repository';
import type { DiagramNode } from '../../../engine/queries/journey-diagram';
import type { JourneyView, NextActionView } from '../../../engine/queries/journey-view';
import { html, type SafeHtml } from '../html';
import { formatDate, journeyStatus, stepStatus, t, tx, type Lang } from '../i18n';
import { errorSummary, labelFor, schemaFields, type FormState } from '../schema-form';

const badge = (status: string) =>
  ({ done: 'success', completed: 'success', failed: 'error', broken: 'error', late: 'warning', active: 'info' })[status] ?? '';

export function statusBadge(text: string, status: string): SafeHtml {
  const kind = badge(status);
  return html`<span class="badge${kind ? ` badge-${kind}` : ''}">${text}</span>`;
}

export function journeyTable(lang: Lang, journeys: { view: JourneyView; note?: string }[], base = '/journeys'): SafeHtml {
  if (!journeys.length) return html`<p>${t(lang, 'noJourneys')}</p>`;
  return html`<table class="table table--zebra mt-4">
    <thead><tr><th scope="col">${t(lang, 'journey')}</th><th scope="col">${t(lang, 'status')}</th><th scope="col">${t(lang, 'nextDeadline')}</th><th scope="col">${t(lang, 'startedOn')}</th></tr></thead>
    <tbody>${journeys.map(
      ({ view, note }) => html`<tr>
        <td><a href="${base}/${view.id}">${tx(lang, view.title)}</a>${note ? html`<br><span class="form-hint">${note}</span>` : ''}</td>
        <td>${statusBadge(journeyStatus(lang, view.status), view.status)}</td>
        <td>${view.nextDeadline ? formatDate(lang, view.nextDeadline) : t(lang, 'none')}</td>
        <td>${formatDate(lang, view.createdAt)}</td></tr>`,
    )}</tbody></table>`;
}

/** Journeys a citizen starts link to their form; those only a register starts say when they start by themselves. */
export function startList(lang: Lang, defs: JourneyDefinition[]): SafeHtml {
  return html`<ul class="nobullet-list">${defs.map((d) => {
    const byHand = startersOf(d).includes('citizen');
    const byRegister = startersOf(d).includes('register');
    return html`<li class="mt-5"><h2 class="h3">${byHand ? html`<a href="/journeys/new/${d.id}">${tx(lang, d.title)}</a>` : tx(lang, d.title)}</h2><p>${tx(lang, d.description)}</p>
      ${byRegister ? html`<p class="form-hint">${tx(lang, startsByItself(d))}</p>` : ''}</li>`;
  })}</ul>`;
}

/** A journey only a register starts: what it is and when it starts, instead of a form that cannot succeed. */
export function startsByItselfView(lang: Lang, def: JourneyDefinition): SafeHtml {
  return html`<p class="font-lead">${tx(lang, def.description)}</p>
    <div class="alert alert-info mt-5" role="note"><div class="alert-body"><p class="alert-text">${tx(lang, startsByItself(def))}</p></div></div>
    <p class="mt-6"><a href="/journeys/new" class="back-link">${t(lang, 'back')}</a></p>`;
}

export function startForm(lang: Lang, csrf: string, def: JourneyDefinition, state: FormState): SafeHtml {
  if (!startersOf(def).includes('citizen')) return startsByItselfView(lang, def);
  return html`<p class="font-lead">${tx(lang, def.description)}</p>
    ${errorSummary(state, labelFor(def.startSchema, lang))}
    <form method="post" action="/journeys/new/${def.id}" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}">
      ${schemaFields(def.startSchema, state)}
      <button type="submit" class="button button-primary mt-5">${t(lang, 'start')}</button>
    </form>`;
}

function actionForm(lang: Lang, csrf: string, base: string, action: NextActionView, state: FormState, key: string): SafeHtml {
  return html`<section class="mt-6" aria-labelledby="${state.formId}-title">
    <h3 id="${state.formId}-title">${tx(lang, action.title)}</h3>
    ${errorSummary(state, labelFor(action.schema, lang))}
    <form method="post" action="${base}/events/${action.event}" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="_key" value="${key}">
      ${schemaFields(action.schema, state)}
      <button type="submit" class="button button-primary">${tx(lang, action.title)}</button>
    </form></section>`;
}

export interface JourneyPageOptions {
  lang: Lang;
  csrf: string;
  view: JourneyView;
  history: (HistoryRow & { title?: Text })[];
  /** Where the page lives (`/journeys/<id>`). */
  base: string;
  canAct: boolean;
  banner?: string;
  /** After a refused form: which action, its values and errors. */
  failed?: { event: string; values: Record<string, string>; errors: Record<string, string> };
  idempotencyKey: () => string;
}

export function journeyPage(o: JourneyPageOptions): SafeHtml {
  const { lang, view } = o;
  const actions = o.canAct ? view.nextActions : [];
  return html`
    ${o.banner ? html`<div class="alert alert-info" role="note"><div class="alert-body"><p class="alert-text">${o.banner}</p></div></div>` : ''}
    <p>${statusBadge(journeyStatus(lang, view.status), view.status)}
      ${view.nextDeadline ? html` ${t(lang, 'nextDeadline')}: <strong>${formatDate(lang, view.nextDeadline)}</strong>` : ''}</p>
    ${view.brokenReason ? html`<p>${journeyStatus(lang, 'broken')}</p>` : ''}
    <h2>${t(lang, 'whatNow')}</h2>
    ${actions.length === 0 ? html`<p>${t(lang, 'nothingNow')}</p>` : ''}
    ${actions.map((a, i) => {
      const failed = o.failed?.event === a.event ? o.failed : undefined;
      return actionForm(lang, o.csrf, o.base, a, { lang, formId: `a${i}`, values: failed?.values ?? {}, errors: failed?.errors ?? {} }, o.idempotencyKey());
    })}
    <h2 class="mt-8">${t(lang, 'steps')}</h2>
    <ol class="mt-4">${view.steps.map(
      (s) => html`<li class="mt-5"><h3 class="h4">${tx(lang, s.title)}</h3>
        <p>${statusBadge(stepStatus(lang, s.status), s.status)}
          ${s.deadline ? html` ${t(lang, 'deadline')}: <strong>${formatDate(lang, s.deadline)}</strong>` : ''}
          ${s.overdue ? html` ${statusBadge(t(lang, 'overdue'), 'failed')}` : ''}</p>
        ${s.deadlineRule ? html`<p class="form-hint">${tx(lang, s.deadlineRule)}</p>` : ''}
        <p>${tx(lang, s.guidance)}</p>
        ${s.legalSource?.url ? html`<p><a href="${s.legalSource.url}">${s.legalSource.title}</a></p>` : ''}</li>`,
    )}</ol>
    <p class="mt-6"><a href="${o.base}/diagram">${t(lang, 'diagram')}</a></p>
    <h2 class="mt-8">${t(lang, 'history')}</h2>
    <table class="table table--compact"><thead><tr><th scope="col">${t(lang, 'when')}</th><th scope="col">${t(lang, 'event')}</th><th scope="col">${t(lang, 'actor')}</th></tr></thead>
    <tbody>${o.history.map(
      (h) => html`<tr><td>${formatDate(lang, new Date(h.created_at).toISOString(), true)}</td><td>${h.title ? tx(lang, h.title) : h.event_type}</td>
        <td>${h.actor.kind}${h.actor.authority ? ` (${h.actor.authority})` : ''}${h.actor.kind === 'proxy' ? ` – ${t(lang, 'onBehalfOf').toLowerCase()}` : ''}</td></tr>`,
    )}</tbody></table>`;
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
