import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SystemClientRow {
  client_id: string;
  authority: string;
  name: string | null;
  secret_hash: string;
  created_at: Date;
  disabled_at: Date | null;
  secret_generation: number;
  secret_rotated_at: Date | null;
}

/** What an operator sees of a client: never its secret hash. */
export type SystemClientSummary = Omit<SystemClientRow, 'secret_hash'>;

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

  /**
   * A token outlives nothing: disabling a client or rotating its secret stops the tokens issued
   * before at their next call, not at their expiry.
   */
  async isActive(clientId: string, authority: string | undefined, secretGeneration: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM system_client WHERE client_id = $1 AND authority = $2 AND disabled_at IS NULL AND secret_generation = $3',
      [clientId, authority ?? null, secretGeneration],
    );
    return rows.length === 1;
  }

  async list(): Promise<SystemClientSummary[]> {
    return this.dataSource.query(
      `SELECT client_id, authority, name, created_at, disabled_at, secret_generation, secret_rotated_at
         FROM system_client ORDER BY authority, created_at, client_id`,
    );
  }

  /** Disables the client; undefined when there is none. Disabling twice keeps the first time. */
  async disable(clientId: string): Promise<SystemClientSummary | undefined> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM's postgres driver.
    const [rows]: [SystemClientSummary[], number] = await this.dataSource.query(
      `UPDATE system_client SET disabled_at = COALESCE(disabled_at, now()) WHERE client_id = $1
       RETURNING client_id, authority, name, created_at, disabled_at, secret_generation, secret_rotated_at`,
      [clientId],
    );
    return rows[0];
  }

  /** Replaces the secret's hash and counts the generation up, in one statement; undefined when there is no such client. */
  async rotateSecret(clientId: string, secretHash: string): Promise<SystemClientSummary | undefined> {
    const [rows]: [SystemClientSummary[], number] = await this.dataSource.query(
      `UPDATE system_client SET secret_hash = $2, secret_generation = secret_generation + 1, secret_rotated_at = now()
       WHERE client_id = $1 AND disabled_at IS NULL
       RETURNING client_id, authority, name, created_at, disabled_at, secret_generation, secret_rotated_at`,
      [clientId, secretHash],
    );
    return rows[0];
  }
}
