import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SystemClientRow {
  client_id: string;
  authority: string;
  name: string | null;
  secret_hash: string;
  created_at: Date;
  disabled_at: Date | null;
}

/** The authorities' systems as OAuth clients (client credentials). */
@Injectable()
export class SystemClientRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(c: { clientId: string; authority: string; name?: string; secretHash: string }): Promise<void> {
    await this.dataSource.query(`INSERT INTO system_client (client_id, authority, name, secret_hash) VALUES ($1,$2,$3,$4)`, [
      c.clientId,
      c.authority,
      c.name ?? null,
      c.secretHash,
    ]);
  }

  async find(clientId: string): Promise<SystemClientRow | undefined> {
    const rows: SystemClientRow[] = await this.dataSource.query('SELECT * FROM system_client WHERE client_id = $1', [clientId]);
    return rows[0];
  }

  /** A token outlives nothing: disabling a client stops its tokens at the next call, not at their expiry. */
  async isActive(clientId: string, authority: string | undefined): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM system_client WHERE client_id = $1 AND authority = $2 AND disabled_at IS NULL',
      [clientId, authority ?? null],
    );
    return rows.length === 1;
  }
}
