import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error';
import type { Sql } from '../persistence/journey.repository';

export type DeliveryStatus = 'pending' | 'sent' | 'skipped' | 'failed';

export interface NotificationView {
  id: string;
  journeyId: string;
  journeyType: string;
  template: string;
  step: string | null;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
  delivery: { channel: 'digital-post'; status: DeliveryStatus; after: string | null; at: string | null };
}

/** For the delivery job: the notification, where its journey and step stand now, and whom it is for. */
export interface DeliveryRow {
  id: string;
  journey_id: string;
  template: string;
  step: string | null;
  delivery_status: DeliveryStatus;
  journey_status: string;
  step_status: string | null;
  cpr: string;
}

interface NotificationRow {
  id: string;
  journey_id: string;
  journey_type: string;
  template: string;
  step: string | null;
  params: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
  delivery_status: DeliveryStatus;
  deliver_after: Date | null;
  delivered_at: Date | null;
}

/** The citizen's in-app notification list and the delivery state of each letter. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listForCitizen(citizenId: string, limit = 50, offset = 0): Promise<NotificationView[]> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT n.*, j.type AS journey_type FROM notification n JOIN journey j ON j.id = n.journey_id
        WHERE n.citizen_id = $1 ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`,
      [citizenId, limit, offset],
    );
    return rows.map((r) => ({
      id: r.id,
      journeyId: r.journey_id,
      journeyType: r.journey_type,
      template: r.template,
      step: r.step,
      params: r.params,
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      delivery: {
        channel: 'digital-post',
        status: r.delivery_status,
        after: r.deliver_after ? new Date(r.deliver_after).toISOString() : null,
        at: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
      },
    }));
  }

  async unreadCount(citizenId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification WHERE citizen_id = $1 AND read_at IS NULL`,
      [citizenId],
    );
    return row.n;
  }

  /** Marks one of the citizen's notifications read; someone else's looks like a missing one. */
  async markRead(citizenId: string, id: string): Promise<void> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND citizen_id = $2 RETURNING id`,
      [id, citizenId],
    );
    if (rows.length === 0) throw new DomainError('NOT_FOUND', 'Notification not found');
  }

  async forDelivery(sql: Sql, id: string): Promise<DeliveryRow | undefined> {
    const rows: DeliveryRow[] = await sql.query(
      `SELECT n.id, n.journey_id, n.template, n.step, n.delivery_status, j.status AS journey_status,
              j.snapshot->'context'->'steps'->(n.step)->>'status' AS step_status, c.cpr
         FROM notification n JOIN journey j ON j.id = n.journey_id JOIN citizen c ON c.id = n.citizen_id
        WHERE n.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Only a pending row changes: a second run of the same job cannot send or skip twice. */
  async settle(
    sql: Sql,
    id: string,
    status: Exclude<DeliveryStatus, 'pending'>,
    note: string | null,
    ref: string | null = null,
  ): Promise<boolean> {
    const [rows]: [unknown[], number] = await sql.query(
      `UPDATE notification SET delivery_status = $2, delivery_note = $3, delivery_ref = $4,
              delivered_at = CASE WHEN $2 = 'sent' THEN now() ELSE delivered_at END
        WHERE id = $1 AND delivery_status = 'pending' RETURNING id`,
      [id, status, note, ref],
    );
    return rows.length === 1;
  }
}
