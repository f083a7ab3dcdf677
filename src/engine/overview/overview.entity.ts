import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Entity of migration 1796600000000 (kept so `migration:generate` sees no drift; queries are raw SQL). */
@Entity('calendar_feed_token')
export class CalendarFeedTokenEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'citizen_id', type: 'uuid' }) citizenId!: string;
  @Column({ name: 'token_hash', type: 'text', unique: true }) tokenHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}

export const overviewEntities = [CalendarFeedTokenEntity];
