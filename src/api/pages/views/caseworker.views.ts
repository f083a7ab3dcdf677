import type { JourneyDefinition } from '../../../../journeys/shared/contract';
import type { JourneySearch, JourneySummary } from '../../../engine/caseworker/caseworker.queries';
import type { Timeline } from '../../../engine/caseworker/timeline.queries';
import type { JourneyView } from '../../../engine/queries/journey-view';
import { html, type SafeHtml } from '../html';
import { formatDate, journeyStatus, stepStatus, t, tx, type Lang } from '../i18n';
import { actorWords, authorityName, eventWords, stepTitle, timerStep } from '../plain-words';
import { statusBadge } from './status-badge';
import { dataTable } from './table';

type Filters = Omit<JourneySearch, 'authority' | 'limit'>;

/** No results: why, when the authority has no step in the journeys searched; otherwise what to change. */
function emptyScope(lang: Lang, types: JourneyDefinition[], f: Filters, authority: string): SafeHtml {
  const searched = f.type ? types.filter((d) => d.id === f.type) : types;
  const ours = searched.some((d) => d.steps.some((s) => s.system === authority));
  if (!ours) {
    const none = {
      da: 'Din myndighed har ingen trin i disse forløb, så du ser dem ikke.',
      en: 'Your authority has no steps in these journeys, so you do not see them.',
    };
    const only = {
      da: 'Du ser kun forløb, hvor din myndighed har et trin.',
      en: 'You see only journeys in which your authority has a step.',
    };
    return html`<p class="mt-5">${none[lang]}
      ${only[lang]}</p>`;
  }
  const applies = {
    da:
      'Du ser kun forløb, hvor din myndighed har et trin, der gælder for borgeren (fx ikke en flytning uden logiværtserklæring). ' +
      'Prøv at fjerne et filter.',
    en:
      'You see only journeys in which your authority has a step that applies to the citizen ' +
      '(e.g. not a move without a host declaration). Try removing a filter.',
  };
  return html`<p class="mt-5">${t(lang, 'noResults')} ${applies[lang]}</p>`;
}

export function searchView(
  lang: Lang,
  types: JourneyDefinition[],
  f: Filters,
  items: JourneySummary[],
  next: string | null,
  authority = '',
): SafeHtml {
  const check = (name: 'overdue' | 'failed' | 'broken', label: string) =>
    html`<li><input type="checkbox" class="form-checkbox" id="s-${name}" name="${name}"
      value="true"${f[name] ? ' checked' : ''}><label for="s-${name}">${label}</label></li>`;
  const query = (cursor: string) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== false && k !== 'cursor') p.set(k, String(v));
    p.set('cursor', cursor);
    return `/caseworker?${p.toString()}`;
  };
  const stepFailed = statusBadge(lang === 'da' ? 'Et trin er fejlet' : 'A step failed', 'failed');
  const overdue = statusBadge(t(lang, 'overdue'), 'failed');
  return html`<form method="get" action="/caseworker" role="search" aria-label="${t(lang, 'search')}">
    <div class="row">
      <div class="col-12 col-md-4 form-group"><label class="form-label" for="s-type">${t(lang, 'type')}</label>
        <select class="form-select" id="s-type" name="type"><option value="">${t(lang, 'any')}</option>
        ${types.map((d) => html`<option value="${d.id}"${f.type === d.id ? ' selected' : ''}>${tx(lang, d.title)}</option>`)}</select></div>
      <div class="col-12 col-md-4 form-group"><label class="form-label" for="s-state">${t(lang, 'state')}</label>
        <input class="form-input" id="s-state" name="state" value="${f.state ?? ''}" maxlength="80"></div>
      <div class="col-12 col-md-4 form-group"><label class="form-label" for="s-status">${t(lang, 'status')}</label>
        <select class="form-select" id="s-status" name="status"><option value="">${t(lang, 'any')}</option>
        ${['active', 'completed', 'dismissed', 'broken'].map(
          (s) => html`<option value="${s}"${f.status === s ? ' selected' : ''}>${journeyStatus(lang, s)}</option>`,
        )}</select></div>
    </div>
    <fieldset class="form-group"><legend class="form-label">${t(lang, 'filter')}</legend><ul class="nobullet-list">
      ${check('overdue', t(lang, 'onlyOverdue'))}${check('failed', t(lang, 'onlyFailed'))}${check('broken', t(lang, 'onlyBroken'))}
    </ul></fieldset>
    <button type="submit" class="button button-primary">${t(lang, 'search')}</button>
  </form>
  ${
    items.length === 0
      ? emptyScope(lang, types, f, authority)
      : dataTable(
          'table--zebra mt-5',
          [t(lang, 'journey'), t(lang, 'status'), t(lang, 'nextDeadline'), t(lang, 'startedOn')],
          items.map((j) => [
            html`<a href="/caseworker/journeys/${j.id}">${tx(lang, j.title)}</a> <span class="form-hint">${j.id.slice(0, 8)}</span>`,
            html`${statusBadge(journeyStatus(lang, j.status), j.status)}${j.hasFailedStep ? html` ${stepFailed}` : ''}`,
            html`${j.nextDeadline ? formatDate(lang, j.nextDeadline) : t(lang, 'none')}${j.overdue ? html` ${overdue}` : ''}`,
            formatDate(lang, j.createdAt),
          ]),
        )
  }
  ${next ? html`<p><a href="${query(next)}">${t(lang, 'nextPage')}</a></p>` : ''}`;
}

export function caseworkerJourneyView(
  lang: Lang,
  csrf: string,
  view: JourneyView,
  tl: Timeline,
  noteError?: string,
  def?: JourneyDefinition,
): SafeHtml {
  const base = `/caseworker/journeys/${view.id}`;
  const code = (text: string) => html`<code style="overflow-wrap:anywhere">${text}</code>`;
  const say = (da: string, en: string) => (lang === 'da' ? da : en);
  const taskStatus: Record<string, [string, string]> = {
    pending: ['Venter', 'Waiting'],
    running: ['I gang', 'Running'],
    completed: ['Færdig', 'Done'],
    failed: ['Fejlet, prøves igen', 'Failed, will retry'],
    dead: ['Opgivet', 'Given up'],
  };
  const timerStatus: Record<string, [string, string]> = {
    scheduled: ['Planlagt', 'Planned'],
    fired: ['Udløst', 'Fired'],
    cancelled: ['Annulleret', 'Cancelled'],
  };
  const timerPurpose: Record<string, [string, string]> = {
    reminder: ['Påmindelse til borgeren', 'Reminder to the citizen'],
    watchdog: ['Frist for myndighedens svar', "Deadline for the authority's answer"],
  };
  const words = (table: Record<string, [string, string]>, key: string) => (table[key] ? say(...table[key]) : key);
  const open = view.steps.filter((s) => ['active', 'late', 'failed'].includes(s.status));
  // A refused note: the summary has the focus when the page loads and links to the field (the title says "Fejl:").
  const summary = noteError
    ? html`<div class="alert alert-error mt-4" role="alert" aria-labelledby="note-summary" tabindex="-1" autofocus>
        <div class="alert-body"><p class="alert-heading" id="note-summary">${t(lang, 'errorSummary')}</p>
          <ul class="alert-text nobullet-list"><li><a href="#note-body">${noteError}</a></li></ul></div></div>`
    : '';
  return html`${summary}<p>${statusBadge(journeyStatus(lang, view.status), view.status)}
      ${open.length ? html` · ${say('Åbne trin', 'Open steps')}: ${open.map((s) => tx(lang, s.title)).join(', ')}` : ''}
      ${view.nextDeadline ? html` · ${t(lang, 'nextDeadline')}: ${formatDate(lang, view.nextDeadline)}` : ''}</p>
    ${view.brokenReason ? html`<p>${view.brokenReason}</p>` : ''}
    <h2>${t(lang, 'steps')}</h2>
    ${dataTable(
      '',
      [t(lang, 'step'), t(lang, 'status'), t(lang, 'deadline'), t(lang, 'authority')],
      view.steps.map((s) => [
        tx(lang, s.title),
        statusBadge(stepStatus(lang, s.status), s.status),
        html`${s.deadline ? formatDate(lang, s.deadline) : ''}${s.overdue ? html` ${statusBadge(t(lang, 'overdue'), 'failed')}` : ''}`,
        authorityName(lang, s.system),
      ]),
    )}
    <h2 class="mt-8">${t(lang, 'tasks')}</h2>
    ${
      tl.tasks.length === 0
        ? html`<p>${t(lang, 'none')}</p>`
        : dataTable(
            '',
            [t(lang, 'step'), say('Opgave', 'Task'), t(lang, 'status'), t(lang, 'attempts'), t(lang, 'when'), { hidden: t(lang, 'retry') }],
            tl.tasks.map((k) => [
              stepTitle(lang, def, k.step),
              html`${authorityName(lang, k.system)}: ${code(k.task)}${
                k.lastError ? html`<br><span class="form-hint" style="overflow-wrap:anywhere">${k.lastError}</span>` : ''
              }`,
              statusBadge(words(taskStatus, k.status), k.status === 'dead' ? 'failed' : k.status === 'completed' ? 'done' : ''),
              k.attempts,
              formatDate(lang, k.updatedAt, true),
              k.retryable
                ? html`<form method="post" action="${base}/tasks/${k.id}/retry"><input type="hidden" name="_csrf" value="${csrf}">
                    <button type="submit" class="button button-secondary"
                      >${t(lang, 'retry')}<span class="sr-only"> ${k.task}</span></button>
                  </form>`
                : '',
            ]),
          )
    }
    <h2 class="mt-8">${t(lang, 'timeline')}</h2>
    ${dataTable(
      'table--compact',
      [t(lang, 'when'), t(lang, 'event'), t(lang, 'actor')],
      tl.history.map((h) => [formatDate(lang, h.at, true), eventWords(lang, def, h.event, h.data), actorWords(lang, h.actor, false)]),
    )}
    <h2 class="mt-8">${t(lang, 'timers')}</h2>
    ${
      tl.timers.length === 0
        ? html`<p>${t(lang, 'none')}</p>`
        : dataTable(
            'table--compact',
            [t(lang, 'step'), t(lang, 'purpose'), t(lang, 'status'), t(lang, 'when')],
            tl.timers.map((x) => [
              stepTitle(lang, def, x.step ?? timerStep(def, x.key)),
              words(timerPurpose, x.purpose),
              words(timerStatus, x.status),
              formatDate(lang, x.dueAt, true),
            ]),
          )
    }
    <h2 class="mt-8">${t(lang, 'notes')}</h2>
    ${
      tl.notes.length === 0
        ? html`<p>${t(lang, 'none')}</p>`
        : html`<ul class="nobullet-list">${tl.notes.map(
            (n) => html`<li class="mt-3"><p><strong>${n.author}</strong> (${n.authority}) · ${formatDate(lang, n.at, true)}</p>
              <p>${n.body}</p></li>`,
          )}</ul>`
    }
    <form method="post" action="${base}/notes" class="mt-5" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}">
      <div class="form-group${noteError ? ' form-error' : ''}"><label class="form-label" for="note-body">${t(lang, 'addNote')}</label>
        ${noteError ? html`<span class="form-error-message" id="note-body-error">${noteError}</span>` : ''}
        <textarea class="form-input" id="note-body" name="body" rows="4" maxlength="2000"
          required${noteError ? html` aria-describedby="note-body-error"` : ''}></textarea></div>
      <button type="submit" class="button button-primary">${t(lang, 'addNote')}</button>
    </form>
    <p class="mt-6"><a href="/caseworker" class="back-link">${t(lang, 'back')}</a></p>`;
}
