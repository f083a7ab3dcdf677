import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JourneyQueries } from '../../engine/queries/journey.queries';
import { JourneyChanges } from '../../platform/database/journey-changes';
import { DomainError } from '../../platform/errors/domain-error';

/** A comment line this often keeps proxies from closing a quiet stream, and checks the journey besides. */
const HEARTBEAT_MS = 15_000;
/** A stream ends after this long; a client that still wants it opens it again (and is authorised again). */
export const STREAM_LIFETIME_MS = 10 * 60_000;
/** How long an EventSource waits before it opens a stream that broke (the `retry` field). */
const RETRY_MS = 3000;

/**
 * A journey's view as server-sent events (`text/event-stream`): the view when the stream opens, and
 * again whenever the journey has changed (`event: journey`, `id:` the journey's version). The
 * change comes from whichever process applied it, over LISTEN/NOTIFY (JourneyChanges); a heartbeat
 * every 15 s also looks, so a lost notification costs at most that. The stream ends with
 * `event: end` when the journey has ended, when the reader may no longer see it, or after ten
 * minutes; when the process shuts down it just closes, so a browser reconnects to another one.
 */
@Injectable()
export class JourneyStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JourneyStreams.name);
  private readonly open = new Set<() => void>();

  constructor(
    private readonly changes: JourneyChanges,
    private readonly queries: JourneyQueries,
  ) {}

  beforeApplicationShutdown(): void {
    for (const close of [...this.open]) close();
  }

  /**
   * A stream is only for a client that asks for one (`Accept: text/event-stream`, as EventSource
   * sends): anything else gets 406 rather than a response that never ends.
   */
  assertAccepted(req: Request): void {
    if (!/\btext\/event-stream\b/i.test(req.headers.accept ?? ''))
      throw new DomainError('NOT_ACCEPTABLE', 'This is an event stream: send Accept: text/event-stream');
  }

  /**
   * Streams the journey to `res`; the caller has checked that the reader may see it. `stillAllowed`
   * is asked before every later view (a proxy's power of attorney may end while the stream is open).
   */
  stream(req: Request, res: Response, journeyId: string, stillAllowed: () => Promise<boolean> = () => Promise.resolve(true)): void {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n\n`);

    let sent = '';
    let busy = false;
    let again = false;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.open.delete(close);
      unwatch();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      res.end();
    };
    const end = () => {
      if (!closed) res.write('event: end\ndata: {}\n\n');
      close();
    };
    const check = async () => {
      if (closed) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          const row = await this.queries.row(journeyId).catch(() => undefined);
          if (closed) return;
          if (!row || (sent && !(await stillAllowed()))) return end();
          const version = `${row.version}:${new Date(row.updated_at).toISOString()}`;
          if (version !== sent) {
            sent = version;
            const view = await this.queries.view(row, 'citizen');
            if (closed) return;
            res.write(`id: ${row.version}\nevent: journey\ndata: ${JSON.stringify(view)}\n\n`);
          }
          if (row.status === 'completed' || row.status === 'dismissed') return end();
        } while (again && !closed);
      } catch (e) {
        this.logger.debug(`journey stream check failed: ${(e as Error).message}`);
      } finally {
        busy = false;
      }
    };
    const unwatch = this.changes.watch(journeyId, () => void check());
    const heartbeat = setInterval(() => {
      res.write(': heartbeat\n\n');
      void check();
    }, HEARTBEAT_MS);
    const lifetime = setTimeout(end, STREAM_LIFETIME_MS);
    this.open.add(close);
    req.on('close', close);
    void check();
  }
}
