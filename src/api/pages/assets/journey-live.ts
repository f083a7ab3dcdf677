import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { html, type SafeHtml } from '../html';
import { t, type Lang } from '../i18n';

/**
 * The journey page's one script: it follows the journey's event stream (`GET /journeys/:id/stream`)
 * and shows the journey as it is now when it changes, by loading the page again (keeping its message,
 * such as "Gemt."), unless the reader
 * has started typing in a form (then it says so, with a link). Without it, or without EventSource,
 * the page is the same and a reload shows what changed. The page stops listening after ten minutes
 * and does not reopen an ended stream, so a page left open does not keep its session alive.
 */
const SCRIPT = `(function () {
  'use strict';
  var live = document.getElementById('journey-live');
  if (!live || !window.EventSource) return;
  var version = live.getAttribute('data-version');
  var source = new EventSource(live.getAttribute('data-stream'));
  var typed = false;
  document.addEventListener('input', function () { typed = true; });
  function stop() { source.close(); }
  setTimeout(stop, 600000);
  source.addEventListener('end', stop);
  source.addEventListener('journey', function (e) {
    if (e.lastEventId === version) return;
    version = e.lastEventId;
    var field = document.activeElement && /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (!typed && !field) {
      stop();
      window.location.replace(window.location.pathname + window.location.search);
      return;
    }
    var notice = document.getElementById('journey-live-notice');
    live.textContent = '';
    live.appendChild(notice.content.cloneNode(true));
  });
})();
`;

export const JOURNEY_LIVE_SCRIPT = '/assets/journey-live.js';

@ApiExcludeController()
@Controller('assets')
export class PageAssetsController {
  @Get('journey-live.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  journeyLive(): string {
    return SCRIPT;
  }
}

/** What an active journey's page adds for the script: the stream, the version shown, the notice for a reader who is typing. */
export function journeyLive(lang: Lang, journeyId: string, version: number): SafeHtml {
  return html`<div id="journey-live" role="status" data-stream="/journeys/${journeyId}/stream" data-version="${String(version)}"></div>
    <template id="journey-live-notice"><div class="alert alert-info mt-4"><div class="alert-body">
      <p class="alert-text">${t(lang, 'journeyUpdated')}
      <a href="/journeys/${journeyId}">${t(lang, 'showUpdated')}</a></p></div></div></template>
    <script src="${JOURNEY_LIVE_SCRIPT}" defer></script>`;
}
