import type { JourneyDefinition } from '../../../../journeys/shared/contract';
import type { JourneySearch, JourneySummary } from '../../../engine/caseworker/caseworker.queries';
import type { Timeline } from '../../../engine/caseworker/timeline.queries';
import type { JourneyView } from '../../../engine/queries/journey-view';
import { html, type SafeHtml } from '../html';
import { formatDate, journeyStatus, stepStatus, t, tx, type Lang } from '../i18n';
import { statusBadge } from './journey.views';

type Filters = Omit<JourneySearch, 'authority' | 'limit'>;

export function searchView(lang: Lang, types: JourneyDefinition[], f: Filters, items: JourneySummary[], next: string | null): SafeHtml {
  const check = (name: 'overdue' | 'failed' | 'broken', label: string) =>
    html`<li><input type="checkbox" class="form-checkbox" id="s-${name}" name="${name}" value="true"${f[name] ? ' checked' : ''}><label for="s-${name}">${label}</label></li>`;
  const query = (cursor: string) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== false && k !== 'cursor') p.set(k, String(v));
    p.set('cursor', cursor);
    return `/caseworker?${p.toString()}`;
  };
  return html`<form method="get" action="/caseworker" role="search" aria-label="${t(lang, 'search')}">
    <div class="row">
      <div class="col-12 col-md-4 form-group"><label class="form-label" for="s-type">${t(lang, 'type')}</label>
        <select class="form-select" id="s-type" name="type"><option value="">${t(lang, 'any')}</option>
        ${types.map((d) => html`<option value="${d.id}"${f.type === d.id ? ' selected' : ''}>${tx(lang, d.title)}</option>`)}</select></div>
      <div class="col-12 col-md-4 form-group"><label class="form-label" for="s-state">${t(lang, 'state')}</label>
        <input class="form-input" id="s-state" name="state" value="${f.state ?? ''}" maxlength="80"></div>
      <div class="col-12 col-md-4 form-group"><label class="form-label" for="s-status">${t(lang, 'status')}</label>
        <select class="form-select" id="s-status" name="status"><option value="">${t(lang, 'any')}</option>
        ${['active', 'completed', 'dismissed', 'broken'].map((s) => html`<option value="${s}"${f.status === s ? ' selected' : ''}>${journeyStatus(lang, s)}</option>`)}</select></div>
    </div>
    <fieldset class="form-group"><legend class="form-label">${t(lang, 'filter')}</legend><ul class="nobullet-list">
      ${check('overdue', t(lang, 'onlyOverdue'))}${check('failed', t(lang, 'onlyFailed'))}${check('broken', t(lang, 'onlyBroken'))}</ul></fieldset>
    <button type="submit" class="button button-primary">${t(lang, 'search')}</button>
  </form>
  ${items.length === 0 ? html`<p class="mt-5">${t(lang, 'noResults')}</p>` : html`<table class="table table--zebra mt-5">
    <caption class="sr-only">${t(lang, 'search')}</caption>
    <thead><tr><th scope="col">${t(lang, 'journey')}</th><th scope="col">${t(lang, 'status')}</th><th scope="col">${t(lang, 'state')}</th><th scope="col">${t(lang, 'nextDeadline')}</th><th scope="col">${t(lang, 'startedOn')}</th></tr></thead>
    <tbody>${items.map(
      (j) => html`<tr><td><a href="/caseworker/journeys/${j.id}">${tx(lang, j.title)}</a> <span class="form-hint">${j.id.slice(0, 8)}</span></td>
        <td>${statusBadge(journeyStatus(lang, j.status), j.status)}${j.hasFailedStep ? html` ${statusBadge(stepStatus(lang, 'failed'), 'failed')}` : ''}</td>
        <td><code>${j.state}</code></td>
        <td>${j.nextDeadline ? formatDate(lang, j.nextDeadline) : ''}${j.overdue ? html` ${statusBadge(t(lang, 'overdue'), 'failed')}` : ''}</td>
        <td>${formatDate(lang, j.createdAt)}</td></tr>`,
    )}</tbody></table>`}
  ${next ? html`<p><a href="${query(next)}">${t(lang, 'nextPage')}</a></p>` : ''}`;
}

export function caseworkerJourneyView(lang: Lang, csrf: string, view: JourneyView, tl: Timeline, noteError?: string): SafeHtml {
  const base = `/caseworker/journeys/${view.id}`;
  return html`<p>${statusBadge(journeyStatus(lang, view.status), view.status)} <code>${view.state}</code>
      ${view.nextDeadline ? html` · ${t(lang, 'nextDeadline')}: ${formatDate(lang, view.nextDeadline)}` : ''}</p>
    ${view.brokenReason ? html`<p>${view.brokenReason}</p>` : ''}
    <h2>${t(lang, 'steps')}</h2>
    <table class="table"><thead><tr><th scope="col">${t(lang, 'step')}</th><th scope="col">${t(lang, 'status')}</th><th scope="col">${t(lang, 'deadline')}</th><th scope="col">${t(lang, 'authority')}</th></tr></thead>
    <tbody>${view.steps.map((s) => html`<tr><td>${tx(lang, s.title)}</td><td>${statusBadge(stepStatus(lang, s.status), s.status)}</td>
      <td>${s.deadline ? formatDate(lang, s.deadline) : ''}${s.overdue ? html` ${statusBadge(t(lang, 'overdue'), 'failed')}` : ''}</td><td>${s.system ?? ''}</td></tr>`)}</tbody></table>
    <h2 class="mt-8">${t(lang, 'tasks')}</h2>
    ${tl.tasks.length === 0 ? html`<p>${t(lang, 'none')}</p>` : html`<table class="table"><thead><tr><th scope="col">${t(lang, 'step')}</th><th scope="col">Task</th><th scope="col">${t(lang, 'status')}</th><th scope="col">${t(lang, 'attempts')}</th><th scope="col">${t(lang, 'when')}</th><th scope="col"><span class="sr-only">${t(lang, 'retry')}</span></th></tr></thead>
    <tbody>${tl.tasks.map((k) => html`<tr><td>${k.step}</td><td><code>${k.system}/${k.task}</code>${k.lastError ? html`<br><span class="form-hint">${k.lastError}</span>` : ''}</td>
      <td>${statusBadge(k.status, k.status === 'dead' ? 'failed' : k.status === 'completed' ? 'done' : '')}</td><td>${k.attempts}</td><td>${formatDate(lang, k.updatedAt, true)}</td>
      <td>${k.retryable ? html`<form method="post" action="${base}/tasks/${k.id}/retry"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="button button-secondary">${t(lang, 'retry')}<span class="sr-only"> ${k.task}</span></button></form>` : ''}</td></tr>`)}</tbody></table>`}
    <h2 class="mt-8">${t(lang, 'timeline')}</h2>
    <table class="table table--compact"><thead><tr><th scope="col">${t(lang, 'when')}</th><th scope="col">${t(lang, 'event')}</th><th scope="col">${t(lang, 'actor')}</th><th scope="col">${t(lang, 'state')}</th></tr></thead>
    <tbody>${tl.history.map((h) => html`<tr><td>${formatDate(lang, h.at, true)}</td><td><code>${h.event}</code></td><td>${String(h.actor.kind)}${h.actor.authority ? ` (${String(h.actor.authority)})` : ''}</td><td><code>${h.state}</code></td></tr>`)}</tbody></table>
    <h2 class="mt-8">${t(lang, 'timers')}</h2>
    ${tl.timers.length === 0 ? html`<p>${t(lang, 'none')}</p>` : html`<table class="table table--compact"><thead><tr><th scope="col">Key</th><th scope="col">${t(lang, 'purpose')}</th><th scope="col">${t(lang, 'status')}</th><th scope="col">${t(lang, 'when')}</th></tr></thead>
    <tbody>${tl.timers.map((x) => html`<tr><td><code>${x.key}</code></td><td>${x.purpose}</td><td>${x.status}</td><td>${formatDate(lang, x.dueAt, true)}</td></tr>`)}</tbody></table>`}
    <h2 class="mt-8">${t(lang, 'notes')}</h2>
    ${tl.notes.length === 0 ? html`<p>${t(lang, 'none')}</p>` : html`<ul class="nobullet-list">${tl.notes.map((n) => html`<li class="mt-3"><p><strong>${n.author}</strong> (${n.authority}) · ${formatDate(lang, n.at, true)}</p><p>${n.body}</p></li>`)}</ul>`}
    <form method="post" action="${base}/notes" class="mt-5" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}">
      <div class="form-group${noteError ? ' form-error' : ''}"><label class="form-label" for="note-body">${t(lang, 'addNote')}</label>
        ${noteError ? html`<span class="form-error-message" id="note-body-error" role="alert">${noteError}</span>` : ''}
        <textarea class="form-input" id="note-body" name="body" rows="4" maxlength="2000" required${noteError ? html` aria-describedby="note-body-error"` : ''}></textarea></div>
      <button type="submit" class="button button-primary">${t(lang, 'addNote')}</button>
    </form>
    <p class="mt-6"><a href="/caseworker" class="back-link">${t(lang, 'back')}</a></p>`;
}
