import { Injectable } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import type { Actor } from '../actor';
import { JourneyWriter } from './journey-writer';
import { SendEventUseCase, type SendEventResult } from './send-event.use-case';

/**
 * An event sent by a caseworker or an authority's system (e.g. the municipality's decision on a
 * host declaration): only events whose specification names that kind of actor, and only on
 * journeys with a step of the sender's authority. Reading the journey is logged by the caller.
 */
@Injectable()
export class SendActorEventUseCase {
  constructor(
    private readonly writer: JourneyWriter,
    private readonly send: SendEventUseCase,
  ) {}

  async execute(c: { journeyId: string; type: string; data?: Record<string, unknown>; idempotencyKey?: string; actor: Actor & { kind: 'caseworker' | 'system'; authority: string } }): Promise<SendEventResult> {
    const row = await this.writer.repo.find(this.writer.repo.dataSource, c.journeyId);
    if (!row || !row.systems.includes(c.actor.authority)) throw new DomainError('NOT_FOUND', 'Journey not found');
    const def = this.writer.definitionFor(row.type, row.definition_version);
    const spec = def.events[c.type];
    if (!spec) {
      throw new DomainError('EVENT_NOT_ALLOWED', `Event "${c.type.slice(0, 80)}" is not part of the ${def.id} journey`, { event: c.type.slice(0, 80), state: row.state });
    }
    if (!spec.actors.includes(c.actor.kind)) {
      throw new DomainError('FORBIDDEN', `Event "${c.type}" is not sent by ${c.actor.kind === 'system' ? 'self-service systems' : 'caseworkers'}`);
    }
    return this.send.execute({ journeyId: c.journeyId, type: c.type, data: c.data, idempotencyKey: c.idempotencyKey, actor: c.actor });
  }
}
