import type { Text } from '../../../../journeys/shared/contract';
import type { ConsentRequest, ConsentView } from '../../../engine/overview/consents';
import { html, type SafeHtml } from '../html';
import { formatDate, type Lang } from '../i18n';
import { statusBadge } from './status-badge';

/** The texts of the consents (samtykker), Danish first. */
export const CONSENT_TEXTS = {
  title: { da: 'Samtykker', en: 'Consents' },
  intro: {
    da:
      'Her er de samtykker, du har givet til, at vi henter oplysninger om dig hos en myndighed. ' +
      'Du kan altid trække et samtykke tilbage. Det, der allerede er hentet, bliver i forløbet; der hentes ikke mere.',
    en:
      'These are the consents you have given for us to fetch information about you from an authority. ' +
      'You can always withdraw a consent. What has already been fetched stays in the journey; nothing more is fetched.',
  },
  none: { da: 'Du har ikke givet nogen samtykker.', en: 'You have not given any consents.' },
  fetches: { da: 'Hvad hentes', en: 'What is fetched' },
  from: { da: 'Hentes fra', en: 'Fetched from' },
  purpose: { da: 'Til hvad', en: 'What for' },
  given: { da: 'Givet', en: 'Given' },
  withdrawn: { da: 'Trukket tilbage', en: 'Withdrawn' },
  valid: { da: 'Gælder', en: 'Valid' },
  byYou: { da: 'af dig', en: 'by you' },
  byProxy: { da: 'af en person med fuldmagt fra dig', en: 'by someone holding your power of attorney' },
  withdraw: { da: 'Træk tilbage', en: 'Withdraw' },
  ask: {
    da: 'Vil du trække samtykket tilbage? Vi henter ikke flere oplysninger med det. Det, der allerede er hentet, bliver i forløbet.',
    en:
      'Do you want to withdraw the consent? We will not fetch any more information with it. ' +
      'What has already been fetched stays in the journey.',
  },
  yes: { da: 'Ja, træk samtykket tilbage', en: 'Yes, withdraw the consent' },
  no: { da: 'Nej, behold samtykket', en: 'No, keep the consent' },
  withdrawTitle: { da: 'Træk samtykke tilbage', en: 'Withdraw consent' },
  withdrawnFlash: {
    da: 'Samtykket er trukket tilbage. Vi henter ikke flere oplysninger med det.',
    en: 'The consent is withdrawn. We will not fetch any more information with it.',
  },
  givenFlash: {
    da: 'Tak. Dit samtykke er givet, og vi henter nu oplysningerne.',
    en: 'Thank you. Your consent is given, and we are fetching the information now.',
  },
  overviewLink: { da: 'Se dine samtykker, og træk dem tilbage', en: 'See your consents and withdraw them' },
  overviewCount: { da: 'Samtykker, der gælder:', en: 'Consents in force:' },
  // The choice on the journey page.
  choiceIntro: {
    da: 'Vi kan hente oplysningerne til dette trin for dig, hvis du giver samtykke. Ellers kan du udfylde dem selv.',
    en: 'We can fetch the information for this step for you if you give consent. Otherwise you can fill it in yourself.',
  },
  giveHeading: { da: 'Giv samtykke', en: 'Give consent' },
  giveButton: { da: 'Giv samtykke', en: 'Give consent' },
  giveNote: {
    da: 'Du kan altid trække samtykket tilbage under Mit overblik.',
    en: 'You can always withdraw the consent under My overview.',
  },
  selfHeading: { da: 'Udfyld selv', en: 'Fill it in yourself' },
  selfIntro: {
    da: 'Vil du ikke give samtykke, så skriv oplysningerne selv. Så henter vi ingenting.',
    en: 'If you would rather not give consent, write the information yourself. Then we fetch nothing.',
  },
  givenLine: { da: 'Du gav samtykke', en: 'You gave consent' },
  givenLineProxy: { da: 'Samtykke givet', en: 'Consent given' },
  fetching: { da: 'Oplysningerne hentes fra', en: 'The information is fetched from' },
} satisfies Record<string, Text>;

const T = CONSENT_TEXTS;
export const ct = (lang: Lang, key: keyof typeof T) => T[key][lang];

const by = (lang: Lang, who: 'citizen' | 'proxy' | null) => (who === 'proxy' ? ct(lang, 'byProxy') : ct(lang, 'byYou'));

/** What a consent covers, as a description list: what is fetched, from whom, for what. */
function coverage(lang: Lang, c: Pick<ConsentRequest, 'fetches' | 'from' | 'purpose'>): SafeHtml {
  return html`<dt>${ct(lang, 'fetches')}</dt><dd>${c.fetches[lang]}</dd>
    <dt>${ct(lang, 'from')}</dt><dd>${c.from[lang]}</dd>
    <dt>${ct(lang, 'purpose')}</dt><dd>${c.purpose[lang]}</dd>`;
}

function consentItem(lang: Lang, c: ConsentView): SafeHtml {
  const withdraw = c.valid
    ? html`<p><a class="button button-secondary" href="/overblik/samtykker/${c.id}/traek-tilbage">${ct(lang, 'withdraw')}<span
        class="sr-only">: ${c.step.title[lang]}</span></a></p>`
    : '';
  const withdrawn = c.withdrawnAt
    ? html`<dt>${ct(lang, 'withdrawn')}</dt><dd>${formatDate(lang, c.withdrawnAt, true)}, ${by(lang, c.withdrawnBy)}</dd>`
    : '';
  return html`<li class="mt-6"><section aria-labelledby="consent-${c.id}">
    <h2 class="h3" id="consent-${c.id}">${c.step.title[lang]}</h2>
    <p>${c.journey.title[lang]} · ${c.valid ? statusBadge(ct(lang, 'valid'), 'done') : statusBadge(ct(lang, 'withdrawn'), '')}</p>
    <dl>${coverage(lang, c)}
      <dt>${ct(lang, 'given')}</dt><dd>${formatDate(lang, c.givenAt, true)}, ${by(lang, c.givenBy)}</dd>
      ${withdrawn}
    </dl>${withdraw}</section></li>`;
}

/** Every consent, newest first: given when and by whom, for what, fetched from whom, withdrawn when. */
export function consentsView(lang: Lang, consents: ConsentView[]): SafeHtml {
  const list = consents.length
    ? html`<ul class="nobullet-list">${consents.map((c) => consentItem(lang, c))}</ul>`
    : html`<p>${ct(lang, 'none')}</p>`;
  return html`<p>${ct(lang, 'intro')}</p>
    ${list}
    <p class="mt-6"><a href="/overblik" class="back-link">${lang === 'da' ? 'Tilbage til Mit overblik' : 'Back to My overview'}</a></p>`;
}

/** "Vil du trække samtykket tilbage?": what it covers, then Ja (a form) or Nej (back to the list). */
export function withdrawView(lang: Lang, csrf: string, c: ConsentView): SafeHtml {
  return html`<p>${ct(lang, 'ask')}</p>
    <dl class="mt-4">
      <dt>${lang === 'da' ? 'Trin' : 'Step'}</dt><dd>${c.step.title[lang]} (${c.journey.title[lang]})</dd>
      ${coverage(lang, c)}
      <dt>${ct(lang, 'given')}</dt><dd>${formatDate(lang, c.givenAt, true)}, ${by(lang, c.givenBy)}</dd>
    </dl>
    <form method="post" action="/overblik/samtykker/${c.id}/traek-tilbage" class="mt-5"><input type="hidden" name="_csrf" value="${csrf}">
      <button type="submit" class="button button-primary">${ct(lang, 'yes')}</button></form>
    <p class="mt-4"><a href="/overblik/samtykker" class="back-link">${ct(lang, 'no')}</a></p>`;
}

/** The overview's part: how many consents are in force, and the way to the list. */
export function consentsSection(lang: Lang, consents: ConsentView[]): SafeHtml {
  const valid = consents.filter((c) => c.valid).length;
  return html`<section aria-labelledby="consents-h" class="mt-8"><h2 id="consents-h">${ct(lang, 'title')}</h2>
    <p>${ct(lang, 'overviewCount')} ${valid}</p>
    <p><a href="/overblik/samtykker">${ct(lang, 'overviewLink')}</a></p></section>`;
}

/**
 * The choice on a step whose fetch waits for consent: "Giv samtykke" (what is fetched, from whom,
 * for what, and the button) or "Udfyld selv" (the step's own form for the same data).
 */
export function consentChoice(
  lang: Lang,
  o: { csrf: string; action: string; idPrefix: string; request: ConsentRequest; fillInForm?: SafeHtml },
): SafeHtml {
  const { request } = o;
  return html`<p>${ct(lang, 'choiceIntro')}</p>
    <h4 id="${o.idPrefix}-give" class="mt-5">${ct(lang, 'giveHeading')}</h4>
    <dl>${coverage(lang, request)}</dl>
    <form method="post" action="${o.action}" aria-labelledby="${o.idPrefix}-give"><input type="hidden" name="_csrf" value="${o.csrf}">
      <input type="hidden" name="step" value="${request.step}">
      <button type="submit" class="button button-primary">${ct(lang, 'giveButton')}</button></form>
    <p class="form-hint">${ct(lang, 'giveNote')}</p>
    ${
      o.fillInForm
        ? html`<h4 id="${o.idPrefix}-self" class="mt-6">${ct(lang, 'selfHeading')}</h4><p>${ct(lang, 'selfIntro')}</p>${o.fillInForm}`
        : ''
    }`;
}

/** A step whose consent is in force: when it was given and where the information comes from. */
export function consentGivenLine(lang: Lang, c: ConsentView, ownerViewing: boolean): SafeHtml {
  const given = ownerViewing && c.givenBy === 'citizen' ? ct(lang, 'givenLine') : ct(lang, 'givenLineProxy');
  return html`<p>${statusBadge(ct(lang, 'valid'), 'done')} ${given} ${formatDate(lang, c.givenAt, true)}.
    ${ct(lang, 'fetching')} ${c.from[lang]}.${ownerViewing ? html` <a href="/overblik/samtykker">${ct(lang, 'title')}</a>` : ''}</p>`;
}
