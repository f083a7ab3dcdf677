import type { Text } from '../../../../journeys/shared/contract';
import type { BenefitsPart } from '../../../engine/overview/benefits.reader';
import type { CorrectionView } from '../../../engine/overview/corrections';
import { AUTHORITY_SYSTEMS } from '../../../../journeys/shared/authority-tasks';
import type { AuthoritySystemId } from '../../../../journeys/shared/contract';
import type { ExpectedAnswer } from '../../../engine/overview/overview.queries';
import type { Overview } from '../../../engine/overview/overview.service';
import type { ProxyGrantView } from '../../../engine/proxies/proxy.repository';
import { html, type SafeHtml } from '../html';
import { formatDate, type Lang } from '../i18n';
import { dataTable } from './table';

/** The texts of Mit overblik, Danish first. */
const T = {
  title: { da: 'Mit overblik', en: 'My overview' },
  titleFor: { da: 'Overblik for', en: 'Overview for' },
  intro: {
    da:
      'Her ser du på én side, hvad det offentlige har i gang med dig: dine næste frister, sager hos myndighederne, ' +
      'dine ydelser og udbetalinger og de oplysninger fra registrene, som dine forløb bruger.',
    en:
      'One page for everything the public sector has going on with you: your next deadlines, cases with the authorities, ' +
      'your benefits and payments, and the register facts your journeys use.',
  },
  deadlines: { da: 'Næste frister', en: 'Next deadlines' },
  noDeadlines: { da: 'Du har ingen frister i dine igangværende forløb.', en: 'You have no deadlines in your running journeys.' },
  date: { da: 'Frist', en: 'Deadline' },
  what: { da: 'Hvad', en: 'What' },
  journey: { da: 'Forløb', en: 'Journey' },
  authority: { da: 'Myndighed', en: 'Authority' },
  overdue: { da: 'Fristen er overskredet', en: 'Overdue' },
  forYou: { da: 'Du skal gøre noget', en: 'You need to act' },
  cases: { da: 'Sager hos myndighederne', en: 'Cases with the authorities' },
  noCases: { da: 'Ingen myndighed behandler noget for dig lige nu.', en: 'No authority is handling anything for you right now.' },
  waitingSince: { da: 'Venter siden', en: 'Waiting since' },
  since: { da: 'siden', en: 'since' },
  benefits: { da: 'Ydelser og udbetalinger', en: 'Benefits and payments' },
  benefitsNote: {
    da: 'Læst direkte hos de myndigheder, der udbetaler. Oplysningerne deles ikke med andre myndigheder.',
    en: 'Read directly from the paying authorities. Nothing read here is shared with another authority.',
  },
  unavailable: { da: 'Kunne ikke læses lige nu. Prøv igen senere.', en: 'Could not be read right now. Try again later.' },
  noBenefits: { da: 'Ingen ydelser.', en: 'No benefits.' },
  benefit: { da: 'Ydelse', en: 'Benefit' },
  amount: { da: 'Beløb', en: 'Amount' },
  period: { da: 'Periode', en: 'Period' },
  nextPayment: { da: 'Næste udbetaling', en: 'Next payment' },
  from: { da: 'Fra forløb', en: 'From journey' },
  monthly: { da: 'pr. måned', en: 'per month' },
  quarterly: { da: 'pr. kvartal', en: 'per quarter' },
  facts: { da: 'Oplysninger fra registrene', en: 'Register facts' },
  noFacts: { da: 'Dine forløb har ikke brugt oplysninger fra registrene.', en: 'Your journeys have not used register facts.' },
  usedBy: { da: 'Brugt af', en: 'Used by' },
  calendar: { da: 'Frister i din kalender', en: 'Deadlines in your calendar' },
  calendarIntro: {
    da:
      'Abonnér på dine frister i kalenderen på din telefon eller computer. Linket virker uden login, så del det ikke med andre. ' +
      'Du kan altid lave et nyt link; det gamle holder så op med at virke.',
    en:
      'Subscribe to your deadlines in the calendar on your phone or computer. The link works without signing in, so do not share it. ' +
      'You can always make a new link; the old one then stops working.',
  },
  calendarActive: { da: 'Du har et aktivt kalenderlink, lavet', en: 'You have an active calendar link, made' },
  calendarNone: { da: 'Du har ikke et kalenderlink.', en: 'You have no calendar link.' },
  calendarNew: { da: 'Lav nyt kalenderlink', en: 'Make a new calendar link' },
  calendarRevoke: { da: 'Luk kalenderlinket', en: 'Turn off the calendar link' },
  calendarUrl: { da: 'Dit kalenderlink (vises kun nu)', en: 'Your calendar link (shown only now)' },
  calendarRevoked: { da: 'Kalenderlinket er lukket.', en: 'The calendar link is turned off.' },
  represented: { da: 'Overblik for dem, du har fuldmagt fra', en: 'Overviews of people who gave you power of attorney' },
  wrong: { da: 'Er det forkert?', en: 'Is this wrong?' },
  wrongLabel: { da: 'Beskriv, hvad der er forkert, og hvad der er det rigtige', en: 'Describe what is wrong and what is right' },
  wrongHint: { da: 'Højst 2.000 tegn. Beskeden sendes til', en: 'At most 2,000 characters. The message goes to' },
  wrongSend: { da: 'Send rettelse', en: 'Send correction' },
  awaiting: { da: 'Sendt – venter på svar fra', en: 'Sent – waiting for an answer from' },
  byProxy: { da: 'sendt af en med fuldmagt', en: 'sent by someone with power of attorney' },
  proxyReads: {
    da: 'Du ser overblikket med din fuldmagt. Hver gang du ser det, står det i deres log over, hvem der har set deres oplysninger.',
    en: 'You see this overview through your power of attorney. Each time you look, it is recorded in their log of who saw their data.',
  },
  corrected: { da: 'Rettet', en: 'Corrected' },
  rejected: { da: 'Ikke rettet', en: 'Not corrected' },
  error: { da: 'Fejl', en: 'Error' },
  descriptionError: { da: 'Skriv mellem 1 og 2.000 tegn.', en: 'Write between 1 and 2,000 characters.' },
} satisfies Record<string, Text>;

export const ot = (lang: Lang, key: keyof typeof T) => T[key][lang];

const FACT_VALUES: Record<string, Text> = {
  married: { da: 'Gift', en: 'Married' },
  unmarried: { da: 'Ugift', en: 'Unmarried' },
  separated: { da: 'Separeret', en: 'Separated' },
};

const money = (lang: Lang, amount: number) =>
  new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { style: 'currency', currency: 'DKK' }).format(amount);

const forYou = (lang: Lang) => html`<br><span class="badge badge-info">${ot(lang, 'forYou')}</span>`;

function deadlinesSection(lang: Lang, o: Overview): SafeHtml {
  const rows = o.deadlines.map((d) => [
    html`${formatDate(lang, d.deadline)}${d.overdue ? html`<br><span class="badge badge-error">${ot(lang, 'overdue')}</span>` : ''}`,
    html`<a href="${d.link}">${d.step.title[lang]}</a>${d.forYou ? forYou(lang) : ''}`,
    d.authority?.name[lang] ?? '',
    d.journey.title[lang],
  ]);
  const head = (['date', 'what', 'authority', 'journey'] as const).map((k) => ot(lang, k));
  return html`<section aria-labelledby="deadlines-h" class="mt-8"><h2 id="deadlines-h">${ot(lang, 'deadlines')}</h2>
    ${o.deadlines.length ? dataTable('table--zebra mt-4', head, rows) : html`<p>${ot(lang, 'noDeadlines')}</p>`}</section>`;
}

/** The authority's published answer time for the case, when there is one. */
const expected = (lang: Lang, e: ExpectedAnswer | null) =>
  e ? html`<br><span class="form-hint expected-answer">${e.text[lang]}.</span>` : '';

function casesSection(lang: Lang, o: Overview): SafeHtml {
  return html`<section aria-labelledby="cases-h" class="mt-8"><h2 id="cases-h">${ot(lang, 'cases')}</h2>
    ${
      o.cases.length
        ? o.cases.map(
            (c) =>
              html`<h3 class="h4">${c.authority.name[lang]}</h3><ul>${c.steps.map(
                (s) =>
                  html`<li><a href="${s.link}">${s.step.title[lang]}</a> (${s.journey.title[lang]})${
                    s.since ? html`, ${ot(lang, 'since')} ${formatDate(lang, s.since)}` : ''
                  }${expected(lang, s.expectedAnswer)}</li>`,
              )}</ul>`,
          )
        : html`<p>${ot(lang, 'noCases')}</p>`
    }</section>`;
}

function benefitPart(lang: Lang, part: BenefitsPart): SafeHtml {
  const head = (['benefit', 'amount', 'period', 'nextPayment', 'from'] as const).map((k) => ot(lang, k));
  const rows = part.benefits.map((b) => [
    b.name[lang],
    `${money(lang, b.amount)} ${b.frequency === 'quarterly' ? ot(lang, 'quarterly') : ot(lang, 'monthly')}`,
    html`${formatDate(lang, b.periodFrom)}${b.periodTo ? html` – ${formatDate(lang, b.periodTo)}` : ''}`,
    formatDate(lang, b.nextPaymentDate),
    b.source ? html`<a href="${b.source.link}">${ot(lang, 'journey')}</a>` : '',
  ]);
  const body =
    part.status === 'unavailable'
      ? html`<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${ot(lang, 'unavailable')}</p></div></div>`
      : part.benefits.length
        ? dataTable('mt-2', head, rows)
        : html`<p>${ot(lang, 'noBenefits')}</p>`;
  return html`<h3 class="h4">${part.authority.name[lang]}</h3>${body}`;
}

function benefitsSection(lang: Lang, o: Overview): SafeHtml {
  if (!o.benefits) return html``;
  return html`<section aria-labelledby="benefits-h" class="mt-8"><h2 id="benefits-h">${ot(lang, 'benefits')}</h2>
    <p class="form-hint">${ot(lang, 'benefitsNote')}</p>${o.benefits.map((p) => benefitPart(lang, p))}</section>`;
}

/** Each fact with what it is, the journeys that used it and, when given, what the citizen can do about it. */
function factsSection(lang: Lang, o: Overview, extra?: (fact: string) => SafeHtml): SafeHtml {
  const value = (v: string | string[]) =>
    Array.isArray(v) ? v.map((d) => formatDate(lang, d)).join(', ') || '–' : (FACT_VALUES[v]?.[lang] ?? v);
  const usedBy = (journeys: { title: Text }[]) => journeys.map((j) => j.title[lang]).join(', ');
  return html`<section aria-labelledby="facts-h" class="mt-8"><h2 id="facts-h">${ot(lang, 'facts')}</h2>
    ${
      o.facts.length
        ? html`<dl>${o.facts.map(
            (f) =>
              html`<dt>${f.label[lang]}</dt><dd>${value(f.value)}<br><span
                  class="form-hint">${ot(lang, 'usedBy')}: ${usedBy(f.usedBy)}</span>${extra?.(f.fact) ?? ''}</dd>`,
          )}</dl>`
        : html`<p>${ot(lang, 'noFacts')}</p>`
    }</section>`;
}

function calendarSection(lang: Lang, csrf: string, o: Overview, issuedUrl?: string): SafeHtml {
  if (!o.calendar) return html``;
  const made = formatDate(lang, o.calendar.createdAt, true);
  const issued = issuedUrl
    ? html`<div class="form-group"><label class="form-label" for="calendar-url">${ot(lang, 'calendarUrl')}</label>
        <input class="form-input input-width-xl" id="calendar-url" readonly value="${issuedUrl}"></div>`
    : '';
  const revoke = o.calendar.active
    ? html`<form method="post" action="/overblik/kalender/luk" class="d-inline"><input type="hidden" name="_csrf" value="${csrf}">
        <button type="submit" class="button button-tertiary">${ot(lang, 'calendarRevoke')}</button></form>`
    : '';
  return html`<section aria-labelledby="calendar-h" class="mt-8"><h2 id="calendar-h">${ot(lang, 'calendar')}</h2>
    <p>${ot(lang, 'calendarIntro')}</p>
    ${issued}
    <p>${o.calendar.active ? html`${ot(lang, 'calendarActive')} ${made}.` : ot(lang, 'calendarNone')}</p>
    <form method="post" action="/overblik/kalender" class="d-inline"><input type="hidden" name="_csrf" value="${csrf}">
      <button type="submit" class="button button-secondary">${ot(lang, 'calendarNew')}</button></form>
    ${revoke}
  </section>`;
}

function representedSection(lang: Lang, grants: ProxyGrantView[]): SafeHtml {
  const all = grants.filter((g) => g.active && !g.journeyId);
  if (!all.length) return html``;
  return html`<section aria-labelledby="represented-h" class="mt-8"><h2 id="represented-h">${ot(lang, 'represented')}</h2>
    <ul>${all.map(
      (g) => html`<li><a href="/overblik/fuldmagt/${g.id}">${ot(lang, 'titleFor')} ${g.counterpartName ?? g.counterpart}</a></li>`,
    )}</ul></section>`;
}

const authorityName = (lang: Lang, id: string) => AUTHORITY_SYSTEMS[id as AuthoritySystemId]?.name[lang] ?? id;

/** The latest correction of the fact and, unless one waits, the "Er det forkert?" form (a disclosure: no script needed). */
export function correctionPart(
  lang: Lang,
  csrf: string,
  fact: string,
  owner: string,
  latest: CorrectionView | undefined,
  form?: { fact: string; description: string; error?: boolean },
  action = '/overblik/ret',
): SafeHtml {
  const status = latest
    ? latest.status === 'awaiting'
      ? html`<p class="mt-2"><span class="badge badge-info">${ot(lang, 'awaiting')} ${authorityName(lang, latest.authority)}</span>
          (${formatDate(lang, latest.createdAt, true)}${latest.requestedBy === 'proxy' ? html`, ${ot(lang, 'byProxy')}` : ''})</p>`
      : html`<p class="mt-2"><span class="badge ${latest.status === 'corrected' ? 'badge-success' : 'badge-warning'}"
          >${ot(lang, latest.status)}</span> ${latest.answer ?? ''}</p>`
    : html``;
  if (latest?.status === 'awaiting') return status;
  const mine = form?.fact === fact;
  const id = `wrong-${fact}`;
  const described = [`${id}-hint`, mine && form?.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const problem = html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${ot(lang, 'error')}: </span>${ot(
    lang,
    'descriptionError',
  )}</span>`;
  return html`${status}<details class="mt-2"${mine ? ' open' : ''}><summary>${ot(lang, 'wrong')}</summary>
    <form method="post" action="${action}" novalidate><input type="hidden" name="_csrf" value="${csrf}">
      <input type="hidden" name="fact" value="${fact}">
      <div class="form-group${mine && form?.error ? ' form-error' : ''}">
        <label class="form-label" for="${id}">${ot(lang, 'wrongLabel')}</label>
        <span class="form-hint" id="${id}-hint">${ot(lang, 'wrongHint')} ${authorityName(lang, owner)}.</span>
        ${mine && form?.error ? problem : ''}
        <textarea class="form-input" id="${id}" name="description" rows="4" maxlength="2000"
          aria-describedby="${described}">${mine ? (form?.description ?? '') : ''}</textarea></div>
      <button type="submit" class="button button-secondary">${ot(lang, 'wrongSend')}</button></form></details>`;
}

export interface OverviewPageParts {
  csrf: string;
  /** The calendar URL just made: shown once. */
  issuedUrl?: string;
  /** Grants the reader holds (their own overview only). */
  received?: ProxyGrantView[];
  /** What each fact offers beyond its value (the correction form and its status). */
  factExtra?: (fact: string) => SafeHtml;
}

export function overviewView(lang: Lang, o: Overview, parts: OverviewPageParts): SafeHtml {
  const proxy = o.representing ? html`<p class="form-hint">${ot(lang, 'proxyReads')}</p>` : '';
  return html`<p>${ot(lang, 'intro')}</p>${proxy}
    ${deadlinesSection(lang, o)}${casesSection(lang, o)}${benefitsSection(lang, o)}${factsSection(lang, o, parts.factExtra)}
    ${calendarSection(lang, parts.csrf, o, parts.issuedUrl)}${representedSection(lang, parts.received ?? [])}`;
}
