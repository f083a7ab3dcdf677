import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config/app.config';
import type { Principal } from '../auth/principal';

const hash = (id: string) => createHash('sha256').update(id).digest('base64url');
const newId = () => randomBytes(32).toString('base64url');
/** A sign-in must come back from the provider within this time. */
const ATTEMPT_SECONDS = 600;
/** The idle clock is moved at most this often: a page view is a read, not a write, most of the time. */
const TOUCH_EVERY_SECONDS = 60;

export interface SignInAttempt {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type SessionPrincipal = Pick<Principal, 'role' | 'subject' | 'authority' | 'name' | 'citizenId' | 'citizen'> & { provider: string };

interface AttemptRow {
  provider: string;
  state: string;
  nonce: string;
  code_verifier: string;
  fresh: boolean;
}

/** A session row with its citizen; the table's check keeps a citizen's session tied to the citizen. */
type SessionRow = {
  provider: string;
  authority: string | null;
  name: string | null;
  birth_date: string | null;
  live: boolean;
  stale: boolean;
} & (
  { role: 'citizen'; citizen_id: string; cpr: string; subject: null } | { role: 'caseworker'; citizen_id: null; cpr: null; subject: string }
);

/**
 * Sessions of the pages and the sign-in attempts that lead to them, in PostgreSQL. The browser
 * holds only random ids; the rows are keyed by their hashes. A session ends at the first of: sign-out,
 * `idleSeconds` without a request, `absoluteSeconds` after sign-in.
 */
@Injectable()
export class PageSessions {
  constructor(
    private readonly sql: DataSource,
    private readonly config: AppConfig,
  ) {}

  async beginAttempt(attempt: SignInAttempt): Promise<string> {
    const id = newId();
    await this.sql.query(`DELETE FROM sign_in_attempt WHERE created_at < now() - make_interval(secs => $1)`, [ATTEMPT_SECONDS]);
    await this.sql.query(`INSERT INTO sign_in_attempt (id_hash, provider, state, nonce, code_verifier) VALUES ($1, $2, $3, $4, $5)`, [
      hash(id),
      attempt.provider,
      attempt.state,
      attempt.nonce,
      attempt.codeVerifier,
    ]);
    return id;
  }

  /** The attempt, removed as it is read: an answer from the provider is accepted once. */
  async takeAttempt(id: string | undefined): Promise<SignInAttempt | undefined> {
    if (!id) return undefined;
    const [rows]: [AttemptRow[], number] = await this.sql.query(
      `DELETE FROM sign_in_attempt WHERE id_hash = $1
       RETURNING provider, state, nonce, code_verifier, created_at > now() - make_interval(secs => $2) AS fresh`,
      [hash(id), ATTEMPT_SECONDS],
    );
    const row = rows[0];
    return row?.fresh ? { provider: row.provider, state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier } : undefined;
  }

  /** A new session (a new id at every sign-in); the one the browser had before, if any, ends. */
  async create(who: SessionPrincipal, previousId?: string): Promise<string> {
    const { idleSeconds, absoluteSeconds } = this.config.signIn;
    if (previousId) await this.end(previousId);
    await this.sql.query(
      `DELETE FROM page_session WHERE last_seen_at < now() - make_interval(secs => $1) OR created_at < now() - make_interval(secs => $2)`,
      [idleSeconds, absoluteSeconds],
    );
    const id = newId();
    await this.sql.query(
      `INSERT INTO page_session (id_hash, provider, role, citizen_id, subject, authority, name) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        hash(id),
        who.provider,
        who.role,
        who.role === 'citizen' ? who.citizenId : null,
        who.role === 'citizen' ? null : who.subject,
        who.authority ?? null,
        who.name ?? null,
      ],
    );
    return id;
  }

  /** The signed-in person of a live session, or undefined (unknown, idle too long, or too old). */
  async find(id: string | undefined): Promise<SessionPrincipal | undefined> {
    if (!id) return undefined;
    const { idleSeconds, absoluteSeconds } = this.config.signIn;
    const rows: SessionRow[] = await this.sql.query(
      `SELECT s.provider, s.role, s.subject, s.authority, s.name, s.citizen_id, c.cpr, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
              s.last_seen_at > now() - make_interval(secs => $2) AND s.created_at > now() - make_interval(secs => $3) AS live,
              s.last_seen_at < now() - make_interval(secs => $4) AS stale
         FROM page_session s LEFT JOIN citizen c ON c.id = s.citizen_id WHERE s.id_hash = $1`,
      [hash(id), idleSeconds, absoluteSeconds, TOUCH_EVERY_SECONDS],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (!row.live) {
      await this.end(id);
      return undefined;
    }
    if (row.stale) await this.sql.query(`UPDATE page_session SET last_seen_at = now() WHERE id_hash = $1`, [hash(id)]);
    const base = { provider: row.provider, role: row.role, authority: row.authority ?? undefined, name: row.name ?? undefined };
    if (row.role === 'citizen') {
      return {
        ...base,
        subject: row.cpr,
        citizenId: row.citizen_id,
        citizen: { id: row.citizen_id, cpr: row.cpr, birthDate: row.birth_date },
      };
    }
    return { ...base, subject: row.subject };
  }

  /** Ends the session here; answers which provider it came from (for signing out there too). */
  async end(id: string | undefined): Promise<string | undefined> {
    if (!id) return undefined;
    const [rows]: [{ provider: string }[], number] = await this.sql.query(
      `DELETE FROM page_session WHERE id_hash = $1 RETURNING provider`,
      [hash(id)],
    );
    return rows[0]?.provider;
  }
}
