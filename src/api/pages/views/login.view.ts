import type { SignInProviderSettings } from '../../../platform/config/app.config';
import { html, type SafeHtml } from '../html';
import { t, type Lang } from '../i18n';

function providerButton(lang: Lang, csrf: string, p: SignInProviderSettings): SafeHtml {
  return html`<li class="mt-3"><form method="post" action="/login">
    <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="provider" value="${p.id}">
    <button type="submit" class="button button-primary">${t(lang, 'signInWith')} ${p.label[lang]}</button>
  </form></li>`;
}

/** One button per configured provider: citizens' (MitID) first, then each organisation's. */
export function loginView(lang: Lang, csrf: string, providers: readonly SignInProviderSettings[]): SafeHtml {
  const of = (role: SignInProviderSettings['role']) => providers.filter((p) => p.role === role).map((p) => providerButton(lang, csrf, p));
  return html`<p class="font-lead">${t(lang, 'signInIntro')}</p>
    <h2>${t(lang, 'citizens')}</h2>
    <ul class="nobullet-list">${of('citizen')}</ul>
    <h2>${t(lang, 'caseworkers')}</h2>
    <ul class="nobullet-list">${of('caseworker')}</ul>`;
}

export function refusedView(lang: Lang, message: string): SafeHtml {
  return html`<p>${message}</p><p><a href="/login" class="button button-secondary">${t(lang, 'signInAgain')}</a></p>`;
}
