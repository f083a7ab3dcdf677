import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';
import { OutboxSignal } from './outbox-signal';

/**
 * Between the engine and the queues: the engine writes outbox rows in its transactions (payloads
 * and the written-mark in src/platform/queue/outbox.ts), this module wakes on their commit and moves
 * them to BullMQ. The engine does not depend on it.
 */
@Module({
  providers: [OutboxRelay, OutboxSignal],
  exports: [OutboxRelay, OutboxSignal],
})
export class OutboxModule {}
