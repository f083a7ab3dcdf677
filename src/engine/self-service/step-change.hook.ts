import { Injectable } from '@nestjs/common';
import { handlingSystem, type JourneyDefinition, type StepState } from '../../../journeys/shared/contract';
import { CommandWriter, type CommandContext } from '../persistence/command-writer';
import type { Sql, SubscriptionRef } from '../persistence/journey.repository';
import { WebhookFanout, type WebhookEvent } from './webhook-fanout';

const WAITING = new Set(['active', 'late']);

/** Steps whose status changed in a transition. */
export function changedSteps(
  def: JourneyDefinition,
  before: Record<string, StepState>,
  after: Record<string, StepState>,
): JourneyDefinition['steps'] {
  return def.steps.filter((step) => before[step.id]?.status !== after[step.id]?.status);
}

/**
 * Steps that stopped waiting in a transition: their task tokens are useless now (decided
 * elsewhere: a caseworker, another token), and a failure a solution reported for them is resolved.
 * The journey repository closes them in the statement that writes the transition.
 */
export function settledSteps(changed: JourneyDefinition['steps'], after: Record<string, StepState>): string[] {
  return changed.filter((step) => !WAITING.has(after[step.id]?.status)).map((step) => step.id);
}

/**
 * Called by SendEventUseCase on the event's transaction with the steps whose status changed in the
 * transition (`changedSteps`): a step of an authority that is done or failed is announced to that authority's
 * subscribers (read with the journey's lock, so a journey nobody subscribes to costs no query).
 */
@Injectable()
export class StepChangeHook {
  constructor(
    private readonly fanout: WebhookFanout,
    private readonly commands: CommandWriter,
  ) {}

  async afterTransition(
    tx: Sql,
    ctx: CommandContext,
    def: JourneyDefinition,
    changed: JourneyDefinition['steps'],
    after: Record<string, StepState>,
    subscriptions: SubscriptionRef[],
  ): Promise<void> {
    for (const { step, state, system, event, wanted } of announcements(changed, after, subscriptions)) {
      const payloads = await this.fanout.queue(
        tx,
        ctx.journeyId,
        system,
        event,
        {
          journey: { id: ctx.journeyId, type: def.id },
          step: { id: step.id, system, status: state.status, ...(state.reason ? { reason: state.reason } : {}) },
        },
        wanted,
      );
      for (const payload of payloads) await this.commands.outbox(tx, ctx, payload);
    }
  }

  /** Whether `afterTransition` writes anything for these changes. */
  announces(
    def: JourneyDefinition,
    changed: JourneyDefinition['steps'],
    after: Record<string, StepState>,
    subscriptions: SubscriptionRef[],
  ): boolean {
    return announcements(changed, after, subscriptions).length > 0;
  }
}

/** The changed steps of an authority that are done or failed, with the subscriptions that want to hear it. */
function announcements(changed: JourneyDefinition['steps'], after: Record<string, StepState>, subscriptions: SubscriptionRef[]) {
  return changed.flatMap((step) => {
    const state = after[step.id];
    const event: WebhookEvent | undefined =
      state?.status === 'done' ? 'step.completed' : state?.status === 'failed' ? 'step.failed' : undefined;
    const system = handlingSystem(step, state);
    if (!event || !system) return [];
    const wanted = subscriptions.filter((s) => s.authority === system && s.events.includes(event));
    return wanted.length ? [{ step, state, system, event, wanted }] : [];
  });
}
