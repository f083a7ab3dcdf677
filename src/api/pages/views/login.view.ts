import { AUTHORITY_SYSTEMS } from '../../../../journeys/shared/authority-tasks';
import type { Persona } from '../../dev/personas';
import { html, type SafeHtml } from '../html';
import { t, type Lang } from '../i18n';

function personaButton(lang: Lang, csrf: string, p: Persona): SafeHtml {
  const detail = p.role === 'citizen' ? `CPR ${p.subject.slice(0, 6)}-${p.subject.slice(6)}` : AUTHORITY_SYSTEMS[p.authority!].name[lang];
  return html`<li class="mt-3"><form method="post" action="/login">
    <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="persona" value="${p.id}">
    <button type="submit" class="button button-secondary">${t(lang, 'loginAs')} ${p.name}</button> <span>${detail}</span>
  </form></li>`;
}

export function loginView(lang: Lang, csrf: string, personas: readonly Persona[]): SafeHtml {
  return html`<p class="font-lead">${t(lang, 'personasIntro')}</p>
    <h2>${t(lang, 'citizens')}</h2>
    <ul class="nobullet-list">${personas.filter((p) => p.role === 'citizen').map((p) => personaButton(lang, csrf, p))}</ul>
    <h2>${t(lang, 'caseworkers')}</h2>
    <ul class="nobullet-list">${personas.filter((p) => p.role === 'caseworker').map((p) => personaButton(lang, csrf, p))}</ul>`;
}
