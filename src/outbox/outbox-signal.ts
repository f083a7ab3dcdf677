import { Injectable } from '@nestjs/common';
import { PostCommitNotifier } from '../platform/database/post-commit-notifier';
import { OUTBOX_CHANNEL as CHANNEL, takeOutboxWritten } from '../platform/queue/outbox';

/**
 * Wakes the outbox relays once a transaction that wrote outbox rows has committed.
 *
 * The writers mark their transaction (`markOutboxWritten`, src/platform/queue/outbox.ts), and after
 * the commit this asks for `NOTIFY outbox` through the process's PostCommitNotifier: outside the
 * transition's transaction, so commits do not wait in line on PostgreSQL's notify lock, and in one
 * statement with the journey change notifications of the same moment. The commits of the same few
 * milliseconds fold into one notification; those that arrive while it is on its way, into one
 * more. A notification lost to a crash or a broken
 * connection costs at most the relays' poll interval: the outbox row is the promise, the
 * notification only a nudge.
 */
@Injectable()
export class OutboxSignal {
  constructor(private readonly notifier: PostCommitNotifier) {
    notifier.onCommit(CHANNEL, (runner) => (takeOutboxWritten(runner) ? [''] : []));
  }

  /** Notifications sent (for tests and metrics: how many commits folded into one). */
  get sent(): number {
    return this.notifier.sent(CHANNEL);
  }

  /** Sends a notification within a few milliseconds, or, when one is on its way, one more after it. Never throws. */
  poke(): void {
    this.notifier.notify(CHANNEL, ['']);
  }
}
