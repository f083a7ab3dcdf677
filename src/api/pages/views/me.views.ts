import { AUTHORITY_SYSTEMS } from '../../../../journeys/shared/authority-tasks';
import type { AuthoritySystemId, Text } from '../../../../journeys/shared/contract';
import type { AccessLogView } from '../../../engine/access/access-log.repository';
import type { NotificationView } from '../../../engine/notifications/notification.repository';
import type { ProxyGrantView } from '../../../engine/proxies/proxy.repository';
import { html, type SafeHtml } from '../html';
import { formatDate, purpose, t, template, tx, viewerKind, type Lang } from '../i18n';
import { statusBadge } from './journey.views';

export const authorityName = (lang: Lang, id: string | null) => (id ? (AUTHORITY_SYSTEMS[id as AuthoritySystemId]?.name[lang] ?? id) : '');

export function accessLogView(lang: Lang, items: AccessLogView[], titles: (type: string) => Text | undefined): SafeHtml {
  const intro =
    lang === 'da'
      ? 'Her kan du se, hver gang en sagsbehandler eller en person med fuldmagt har set eller handlet i dine forløb.'
      : 'Every time a caseworker or someone holding your power of attorney saw or acted on your journeys.';
  if (!items.length) return html`<p>${intro}</p><p>${t(lang, 'noAccess')}</p>`;
  return html`<p>${intro}</p><table class="table table--zebra mt-4">
    <thead><tr><th scope="col">${t(lang, 'when')}</th><th scope="col">${t(lang, 'who')}</th><th scope="col">${t(lang, 'role')}</th><th scope="col">${t(lang, 'authority')}</th><th scope="col">${t(lang, 'purpose')}</th><th scope="col">${t(lang, 'journey')}</th><th scope="col">${t(lang, 'action')}</th></tr></thead>
    <tbody>${items.map(
      (a) => html`<tr><td>${formatDate(lang, a.at, true)}</td><td>${a.viewer.name}</td><td>${viewerKind(lang, a.viewer.kind)}</td>
        <td>${authorityName(lang, a.viewer.authority)}</td><td>${purpose(lang, a.purpose)}</td>
        <td>${a.journey ? html`<a href="/journeys/${a.journey.id}">${tx(lang, titles(a.journey.type)) || a.journey.type}</a>` : ''}</td><td><code>${a.action}</code></td></tr>`,
    )}</tbody></table>`;
}

export function notificationsView(lang: Lang, csrf: string, items: NotificationView[], titles: (type: string) => Text | undefined): SafeHtml {
  if (!items.length) return html`<p>${t(lang, 'noNotifications')}</p>`;
  const deliveryText = (n: NotificationView) =>
    ({
      pending: lang === 'da' ? `Sendes med Digital Post ${formatDate(lang, n.delivery.after, true)}` : `Sent by Digital Post ${formatDate(lang, n.delivery.after, true)}`,
      sent: lang === 'da' ? `Sendt med Digital Post ${formatDate(lang, n.delivery.at, true)}` : `Sent by Digital Post ${formatDate(lang, n.delivery.at, true)}`,
      skipped: lang === 'da' ? 'Ikke sendt: ikke længere aktuelt' : 'Not sent: no longer relevant',
      failed: lang === 'da' ? 'Kunne ikke sendes med Digital Post' : 'Could not be sent by Digital Post',
    })[n.delivery.status];
  return html`<ul class="nobullet-list">${items.map(
    (n) => html`<li class="mt-5"><h2 class="h4">${template(lang, n.template)}</h2>
      <p>${statusBadge(n.readAt ? t(lang, 'read') : t(lang, 'unread'), n.readAt ? 'done' : 'active')}
        ${formatDate(lang, n.createdAt, true)} · <a href="/journeys/${n.journeyId}">${tx(lang, titles(n.journeyType)) || n.journeyType}</a>
        ${typeof n.params.deadline === 'string' ? html` · ${t(lang, 'deadline')}: ${formatDate(lang, n.params.deadline)}` : ''}</p>
      <p class="form-hint">${deliveryText(n)}</p>
      ${n.readAt ? '' : html`<form method="post" action="/me/notifications/${n.id}/read"><input type="hidden" name="_csrf" value="${csrf}">
        <button type="submit" class="button button-secondary">${t(lang, 'markRead')}</button></form>`}</li>`,
  )}</ul>`;
}

export interface ProxyFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export function proxiesView(lang: Lang, csrf: string, grants: { granted: ProxyGrantView[]; received: ProxyGrantView[] }, journeys: { id: string; title: string }[], form: ProxyFormState): SafeHtml {
  const err = (name: string) => (form.errors[name] ? html`<span class="form-error-message" id="p-${name}-error"><span class="sr-only">${t(lang, 'errorPrefix')}: </span>${form.errors[name]}</span>` : '');
  const described = (name: string, hint = false) => {
    const ids = [hint ? `p-${name}-hint` : '', form.errors[name] ? `p-${name}-error` : ''].filter(Boolean).join(' ');
    return ids ? html` aria-describedby="${ids}"` : '';
  };
  const scopeLabel = (g: ProxyGrantView) => (g.journeyId ? journeys.find((j) => j.id === g.journeyId)?.title ?? g.journeyId : t(lang, 'allJourneys'));
  const table = (list: ProxyGrantView[], revocable: boolean) =>
    list.length
      ? html`<table class="table mt-4"><thead><tr><th scope="col">${t(lang, 'counterpart')}</th><th scope="col">${t(lang, 'proxyScope')}</th><th scope="col">${t(lang, 'proxyAccess')}</th><th scope="col">${t(lang, 'expiresAt')}</th><th scope="col">${t(lang, 'status')}</th>${revocable ? html`<th scope="col"><span class="sr-only">${t(lang, 'revoke')}</span></th>` : ''}</tr></thead>
        <tbody>${list.map(
          (g) => html`<tr><td>${g.counterpart}</td><td>${revocable ? scopeLabel(g) : g.journeyId ? html`<a href="/journeys/${g.journeyId}">${t(lang, 'journey')}</a>` : t(lang, 'allJourneys')}</td>
            <td>${t(lang, g.access === 'act' ? 'accessAct' : 'accessRead')}</td><td>${formatDate(lang, g.expiresAt)}</td>
            <td>${statusBadge(t(lang, g.active ? 'active' : 'inactive'), g.active ? 'done' : '')}</td>
            ${revocable ? html`<td>${g.active ? html`<form method="post" action="/me/proxies/${g.id}/revoke"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="button button-secondary">${t(lang, 'revoke')}<span class="sr-only"> ${g.counterpart}</span></button></form>` : ''}</td>` : ''}</tr>`,
        )}</tbody></table>`
      : html`<p>${t(lang, 'none')}</p>`;
  const radio = (name: string, value: string, label: string, i: number) =>
    html`<li><input type="radio" class="form-radio" id="p-${name}-${i}" name="${name}" value="${value}"${(form.values[name] ?? (i === 0 ? value : '')) === value ? ' checked' : ''}><label for="p-${name}-${i}">${label}</label></li>`;
  return html`<h2>${t(lang, 'grantedByMe')}</h2>${table(grants.granted, true)}
    <h2 class="mt-8">${t(lang, 'receivedByMe')}</h2>${table(grants.received, false)}
    <h2 class="mt-8">${t(lang, 'grantProxy')}</h2>
    ${Object.keys(form.errors).length ? html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-heading">${t(lang, 'errorSummary')}</p>
      <ul class="alert-text nobullet-list">${Object.entries(form.errors).map(([k, v]) => html`<li><a href="#p-${k}">${v}</a></li>`)}</ul></div></div>` : ''}
    <form method="post" action="/me/proxies" novalidate>
      <input type="hidden" name="_csrf" value="${csrf}">
      <div class="form-group${form.errors.proxyCpr ? ' form-error' : ''}"><label class="form-label" for="p-proxyCpr">${t(lang, 'proxyCpr')}</label>
        <span class="form-hint" id="p-proxyCpr-hint">${t(lang, 'proxyCprHint')}</span>${err('proxyCpr')}
        <input class="form-input" id="p-proxyCpr" name="proxyCpr" inputmode="numeric" autocomplete="off" maxlength="11" required${described('proxyCpr', true)}></div>
      <div class="form-group${form.errors.journeyId ? ' form-error' : ''}"><label class="form-label" for="p-journeyId">${t(lang, 'proxyScope')}</label>${err('journeyId')}
        <select class="form-select" id="p-journeyId" name="journeyId"${described('journeyId')}><option value="">${t(lang, 'allJourneys')}</option>
        ${journeys.map((j) => html`<option value="${j.id}"${form.values.journeyId === j.id ? ' selected' : ''}>${j.title}</option>`)}</select></div>
      <div class="form-group"><fieldset id="p-access"><legend class="form-label">${t(lang, 'proxyAccess')}</legend>
        <ul class="nobullet-list">${radio('access', 'read', t(lang, 'accessRead'), 0)}${radio('access', 'act', t(lang, 'accessAct'), 1)}</ul></fieldset></div>
      <div class="form-group${form.errors.expiresAt ? ' form-error' : ''}"><label class="form-label" for="p-expiresAt">${t(lang, 'expiresAt')}</label>${err('expiresAt')}
        <input class="form-input" type="date" id="p-expiresAt" name="expiresAt" value="${form.values.expiresAt ?? ''}" required${described('expiresAt')}></div>
      <button type="submit" class="button button-primary">${t(lang, 'grantProxy')}</button>
    </form>`;
}
