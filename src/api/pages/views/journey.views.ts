import type { EventSpec, JourneyDefinition, Text } from '../../../../journeys/shared/contract';
import { startersOf, startsByItself } from '../../../engine/definitions/journey-contract';
import type { JourneyView } from '../../../engine/queries/journey-view';
import { html, type SafeHtml } from '../html';
import { formatDate, journeyStatus, stepStatus, t, tx, type Lang } from '../i18n';
import { errorSummary, schemaFields, type FormState } from '../schema-form';
import { actorWords, authorityName, eventWords } from '../plain-words';
import { statusBadge } from './status-badge';
import { dataTable } from './table';
import { taskList, type TaskListOptions } from './task-list.views';

/** `label` replaces the title as the link text (a journey held by power of attorney: "Anna Jensens forløb: Flytte"). */
export function journeyTable(lang: Lang, journeys: { view: JourneyView; note?: string; label?: string }[], base = '/journeys'): SafeHtml {
  if (!journeys.length) return html`<p>${t(lang, 'noJourneys')}</p>`;
  return dataTable(
    'table--zebra mt-4',
    [t(lang, 'journey'), t(lang, 'status'), t(lang, 'nextDeadline'), t(lang, 'startedOn')],
    journeys.map(({ view, note, label }) => [
      html`<a href="${base}/${view.id}">${label ?? tx(lang, view.title)}</a>${
        note ? html`<br><span class="form-hint">${note}</span>` : ''
      }`,
      statusBadge(journeyStatus(lang, view.status), view.status),
      view.nextDeadline ? formatDate(lang, view.nextDeadline) : t(lang, 'none'),
      formatDate(lang, view.createdAt),
    ]),
  );
}

/** Journeys a citizen starts link to their form; those only a register starts say when they start by themselves. */
export function startList(lang: Lang, defs: JourneyDefinition[]): SafeHtml {
  return html`<ul class="nobullet-list">${defs.map((d) => {
    const byHand = startersOf(d).includes('citizen');
    const byRegister = startersOf(d).includes('register');
    const title = byHand ? html`<a href="/journeys/new/${d.id}">${tx(lang, d.title)}</a>` : tx(lang, d.title);
    return html`<li class="mt-5"><h2 class="h3">${title}</h2><p>${tx(lang, d.description)}</p>
      ${byRegister ? html`<p class="form-hint">${tx(lang, startsByItself(d))}</p>` : ''}</li>`;
  })}</ul>`;
}

/** A journey only a register starts: what it is and when it starts, instead of a form that cannot succeed. */
export function startsByItselfView(lang: Lang, def: JourneyDefinition): SafeHtml {
  return html`<p class="font-lead">${tx(lang, def.description)}</p>
    <div class="alert alert-info mt-5" role="note">
      <div class="alert-body"><p class="alert-text">${tx(lang, startsByItself(def))}</p></div>
    </div>
    <p class="mt-6"><a href="/journeys/new" class="back-link">${t(lang, 'back')}</a></p>`;
}

/** Starting a journey of a type that already runs: say so, and offer the running one. */
export function runningNotice(lang: Lang, def: JourneyDefinition, journeyId: string): SafeHtml {
  const name = tx(lang, def.title);
  const text = {
    heading: { da: `Du har allerede et forløb i gang: ${name}`, en: `You already have a journey under way: ${name}` },
    onlyOne: {
      da: 'Du kan kun have ét forløb af denne slags ad gangen. Svarene herunder er ikke gemt.',
      en: 'You can have only one journey of this kind at a time. The answers below have not been saved.',
    },
    goTo: { da: 'Gå til det forløb, du har i gang', en: 'Go to the journey you have under way' },
  };
  return html`<div class="alert alert-warning mt-4" role="status"><div class="alert-body">
    <p class="alert-heading">${text.heading[lang]}</p>
    <p class="alert-text">${text.onlyOne[lang]}
      <a href="/journeys/${journeyId}">${text.goTo[lang]}</a></p>
  </div></div>`;
}

export function startForm(lang: Lang, csrf: string, def: JourneyDefinition, state: FormState): SafeHtml {
  if (!startersOf(def).includes('citizen')) return startsByItselfView(lang, def);
  return html`<p class="font-lead">${tx(lang, def.description)}</p>
    ${errorSummary(state, def.startSchema)}
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
    ${
      o.banner
        ? html`<div class="alert alert-info" role="note">
          <div class="alert-body"><p class="alert-text">${o.banner}</p></div></div>`
        : ''
    }
    <p>${statusBadge(journeyStatus(lang, view.status), view.status)}
      ${view.nextDeadline ? html` ${t(lang, 'nextDeadline')}: <strong>${formatDate(lang, view.nextDeadline)}</strong>` : ''}</p>
    ${view.brokenReason ? html`<p>${journeyStatus(lang, 'broken')}</p>` : ''}
    ${taskList(o)}
    <p class="mt-6"><a href="${o.base}/diagram">${t(lang, 'diagram')}</a></p>
    <h2 class="mt-8">${t(lang, 'history')}</h2>
    ${dataTable(
      'table--compact',
      [t(lang, 'when'), t(lang, 'event'), t(lang, 'actor')],
      o.history.map((h) => [
        formatDate(lang, new Date(h.created_at).toISOString(), true),
        eventWords(lang, o.def, h.event_type, h.event_data),
        actorWords(lang, h.actor, o.ownerViewing),
      ]),
    )}`;
}

const ACTORS: Record<string, Text> = {
  citizen: { da: 'dig', en: 'you' },
  caseworker: { da: 'en sagsbehandler', en: 'a caseworker' },
  system: { da: 'myndighedens selvbetjening', en: "the authority's self-service" },
  register: { da: 'CPR-registret', en: 'the civil register' },
};

/**
 * The journey as steps and their states, for people: where the journey is now, who handles each
 * step, and what moves it on (the events that decide it, by title, and who may send them).
 * No state-node ids, no event ids: the machine itself is for developers (journeys/<type>/diagram.md).
 */
export function diagramView(lang: Lang, def: JourneyDefinition, view: JourneyView, back: string): SafeHtml {
  const say = (da: string, en: string) => (lang === 'da' ? da : en);
  const deciders = (stepId: string) => Object.values(def.events).filter((e) => e.steps.includes(stepId));
  const intro = say(
    'Forløbets trin, hvor hvert trin står, og hvad der flytter det videre.',
    'The steps of the journey, where each stands, and what moves it on.',
  );
  const reportedBy = (e: EventSpec) =>
    `${say('meldes af', 'reported by')} ${e.actors.map((a) => tx(lang, ACTORS[a])).join(say(' eller ', ' or '))}`;
  return html`<p>${intro}</p>
    <p>${t(lang, 'status')}: ${statusBadge(journeyStatus(lang, view.status), view.status)}</p>
    <ol class="mt-4">${view.steps.map((s) => {
      const now = ['active', 'late', 'failed'].includes(s.status) && view.status === 'active';
      const events = deciders(s.id);
      return html`<li class="mt-5${now ? ' weight-semibold' : ''}"><h2 class="h4">${tx(lang, s.title)}</h2>
        <p>${statusBadge(stepStatus(lang, s.status), s.status)}${now ? html` <strong>${t(lang, 'activeState')}</strong>` : ''}
          ${s.system ? html` · ${say('Hvem', 'Who')}: ${s.kind === 'citizen' ? say('dig', 'you') : authorityName(lang, s.system)}` : ''}
          ${s.deadline ? html` · ${t(lang, 'deadline')}: ${formatDate(lang, s.deadline)}` : ''}</p>
        ${
          events.length
            ? html`<ul>${events.map((e) => html`<li>${tx(lang, e.title)} <span class="form-hint">(${reportedBy(e)})</span></li>`)}
        </ul>`
            : ''
        }
      </li>`;
    })}</ol>
    <p class="mt-6"><a href="${back}" class="back-link">${t(lang, 'back')}</a></p>`;
}
