import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import { DataSource } from 'typeorm';
import { addDays } from '../../../journeys/shared/calendar';
import { AppConfig } from '../../platform/config/app.config';
import { DomainError } from '../../platform/errors/domain-error';
import { OverviewQueries } from './overview.queries';

const FEED_TOKEN_PREFIX = 'lfc_';
const FEED_TOKEN_SHAPE = /^lfc_[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Deadlines as an iCalendar feed a phone subscribes to without signing in. The token in the URL is
 * the only key: random, stored only as its SHA-256, one live token per citizen, revocable. A new
 * token revokes the previous one; an unknown or revoked token looks like a missing feed (404).
 */
@Injectable()
export class CalendarFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly overview: OverviewQueries,
    private readonly config: AppConfig,
  ) {}

  /** A new feed token (shown once) and its URL; the citizen's earlier token stops working. */
  async issue(citizenId: string): Promise<{ token: string; url: string; createdAt: string }> {
    const token = `${FEED_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const createdAt = await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE calendar_feed_token SET revoked_at = now() WHERE citizen_id = $1 AND revoked_at IS NULL`, [citizenId]);
      const [row]: { created_at: Date }[] = await tx.query(
        `INSERT INTO calendar_feed_token (citizen_id, token_hash) VALUES ($1, $2) RETURNING created_at`,
        [citizenId, hashOf(token)],
      );
      return new Date(row.created_at).toISOString();
    });
    return { token, url: this.url(token), createdAt };
  }

  /** Whether the citizen has a live feed token, and since when (the token itself is not kept). */
  async status(citizenId: string): Promise<{ active: boolean; createdAt: string | null }> {
    const [row]: { created_at: Date }[] = await this.dataSource.query(
      `SELECT created_at FROM calendar_feed_token WHERE citizen_id = $1 AND revoked_at IS NULL`,
      [citizenId],
    );
    return { active: !!row, createdAt: row ? new Date(row.created_at).toISOString() : null };
  }

  /** True when a live token was revoked. */
  async revoke(citizenId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE calendar_feed_token SET revoked_at = now() WHERE citizen_id = $1 AND revoked_at IS NULL RETURNING id`,
      [citizenId],
    );
    return rows.length > 0;
  }

  url(token: string): string {
    return `${this.config.selfService.publicBaseUrl}/api/me/calendar.ics?token=${encodeURIComponent(token)}`;
  }

  /** The feed of the token's citizen: one all-day event per deadline of a running journey. */
  async render(token: unknown, lang: 'da' | 'en'): Promise<string> {
    const rows: { citizen_id: string }[] =
      typeof token === 'string' && FEED_TOKEN_SHAPE.test(token)
        ? await this.dataSource.query(`SELECT citizen_id FROM calendar_feed_token WHERE token_hash = $1 AND revoked_at IS NULL`, [
            hashOf(token),
          ])
        : [];
    if (!rows[0]) throw new DomainError('NOT_FOUND', 'Unknown or revoked calendar feed');
    const { deadlines } = await this.overview.forCitizen(rows[0].citizen_id);
    const base = this.config.selfService.publicBaseUrl;
    const calendar = ical({
      name: lang === 'da' ? 'Livsforløb: mine frister' : 'Life journeys: my deadlines',
      prodId: { company: 'Livsforløb', product: 'overblik', language: lang.toUpperCase() },
      ttl: 60 * 60,
    });
    for (const d of deadlines) {
      const who = d.authority ? ` (${d.authority.name[lang]})` : '';
      calendar.createEvent({
        id: `${d.journey.id}.${d.step.id}@livsforloeb`,
        allDay: true,
        start: new Date(`${d.deadline}T00:00:00Z`),
        end: new Date(`${addDays(d.deadline, 1)}T00:00:00Z`),
        summary: `${lang === 'da' ? 'Frist' : 'Deadline'}: ${d.step.title[lang]}${who}`,
        description: `${d.journey.title[lang]}\n\n${d.step.guidance[lang]}`,
        url: `${base}${d.link}`,
      });
    }
    return calendar.toString();
  }
}
