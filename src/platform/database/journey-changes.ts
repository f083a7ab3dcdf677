import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { PgListener } from './pg-listener';
import { PostCommitNotifier } from './post-commit-notifier';

const MARK = 'changedJourneys';
/** The channel that tells the processes which journeys changed. */
export const JOURNEY_CHANGED_CHANNEL = 'journey_changed';
const CHANNEL = JOURNEY_CHANGED_CHANNEL;

/**
 * Notes that the transaction running `sql` changed a journey row, so that its commit tells the
 * processes that stream the journey's view (src/api/citizen/journey-stream.ts).
 */
export function markJourneyChanged(sql: Pick<EntityManager, 'query'>, journeyId: string): void {
  const runner = (sql as Partial<EntityManager>).queryRunner;
  if (!runner) return;
  const ids = (runner.data?.[MARK] as Set<string> | undefined) ?? new Set<string>();
  ids.add(journeyId);
  runner.data = { ...runner.data, [MARK]: ids };
}

function takeChanged(runner: QueryRunner | undefined): string[] {
  const ids = runner?.data?.[MARK] as Set<string> | undefined;
  if (!ids?.size || runner!.isTransactionActive) return [];
  runner!.data[MARK] = undefined;
  return [...ids];
}

export type JourneyChangeListener = () => void;

/**
 * Journey changes between processes, over PostgreSQL's LISTEN/NOTIFY.
 *
 * Sending: after a transaction that changed journeys has committed, `NOTIFY journey_changed` with
 * their ids, through the process's PostCommitNotifier (outside the transaction, in one statement
 * with the outbox signal of the same commit). Ids that arrive while one notification is on its way
 * go in the next.
 *
 * Listening: a process that streams journeys LISTENs on one connection, opened with the first
 * `watch`, and calls the listeners of the ids it hears (PgListener). A notification is a nudge, not a
 * promise: a listener also runs after the connection was lost and came back, and streams check on
 * their own from time to time.
 */
@Injectable()
export class JourneyChanges implements BeforeApplicationShutdown {
  private readonly listener: PgListener;
  private readonly watchers = new Map<string, Set<JourneyChangeListener>>();

  constructor(dataSource: DataSource, notifier: PostCommitNotifier) {
    notifier.onCommit(CHANNEL, takeChanged);
    this.listener = new PgListener(dataSource, {
      channel: CHANNEL,
      applicationName: 'livsforloeb-journey-streams',
      onNotification: (payload) => {
        for (const id of payload.split(',')) for (const listener of this.watchers.get(id) ?? []) listener();
      },
      // Whatever changed while no one listened: every watcher looks once.
      onUp: () => this.callAll(),
      reopen: () => this.watchers.size > 0,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.watchers.clear();
    await this.listener.close();
  }

  /** Calls `listener` whenever the journey may have changed; returns the function that stops it. */
  watch(journeyId: string, listener: JourneyChangeListener): () => void {
    const set = this.watchers.get(journeyId) ?? new Set();
    set.add(listener);
    this.watchers.set(journeyId, set);
    void this.listener.listen();
    return () => {
      set.delete(listener);
      if (!set.size && this.watchers.get(journeyId) === set) this.watchers.delete(journeyId);
    };
  }

  /** Whether this process is listening (opening the connection if a watcher asked for it and it is not open yet). */
  listening(): Promise<boolean> {
    return this.listener.listen();
  }

  private callAll(): void {
    for (const set of this.watchers.values()) for (const listener of set) listener();
  }
}
