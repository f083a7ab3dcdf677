import type { JourneyDefinition, StepDefinition } from '../../../../journeys/shared/contract';
import type { ConsentRequest, ConsentView } from '../../../engine/overview/consents';
import type { HistoryRow } from '../../../engine/persistence/journey.repository';
import type { JourneyView, NextActionView, StepView } from '../../../engine/queries/journey-view';
import { html, type SafeHtml } from '../html';
import { formatDate, t, tx, type Lang } from '../i18n';
import { actorWords, authorityName } from '../plain-words';
import { errorSummary, schemaFields, type FormState } from '../schema-form';
import { consentChoice, consentGivenLine } from './consents.views';
import { statusBadge } from './status-badge';

/** A reminder the citizen will get (planned) or has got (sent), for a step. */
export interface ReminderView {
  step: string | null;
  at: string;
  sent: boolean;
}

export interface TaskListOptions {
  lang: Lang;
  csrf: string;
  def: JourneyDefinition;
  view: JourneyView;
  history: HistoryRow[];
  reminders: ReminderView[];
  base: string;
  canAct: boolean;
  /** The owner reads the page (a proxy reads "the citizen", not "you"). */
  ownerViewing: boolean;
  failed?: { event: string; values: Record<string, string>; errors: Record<string, string> };
  idempotencyKey: () => string;
  /** Steps whose fetch waits for consent (Consents.requested): they offer "Giv samtykke" or "Udfyld selv". */
  consentRequests?: ConsentRequest[];
  /** The journey's consents: a step with one in force says so. */
  consents?: ConsentView[];
}

interface Task {
  step?: StepView;
  definition?: StepDefinition;
  actions: NextActionView[];
}

const OPEN = ['active', 'late', 'failed'];
const say = (lang: Lang, da: string, en: string) => (lang === 'da' ? da : en);

/**
 * The journey as a step-by-step task list (GOV.UK step-by-step, borger.dk): one primary task with
 * its deadline in the heading, the link to do it first and then the form that tells us it is done;
 * the other open tasks in order; what the authorities are doing; reminders with dates; done steps
 * with when and by whom; steps that do not apply folded away with one line on why.
 */
export function taskList(o: TaskListOptions): SafeHtml {
  const { lang, view, def } = o;
  const actions = o.canAct ? view.nextActions : [];
  const byStep = new Map<string, NextActionView[]>();
  const loose: NextActionView[] = [];
  for (const a of actions) {
    const stepId =
      def.events[a.event]?.steps.find((s) => view.steps.some((v) => v.id === s && OPEN.includes(v.status))) ??
      def.events[a.event]?.steps[0];
    if (stepId && view.steps.some((s) => s.id === stepId)) byStep.set(stepId, [...(byStep.get(stepId) ?? []), a]);
    else loose.push(a);
  }
  const definitionOf = (id: string) => def.steps.find((s) => s.id === id);
  const tasks: Task[] = view.steps
    .filter((s) => byStep.has(s.id) || (o.canAct && s.kind === 'citizen' && OPEN.includes(s.status) && s.selfService))
    .map((s) => ({ step: s, definition: definitionOf(s.id), actions: byStep.get(s.id) ?? [] }));
  if (loose.length) tasks.push({ actions: loose });
  const taskSteps = new Set(tasks.map((x) => x.step?.id));
  const waiting = view.steps.filter((s) => OPEN.includes(s.status) && !taskSteps.has(s.id));
  const later = view.steps.filter((s) => s.status === 'pending');
  const done = view.steps.filter((s) => s.status === 'done');
  const skipped = view.steps.filter((s) => s.status === 'skipped');
  // The task whose deadline comes first leads (an overdue one before all); the rest follow in step order.
  const primary = [...tasks].sort((a, b) => (a.step?.deadline ?? '\uffff').localeCompare(b.step?.deadline ?? '\uffff'))[0];
  const others = tasks.filter((x) => x !== primary);
  const reminders = [...o.reminders.filter((r) => !r.sent), ...o.reminders.filter((r) => r.sent)];

  return html`<h2>${t(lang, 'whatNow')}</h2>
    ${primary ? taskBlock(o, primary, 0, true) : html`<p>${t(lang, 'nothingNow')}</p>`}
    ${
      others.length
        ? html`<h2 class="mt-8">${say(lang, 'Dine andre opgaver', 'Your other tasks')}</h2>
      <ol class="nobullet-list">${others.map((task, i) => html`<li>${taskBlock(o, task, i + 1, false)}</li>`)}</ol>`
        : ''
    }
    ${section(
      say(lang, 'Det venter vi på', 'What we are waiting for'),
      waiting.map((s) => waitingLine(lang, s)),
    )}
    ${section(
      say(lang, 'Senere i forløbet', 'Later in the journey'),
      later.map((s) => `${stepLine(lang, s)}${deadlineText(lang, s)}`),
    )}
    ${section(
      say(lang, 'Påmindelser', 'Reminders'),
      reminders.map((r) => reminderLine(lang, view, r)),
    )}
    ${section(
      say(lang, 'Færdige trin', 'Done'),
      done.map((s) => html`${statusBadge(say(lang, 'Færdig', 'Done'), 'done')} ${tx(lang, s.title)}${doneBy(o, s.id)}`),
    )}
    ${
      skipped.length
        ? html`<details class="mt-8"><summary>${say(lang, 'Ikke relevant for dig', 'Not relevant for you')} (${skipped.length})</summary>
      <ul>${skipped.map((s) => html`<li class="mt-3">${tx(lang, s.title)}: ${notRelevantLine(lang, s)}</li>`)}</ul></details>`
        : ''
    }`;
}

/** A heading and its list, or nothing when the list is empty. */
function section(title: string, items: (SafeHtml | string)[]): SafeHtml | string {
  if (!items.length) return '';
  return html`<h2 class="mt-8">${title}</h2>
      <ul>${items.map((item) => html`<li class="mt-3">${item}</li>`)}</ul>`;
}

function waitingLine(lang: Lang, s: StepView): SafeHtml {
  const helping = say(lang, 'En sagsbehandler hjælper', 'A caseworker is helping');
  return html`${stepLine(lang, s)}${s.system ? ` – ${authorityName(lang, s.system)}` : ''}${deadlineText(lang, s)}
        ${s.status === 'failed' ? html` ${statusBadge(helping, 'failed')}` : ''}`;
}

function reminderLine(lang: Lang, view: JourneyView, r: ReminderView): SafeHtml {
  const when = `${reminderStep(lang, view, r.step)} ${say(lang, 'den', 'on')} ${formatDate(lang, r.at)}`;
  if (!r.sent) return html`${say(lang, 'Vi minder dig om', 'We will remind you about')} ${when}`;
  const notifications = html`<a href="/me/notifications">${t(lang, 'notifications')}</a>`;
  return html`${say(lang, 'Vi sendte dig en påmindelse om', 'We sent you a reminder about')} ${when} (${notifications})`;
}

function notRelevantLine(lang: Lang, s: StepView): string {
  return (
    tx(lang, s.notRelevant) ||
    say(lang, 'Gælder ikke ud fra dine svar og registrenes oplysninger.', 'Does not apply given your answers and the registers.')
  );
}

function stepLine(lang: Lang, s: StepView): string {
  return tx(lang, s.title);
}

function deadlineText(lang: Lang, s: StepView): string {
  return s.deadline ? ` – ${say(lang, 'senest', 'by')} ${formatDate(lang, s.deadline)}` : '';
}

function reminderStep(lang: Lang, view: JourneyView, stepId: string | null): string {
  const step = view.steps.find((s) => s.id === stepId);
  return step ? `"${tx(lang, step.title)}"` : say(lang, 'en frist', 'a deadline');
}

/** When a done step was decided and by whom: the last history row of an event naming the step. */
function doneBy(o: TaskListOptions, stepId: string): string {
  const row = [...o.history].reverse().find((h) => o.def.events[h.event_type]?.steps.includes(stepId) || h.event_data?.step === stepId);
  if (!row) return '';
  const when = formatDate(o.lang, new Date(row.created_at).toISOString(), true);
  return ` – ${when} · ${t(o.lang, 'actor')}: ${actorWords(o.lang, row.actor, o.ownerViewing)}`;
}

function taskTitle(lang: Lang, task: Task): string {
  if (!task.step) return say(lang, 'Andet, du kan gøre', 'Other things you can do');
  const title = tx(lang, task.definition?.task ?? task.step.title);
  return task.step.deadline ? `${title} – ${say(lang, 'senest', 'by')} ${formatDate(lang, task.step.deadline)}` : title;
}

function taskBlock(o: TaskListOptions, task: Task, index: number, primary: boolean): SafeHtml {
  const { lang } = o;
  const id = `task-${index}`;
  const step = task.step;
  const link = step?.selfService?.url ?? step?.legalSource?.url;
  // A source is named in its own language (Danish unless it says otherwise), marked so on either page.
  const linkText = step?.selfService
    ? say(
        lang,
        `Gå til ${authorityName(lang, step.system) || 'selvbetjeningen'}`,
        `Go to ${authorityName(lang, step.system) || 'the self-service'}`,
      )
    : html`<span lang="${step?.legalSource?.lang ?? 'da'}">${step?.legalSource?.title ?? ''}</span>`;
  const request = o.canAct ? o.consentRequests?.find((r) => r.step === step?.id) : undefined;
  const form = (a: NextActionView, i: number, first: boolean) => {
    const failed = o.failed?.event === a.event ? o.failed : undefined;
    const state: FormState = { lang, formId: `${id}-${i}`, values: failed?.values ?? {}, errors: failed?.errors ?? {} };
    return confirmForm(o, a, state, first);
  };
  // A fetch waiting for consent: the choice comes first, and the event that fills the data in is its "Udfyld selv".
  const fillIn = request ? task.actions.findIndex((a) => a.event === request.fillInYourself) : -1;
  const choice = request
    ? consentChoice(lang, {
        csrf: o.csrf,
        action: `${o.base}/consents`,
        idPrefix: id,
        request,
        fillInForm: fillIn >= 0 ? form(task.actions[fillIn], fillIn, false) : undefined,
      })
    : '';
  const given = o.consents?.find((c) => c.valid && c.step.id === step?.id);
  // The self-service link leads the primary task, unless the consent choice does.
  const leads = primary && !!step?.selfService && !request;
  const forms = task.actions.flatMap((a, i) => (i === fillIn ? [] : [form(a, i, primary && i === 0 && !request)]));
  const rule = step?.deadlineRule ? html`<p class="form-hint">${tx(lang, step.deadlineRule)}</p>` : '';
  const tellUs = say(lang, 'Når du har gjort det, så fortæl os det her:', 'When you have done it, tell us here:');
  const how = html`${step ? html`<p>${tx(lang, step.guidance)}</p>${rule}` : ''}
    ${choice}${given && !request ? consentGivenLine(lang, given, o.ownerViewing) : ''}
    ${link ? html`<p><a href="${link}"${leads ? html` class="button button-primary"` : ''}>${linkText}</a></p>` : ''}
    ${forms.length && link ? html`<p>${tellUs}</p>` : ''}
    ${forms}`;
  const failedHere = task.actions.some((a) => a.event === o.failed?.event);
  const howTo = say(lang, 'Sådan gør du', 'How to do it');
  return html`<section class="mt-6${primary ? ' task-primary' : ''}" aria-labelledby="${id}-title">
    <h3 id="${id}-title"${primary ? '' : html` class="h4"`}>${taskTitle(lang, task)}</h3>
    ${step?.overdue ? html`<p>${statusBadge(t(lang, 'overdue'), 'failed')}</p>` : ''}
    ${primary ? how : html`<details${failedHere ? ' open' : ''}><summary>${howTo}</summary>${how}</details>`}
  </section>`;
}

function confirmForm(o: TaskListOptions, action: NextActionView, state: FormState, primary: boolean): SafeHtml {
  const label = tx(o.lang, o.def.events[action.event]?.confirm ?? action.title);
  return html`<form method="post" action="${o.base}/events/${action.event}" novalidate class="mt-4" aria-label="${label}">
      ${errorSummary(state, action.schema)}
      <input type="hidden" name="_csrf" value="${o.csrf}"><input type="hidden" name="_key" value="${o.idempotencyKey()}">
      ${schemaFields(action.schema, state)}
      <button type="submit" class="button ${primary ? 'button-primary' : 'button-secondary'}">${label}</button>
    </form>`;
}
