import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Sql } from '../persistence/journey.repository';
import type { SystemCaller } from './system-caller';

/**
 * "Hvem har set mine data": an authority's system reading or acting on a journey is shown to the
 * citizen like a caseworker is (access_log, viewer kind `system`).
 */
@Injectable()
export class SystemAccessLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    caller: SystemCaller,
    journey: { id: string; citizenId: string },
    action: string,
    sql: Sql = this.dataSource,
  ): Promise<void> {
    await sql.query(
      `INSERT INTO access_log (citizen_id, journey_id, viewer_kind, viewer_id, authority, purpose, action)
       VALUES ($1,$2,'system',$3,$4,'self-service',$5)`,
      [journey.citizenId, journey.id, caller.clientId, caller.authority, action.slice(0, 120)],
    );
  }
}
