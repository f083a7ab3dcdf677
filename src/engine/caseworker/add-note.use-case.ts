import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error';
import type { Sql } from '../persistence/journey.repository';

export const NOTE_MAX = 2000;

export interface NewNote {
  journeyId: string;
  authorId: string;
  authorName?: string;
  authority: string;
  body: string;
}

/** A caseworker's note on a journey: for colleagues, shown in the timeline, never sent to the machine. */
@Injectable()
export class AddNoteUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(c: NewNote, sql: Sql = this.dataSource): Promise<{ id: string; at: string }> {
    const body = c.body.trim();
    if (!body || body.length > NOTE_MAX) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid note', {
        fields: [{ field: 'body', reason: `must be 1-${NOTE_MAX} characters` }],
      });
    }
    const rows: { id: string; created_at: Date }[] = await sql.query(
      `INSERT INTO caseworker_note (journey_id, author_id, author_name, authority, body) VALUES ($1,$2,$3,$4,$5) RETURNING id, created_at`,
      [c.journeyId, c.authorId, c.authorName ?? null, c.authority, body],
    );
    return { id: rows[0].id, at: new Date(rows[0].created_at).toISOString() };
  }
}
