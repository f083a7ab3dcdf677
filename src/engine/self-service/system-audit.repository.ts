import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SystemCallRecord {
  clientId: string | null;
  authority: string | null;
  method: string;
  /** The route pattern (`/api/hooks/tasks/:token/complete`), never the URL: a URL may carry a task token. */
  route: string;
  journeyId: string | null;
  status: number;
}

/** Every call of an authority's system: who, which route, which journey, with what outcome, when. */
@Injectable()
export class SystemAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(r: SystemCallRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO system_call_audit (client_id, authority, method, route, journey_id, status) VALUES ($1,$2,$3,$4,$5,$6)`,
      [r.clientId?.slice(0, 80) ?? null, r.authority, r.method, r.route.slice(0, 200), r.journeyId, r.status],
    );
  }
}
