import { Injectable } from '@nestjs/common';
import type { JourneyCommand, JourneyDefinition } from '../../../journeys/shared/contract';
import { DomainError } from '../../platform/errors/domain-error';
import type { JourneyRow } from '../persistence/journey.repository';
import { derivedColumns } from '../runtime/journey-facts';
import * as runtime from '../runtime/journey-runtime';
import { JourneyWriter } from './journey-writer';

export interface MigrateJourneysCommand {
  type: string;
  to: number;
  dryRun: boolean;
}

export interface MigrationReportLine {
  journeyId: string;
  from: number;
  to: number;
  stateBefore: string;
  stateAfter?: string;
  outcome: 'migrated' | 'would-migrate' | 'cannot';
  reason?: string;
  /** Timers the migration (re)schedules or cancels, by key: deadlines it recomputed. */
  timers?: string[];
}

/**
 * Moves journeys of one type from older definition versions to `to`, chaining the snapshot
 * migrations the definitions ship. Each journey is migrated in its own transaction; one that
 * cannot be migrated is reported with the reason and left as it was. A broken journey whose
 * migrated snapshot fits again becomes active. A migration that recomputes deadlines also gives
 * the timer commands for them, written in the same transaction (and listed in a dry run). A
 * migration that ends a journey cancels its timers and tells a parent journey waiting for it.
 */
@Injectable()
export class MigrateJourneysUseCase {
  constructor(private readonly writer: JourneyWriter) {}

  async execute(command: MigrateJourneysCommand): Promise<MigrationReportLine[]> {
    const target = this.writer.catalog.get(command.type, command.to);
    if (!target) {
      throw new DomainError('VALIDATION_FAILED', `No definition ${command.type} version ${command.to}`, {
        fields: [{ field: 'to', reason: 'is not a loaded version of this journey type' }],
      });
    }
    const repo = this.writer.repo;
    const candidates: { id: string }[] = await repo.dataSource.query(
      `SELECT id FROM journey WHERE type = $1 AND definition_version < $2 AND status IN ('active','broken') ORDER BY created_at`,
      [command.type, command.to],
    );
    const report: MigrationReportLine[] = [];
    for (const { id } of candidates) {
      report.push(
        await repo.transaction(async (tx) => {
          const journey = (await repo.lock(tx, id)) as JourneyRow;
          const line: MigrationReportLine = {
            journeyId: id,
            from: journey.definition_version,
            to: command.to,
            stateBefore: journey.state,
            outcome: 'cannot',
          };
          let migrated: runtime.PersistedSnapshot;
          let commands: JourneyCommand[];
          try {
            ({ snapshot: migrated, commands } = this.chain(journey, target, new Date().toISOString()));
            const restored = runtime.restore(target, migrated);
            line.stateAfter = runtime.flattenState(restored.value);
          } catch (e) {
            line.reason = e instanceof Error ? e.message : String(e);
            return line;
          }
          const timers = [...new Set(commands.flatMap((c) => (c.type === 'timer.schedule' || c.type === 'timer.cancel' ? [c.key] : [])))];
          if (timers.length) line.timers = timers;
          if (command.dryRun) return { ...line, outcome: 'would-migrate' };
          const status = migrated.status === 'done' ? 'completed' : 'active';
          await repo.update(tx, id, journey.version, {
            status,
            state: line.stateAfter,
            snapshot: migrated,
            definitionVersion: command.to,
            ...derivedColumns(target, migrated.context),
          });
          await tx.query(`UPDATE journey SET broken_reason = NULL WHERE id = $1`, [id]);
          await repo.appendHistory(tx, {
            journeyId: id,
            seq: journey.version + 1,
            eventType: 'journey.migrated',
            eventData: { from: journey.definition_version, to: command.to },
            actor: { kind: 'engine', id: 'journeys:migrate' },
            state: line.stateAfter,
          });
          const ctx = { journeyId: id, citizenId: journey.citizen_id, seq: journey.version + 1 };
          if (status === 'active') await this.writer.runCommands(tx, ctx, commands);
          // A migration that ends a journey ends it as an event would: timers stop, a parent hears it.
          else await this.writer.ended(tx, ctx, journey);
          return { ...line, outcome: 'migrated' };
        }),
      );
    }
    return report;
  }

  private chain(
    journey: JourneyRow,
    target: JourneyDefinition,
    now: string,
  ): { snapshot: runtime.PersistedSnapshot; commands: JourneyCommand[] } {
    let snapshot = journey.snapshot as runtime.PersistedSnapshot;
    let version = journey.definition_version;
    const commands: JourneyCommand[] = [];
    while (version < target.version) {
      const step = this.writer.catalog
        .versions(target.id)
        .flatMap((d) => d.migrations ?? [])
        .find((m) => m.from === version);
      if (!step) throw new Error(`no migration from version ${version}`);
      snapshot = step.migrate(structuredClone(snapshot)) as runtime.PersistedSnapshot;
      commands.push(...(step.commands?.(structuredClone(snapshot), now) ?? []));
      version = step.to;
    }
    if (version !== target.version) throw new Error(`migrations lead to version ${version}, not ${target.version}`);
    return { snapshot, commands };
  }
}
