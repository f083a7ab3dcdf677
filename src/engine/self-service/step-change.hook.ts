import { Injectable } from '@nestjs/common';
import type { JourneyDefinition, StepState } from '../../../journeys/shared/contract';
import { CommandWriter, type CommandContext } from '../persistence/command-writer';
import type { Sql } from '../persistence/journey.repository';
import { WebhookFanout, type WebhookEvent } from './webhook-fanout';

const WAITING = new Set(['active', 'late']);

/**
 * Called by SendEventUseCase on the event's transaction with the steps before and after the
 * transition. A step of an authority that is done or failed is announced to that authority's
 * subscribers; a step that stopped waiting closes its task tokens.
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
    before: Record<string, StepState>,
    after: Record<string, StepState>,
  ): Promise<void> {
    const changed = def.steps.filter((step) => before[step.id]?.status !== after[step.id]?.status);
    const settled = changed.filter((step) => !WAITING.has(after[step.id]?.status)).map((step) => step.id);
    if (settled.length) {
      // Decided elsewhere (a caseworker, another token): the token is useless now, and a failure the solution reported is resolved.
      await tx.query(
        `UPDATE task_token SET status = CASE WHEN status = 'awaiting' THEN 'closed' ELSE status END, resolved_at = now()
          WHERE journey_id = $1 AND step = ANY ($2) AND (status = 'awaiting' OR (status = 'failed' AND resolved_at IS NULL))`,
        [ctx.journeyId, settled],
      );
    }
    for (const step of changed) {
      const state = after[step.id];
      const event: WebhookEvent | undefined = state?.status === 'done' ? 'step.completed' : state?.status === 'failed' ? 'step.failed' : undefined;
      if (!event || !step.system) continue;
      const payloads = await this.fanout.queue(tx, ctx.journeyId, step.system, event, {
        journey: { id: ctx.journeyId, type: def.id },
        step: { id: step.id, system: step.system, status: state.status, ...(state.reason ? { reason: state.reason } : {}) },
      });
      for (const payload of payloads) await this.commands.outbox(tx, ctx, payload);
    }
    // The journey row's has_failed_step was just derived from the machine's steps; a failure a
    // solution reported without a fail event lives outside the machine, so it is re-applied here.
    await tx.query(
      `UPDATE journey SET has_failed_step = true WHERE id = $1 AND NOT has_failed_step
          AND EXISTS (SELECT 1 FROM task_token WHERE journey_id = $1 AND status = 'failed' AND resolved_at IS NULL)`,
      [ctx.journeyId],
    );
  }
}
