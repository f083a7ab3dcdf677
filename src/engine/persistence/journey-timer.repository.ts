import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The `journey_timer` rows: the truth about a timer, whatever its delayed job says. */
@Injectable()
export class JourneyTimerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(journeyId: string, key: string): Promise<{ status: string; generation: number } | undefined> {
    const rows: { status: string; generation: number }[] = await this.dataSource.query(
      'SELECT status, generation FROM journey_timer WHERE journey_id = $1 AND key = $2',
      [journeyId, key],
    );
    return rows[0];
  }

  /** Marks this generation fired; a timer rescheduled meanwhile (a newer generation) stays scheduled. */
  async markFired(journeyId: string, key: string, generation: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE journey_timer SET status = 'fired', updated_at = now() WHERE journey_id = $1 AND key = $2 AND generation = $3`,
      [journeyId, key, generation],
    );
  }
}
