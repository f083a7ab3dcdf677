import { maskCpr } from '../../platform/logging/redact';
import { html, type SafeHtml } from './html';
import { t, type Lang } from './i18n';
import type { PageContext } from './page-session';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Shown above the heading: a success or error message after a form. */
  flash?: { kind: 'success' | 'error' | 'info'; text: string };
  /** The page answers a refused form or an error: its <title> starts with "Fejl:" ("Error:"). */
  error?: boolean;
}

function nav(ctx: PageContext): SafeHtml {
  const links: [string, string][] =
    ctx.principal?.role === 'citizen'
      ? [
          ['/overblik', ctx.lang === 'da' ? 'Mit overblik' : 'My overview'],
          ['/journeys', t(ctx.lang, 'myJourneys')],
          ['/journeys/new', t(ctx.lang, 'startJourney')],
          ['/me/notifications', t(ctx.lang, 'notifications')],
          ['/me/access-log', t(ctx.lang, 'accessLog')],
          ['/me/proxies', t(ctx.lang, 'proxies')],
        ]
      : ctx.principal?.role === 'caseworker'
        ? [['/caseworker', t(ctx.lang, 'search')]]
        : [];
  if (!links.length) return html``;
  return html`<nav aria-label="${t(ctx.lang, 'mainNav')}" class="container">
    <ul class="nobullet-list d-flex flex-wrap" style="gap:1.5rem;margin:0;padding:0.75rem 0">
      ${links.map(([href, label]) => html`<li><a href="${href}"${ctx.path === href ? html` aria-current="page"` : ''}>${label}</a></li>`)}
    </ul>
  </nav>`;
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

function languageToggle(ctx: PageContext): SafeHtml {
  const other: Lang = ctx.lang === 'da' ? 'en' : 'da';
  // The switch keeps the page's query (a caseworker's search filters); only the language changes.
  // A query holding a CPR-like number is never written back into the page; a one-off message (sent, warned) is not repeated.
  const query = ctx.query && maskCpr(ctx.query) === ctx.query && maskCpr(safeDecode(ctx.query)) === safeDecode(ctx.query) ? ctx.query : '';
  const params = new URLSearchParams(query);
  for (const once of ['sent', 'warned', 'lang']) params.delete(once);
  params.set('lang', other);
  return html`<a href="?${params.toString()}" lang="${other}" hreflang="${other}"
    aria-label="${t(ctx.lang, 'otherLangLabel')}">${t(ctx.lang, 'otherLang')}</a>`;
}

/** The page frame on Det Fælles Designsystem: skip link, header, language toggle, main, footer. */
export function layout(ctx: PageContext, page: PageOptions): string {
  const signOut = ctx.principal
    ? html`<form method="post" action="/logout" class="d-inline"><input type="hidden" name="_csrf" value="${ctx.csrf}">
        <button type="submit" class="button button-tertiary">${t(ctx.lang, 'logout')}</button></form>`
    : html``;
  const flash = page.flash
    ? html`<div class="alert alert-${page.flash.kind} mt-4" role="${page.flash.kind === 'error' ? 'alert' : 'status'}">
        <div class="alert-body"><p class="alert-text">${page.flash.text}</p></div></div>`
    : html``;
  return html`<!DOCTYPE html>
<html lang="${ctx.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${page.error ? `${t(ctx.lang, 'errorPrefix')}: ` : ''}${page.title} – ${t(ctx.lang, 'appName')}</title>
  <link rel="stylesheet" href="/assets/dkfds/css/dkfds-borgerdk.min.css">
</head>
<body>
  <a class="skipnav" href="#main">${t(ctx.lang, 'skip')}</a>
  <header class="header">
    <div class="solution-info">
      <div class="solution-info-inner container d-flex flex-wrap" style="justify-content:space-between;align-items:center;gap:1rem">
        <div class="solution-heading"><a href="/" class="h3" style="margin:0">${t(ctx.lang, 'appName')}</a></div>
        <div class="d-flex" style="gap:1rem;align-items:center">
          ${ctx.principal?.name ? html`<span>${ctx.principal.name}</span>` : ''}${languageToggle(ctx)}${signOut}</div>
      </div>
    </div>
    ${nav(ctx)}
  </header>
  <main id="main" class="container" tabindex="-1">
    ${flash}
    <h1>${page.title}</h1>
    ${page.body}
  </main>
  <footer class="footer mt-8">
    <div class="container"><p class="mt-4 mb-4">${t(ctx.lang, 'appName')} · Det Fælles Designsystem</p></div>
  </footer>
</body>
</html>`.value;
}
