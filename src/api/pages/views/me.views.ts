import type { JourneyDefinition, Text } from '../../../../journeys/shared/contract';
import type { AccessLogView } from '../../../engine/access/access-log.repository';
import type { NotificationView } from '../../../engine/notifications/notification.repository';
import type { PendingGrantView, ProxyGrantView } from '../../../engine/proxies/proxy.repository';
import { html, type SafeHtml } from '../html';
import { formatDate, purpose, t, template, tx, viewerKind, type Lang } from '../i18n';
import { accessAction, authorityName } from '../plain-words';
import { statusBadge } from './status-badge';
import { dataTable } from './table';

export { authorityName };

export function accessLogView(lang: Lang, items: AccessLogView[], defOf: (type: string) => JourneyDefinition | undefined): SafeHtml {
  const intro =
    lang === 'da'
      ? 'Her kan du se, hver gang en sagsbehandler eller en person med fuldmagt har set eller handlet i dine forløb.'
      : 'Every time a caseworker or someone holding your power of attorney saw or acted on your journeys.';
  if (!items.length) return html`<p>${intro}</p><p>${t(lang, 'noAccess')}</p>`;
  return html`<p>${intro}</p>${dataTable(
    'table--zebra mt-4',
    [t(lang, 'when'), t(lang, 'who'), t(lang, 'role'), t(lang, 'authority'), t(lang, 'purpose'), t(lang, 'journey'), t(lang, 'action')],
    items.map((a) => [
      formatDate(lang, a.at, true),
      a.viewer.name,
      viewerKind(lang, a.viewer.kind),
      authorityName(lang, a.viewer.authority),
      purpose(lang, a.purpose),
      a.journey ? html`<a href="/journeys/${a.journey.id}">${tx(lang, defOf(a.journey.type)?.title) || t(lang, 'journey')}</a>` : '',
      accessAction(lang, a.action, a.journey ? defOf(a.journey.type) : undefined),
    ]),
  )}`;
}

/** A reminder planned for one of the citizen's journeys (a scheduled reminder timer). */
export interface PlannedReminder {
  journeyId: string;
  journey: string;
  step: string;
  at: string;
}

export function notificationsView(
  lang: Lang,
  csrf: string,
  items: NotificationView[],
  titles: (type: string) => Text | undefined,
  planned: PlannedReminder[] = [],
): SafeHtml {
  const plannedList = planned.length
    ? html`<h2>${lang === 'da' ? 'Planlagte påmindelser' : 'Planned reminders'}</h2>
      <ul>${planned.map(
        (p) => html`<li class="mt-3">${formatDate(lang, p.at)}: ${lang === 'da' ? 'påmindelse om' : 'reminder about'} "${p.step}" ·
          <a href="/journeys/${p.journeyId}">${p.journey}</a></li>`,
      )}</ul>`
    : '';
  const sentTitle = lang === 'da' ? 'Sendte beskeder' : 'Sent notifications';
  const sentHeading = html`<h2${planned.length ? html` class="mt-8"` : ''}>${sentTitle}</h2>`;
  if (!items.length) return html`${plannedList}${sentHeading}<p>${t(lang, 'noNotifications')}</p>`;
  const deliveryText = (n: NotificationView) =>
    ({
      pending:
        lang === 'da'
          ? `Sendes med Digital Post ${formatDate(lang, n.delivery.after, true)}`
          : `Sent by Digital Post ${formatDate(lang, n.delivery.after, true)}`,
      sent:
        lang === 'da'
          ? `Sendt med Digital Post ${formatDate(lang, n.delivery.at, true)}`
          : `Sent by Digital Post ${formatDate(lang, n.delivery.at, true)}`,
      skipped: lang === 'da' ? 'Ikke sendt: ikke længere aktuelt' : 'Not sent: no longer relevant',
      failed: lang === 'da' ? 'Kunne ikke sendes med Digital Post' : 'Could not be sent by Digital Post',
    })[n.delivery.status];
  return html`${plannedList}${sentHeading}<ul class="nobullet-list">${items.map(
    (n) => html`<li class="mt-5"><h3 class="h4">${template(lang, n.template)}</h3>
      <p>${statusBadge(n.readAt ? t(lang, 'read') : t(lang, 'unread'), n.readAt ? 'done' : 'active')}
        ${formatDate(lang, n.createdAt, true)} · <a href="/journeys/${n.journeyId}">${tx(lang, titles(n.journeyType)) || n.journeyType}</a>
        ${typeof n.params.deadline === 'string' ? html` · ${t(lang, 'deadline')}: ${formatDate(lang, n.params.deadline)}` : ''}</p>
      <p class="form-hint">${deliveryText(n)}</p>
      ${
        n.readAt
          ? ''
          : html`<form method="post" action="/me/notifications/${n.id}/read"><input type="hidden" name="_csrf" value="${csrf}">
        <button type="submit" class="button button-secondary">${t(lang, 'markRead')}</button></form>`
      }</li>`,
  )}</ul>`;
}

/** The other party of a grant as every page names them: by name, else by the birth-date part of the CPR number. */
export const personOf = (g: ProxyGrantView): string => g.counterpartName ?? g.counterpart;

export interface ProxyFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export function proxiesView(
  lang: Lang,
  csrf: string,
  grants: { granted: ProxyGrantView[]; received: ProxyGrantView[] },
  journeys: { id: string; title: string }[],
  form: ProxyFormState,
): SafeHtml {
  const err = (name: string) =>
    form.errors[name]
      ? html`<span class="form-error-message"
          id="p-${name}-error"><span class="sr-only">${t(lang, 'errorPrefix')}: </span>${form.errors[name]}</span>`
      : '';
  const described = (name: string, hint = false) => {
    const ids = [hint ? `p-${name}-hint` : '', form.errors[name] ? `p-${name}-error` : ''].filter(Boolean).join(' ');
    return ids ? html` aria-describedby="${ids}"` : '';
  };
  const scopeLabel = (g: ProxyGrantView) =>
    g.journeyId ? (journeys.find((j) => j.id === g.journeyId)?.title ?? g.journeyId) : t(lang, 'allJourneys');
  const table = (list: ProxyGrantView[], revocable: boolean) =>
    list.length
      ? dataTable(
          'mt-4',
          [
            t(lang, 'counterpart'),
            t(lang, 'proxyScope'),
            t(lang, 'proxyAccess'),
            t(lang, 'expiresAt'),
            t(lang, 'status'),
            ...(revocable ? [{ hidden: t(lang, 'revoke') }] : []),
          ],
          list.map((g) => [
            html`${personOf(g)}${g.counterpartName ? html`<br><span class="form-hint">${g.counterpart}</span>` : ''}`,
            revocable
              ? scopeLabel(g)
              : g.journeyId
                ? html`<a href="/journeys/${g.journeyId}">${t(lang, 'journey')}</a>`
                : t(lang, 'allJourneys'),
            t(lang, g.access === 'act' ? 'accessAct' : 'accessRead'),
            formatDate(lang, g.expiresAt),
            statusBadge(t(lang, g.active ? 'active' : 'inactive'), g.active ? 'done' : ''),
            ...(revocable
              ? [
                  g.active
                    ? html`<a href="/me/proxies/${g.id}/revoke">${t(lang, 'revoke')}<span class="sr-only"> ${personOf(g)}</span></a>`
                    : '',
                ]
              : []),
          ]),
        )
      : html`<p>${t(lang, 'none')}</p>`;
  const radio = (name: string, value: string, label: string, i: number) => {
    const checked = (form.values[name] ?? (i === 0 ? value : '')) === value;
    return html`<li><input type="radio" class="form-radio" id="p-${name}-${i}" name="${name}"
      value="${value}"${checked ? ' checked' : ''}><label for="p-${name}-${i}">${label}</label></li>`;
  };
  return html`<h2>${t(lang, 'grantedByMe')}</h2>${table(grants.granted, true)}
    <h2 class="mt-8">${t(lang, 'receivedByMe')}</h2>${table(grants.received, false)}
    <h2 class="mt-8">${t(lang, 'grantProxy')}</h2>
    ${
      Object.keys(form.errors).length
        ? html`<div class="alert alert-error" role="alert" tabindex="-1" autofocus><div class="alert-body">
      <p class="alert-heading">${t(lang, 'errorSummary')}</p>
      <ul class="alert-text nobullet-list">${Object.entries(form.errors).map(([k, v]) => html`<li><a href="#p-${k}">${v}</a></li>`)}</ul>
      </div></div>`
        : ''
    }
    <form method="post" action="/me/proxies" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}">
      <div class="form-group${form.errors.proxyCpr ? ' form-error' : ''}">
        <label class="form-label" for="p-proxyCpr">${t(lang, 'proxyCpr')}</label>
        <span class="form-hint" id="p-proxyCpr-hint">${t(lang, 'proxyCprHint')}</span>${err('proxyCpr')}
        <input class="form-input" id="p-proxyCpr" name="proxyCpr" inputmode="numeric" autocomplete="off" maxlength="11"
          required${described('proxyCpr', true)}></div>
      <div class="form-group${form.errors.journeyId ? ' form-error' : ''}">
        <label class="form-label" for="p-journeyId">${t(lang, 'proxyScope')}</label>${err('journeyId')}
        <select class="form-select" id="p-journeyId" name="journeyId"${described('journeyId')}>
          <option value="">${t(lang, 'allJourneys')}</option>
          ${journeys.map((j) => html`<option value="${j.id}"${form.values.journeyId === j.id ? ' selected' : ''}>${j.title}</option>`)}
        </select></div>
      <div class="form-group"><fieldset id="p-access"><legend class="form-label">${t(lang, 'proxyAccess')}</legend>
        <ul class="nobullet-list">${radio('access', 'read', t(lang, 'accessRead'), 0)}${radio('access', 'act', t(lang, 'accessAct'), 1)}
        </ul>
      </fieldset></div>
      <div class="form-group${form.errors.expiresAt ? ' form-error' : ''}">
        <label class="form-label" for="p-expiresAt">${t(lang, 'expiresAt')}</label>${err('expiresAt')}
        <input class="form-input" type="date" id="p-expiresAt" name="expiresAt" value="${form.values.expiresAt ?? ''}"
          required${described('expiresAt')}></div>
      <p class="form-hint">${
        lang === 'da'
          ? 'Vi slår personen op i CPR-registret, og du ser navnet, før du bekræfter.'
          : 'We look the person up in the CPR register, and you see their name before you confirm.'
      }</p>
      <button type="submit" class="button button-primary">${lang === 'da' ? 'Fortsæt' : 'Continue'}</button>
    </form>`;
}

/** "Are you sure?" before a power of attorney ends: whom, which journeys, what access, until when. */
export function revokeView(lang: Lang, csrf: string, g: ProxyGrantView, scope: string): SafeHtml {
  const ask = {
    da: `Vil du tilbagekalde fuldmagten til ${personOf(g)}? ${personOf(g)} mister adgangen med det samme.`,
    en: `Do you want to revoke the power of attorney of ${personOf(g)}? ${personOf(g)} loses access at once.`,
  };
  const yes = { da: 'Ja, tilbagekald fuldmagten', en: 'Yes, revoke the power of attorney' };
  return html`<p>${ask[lang]}</p>
    <dl class="mt-4">
      <dt>${t(lang, 'counterpart')}</dt><dd>${personOf(g)} (${g.counterpart})</dd>
      <dt>${t(lang, 'proxyScope')}</dt><dd>${scope}</dd>
      <dt>${t(lang, 'proxyAccess')}</dt><dd>${t(lang, g.access === 'act' ? 'accessAct' : 'accessRead')}</dd>
      <dt>${t(lang, 'expiresAt')}</dt><dd>${formatDate(lang, g.expiresAt)}</dd>
    </dl>
    <form method="post" action="/me/proxies/${g.id}/revoke" class="mt-5"><input type="hidden" name="_csrf" value="${csrf}">
      <button type="submit" class="button button-primary">${yes[lang]}</button></form>
    <p class="mt-4"><a href="/me/proxies" class="back-link">${lang === 'da' ? 'Nej, behold fuldmagten' : 'No, keep it'}</a></p>`;
}

/**
 * "Du giver Bo Nielsen (født 02.02.1980, 020280-xxxx) adgang til …": the person as the CPR register
 * names them, before anything is valid. Bekræft makes the grant; Fortryd drops it.
 */
export function confirmGrantView(lang: Lang, csrf: string, p: PendingGrantView, scope: string): SafeHtml {
  const who = p.grantee.name ?? p.grantee.maskedCpr;
  const born = p.grantee.birthDate ? `${lang === 'da' ? 'født' : 'born'} ${formatDate(lang, p.grantee.birthDate)}, ` : '';
  const what = lang === 'da' ? (p.access === 'act' ? 'se og handle i' : 'se') : p.access === 'act' ? 'see and act on' : 'see';
  const until = formatDate(lang, p.expiresAt);
  const sentence =
    lang === 'da'
      ? `Du giver ${who} (${born}${p.grantee.maskedCpr}) adgang til at ${what}: ${scope}, til og med ${until}.`
      : `You give ${who} (${born}${p.grantee.maskedCpr}) access to ${what}: ${scope}, until ${until}.`;
  const by = formatTime(p.confirmBefore);
  const check =
    lang === 'da'
      ? `Er det ikke den person, du mente, så vælg Fortryd. Bekræft senest kl. ${by}; ingen får adgang, før du bekræfter.`
      : `If this is not the person you meant, choose Cancel. Confirm by ${by}; nobody gets access until you confirm.`;
  const yes = lang === 'da' ? `Bekræft fuldmagten til ${who}` : `Confirm the power of attorney for ${who}`;
  const field = html`<input type="hidden" name="_csrf" value="${csrf}">`;
  return html`<p class="font-lead">${sentence}</p>
    <p>${check}</p>
    <form method="post" action="/me/proxies/pending/${p.pendingId}/confirm" class="mt-5">${field}
      <button type="submit" class="button button-primary">${yes}</button></form>
    <form method="post" action="/me/proxies/pending/${p.pendingId}/cancel" class="mt-4">${field}
      <button type="submit" class="button button-secondary">${lang === 'da' ? 'Fortryd' : 'Cancel'}</button></form>`;
}

/** The time of day in Denmark, 24-hour clock ("14.05"). */
function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
}
