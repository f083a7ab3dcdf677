import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Entities of migrations 1796600000000 and 1796600100000 (kept so `migration:generate` sees no drift; queries are raw SQL). */
@Entity('calendar_feed_token')
export class CalendarFeedTokenEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'citizen_id', type: 'uuid' }) citizenId!: string;
  @Column({ name: 'token_hash', type: 'text', unique: true }) tokenHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}

@Entity('correction_request')
export class CorrectionRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'citizen_id', type: 'uuid' }) citizenId!: string;
  @Column({ name: 'journey_id', type: 'uuid', nullable: true }) journeyId!: string | null;
  @Column('text') fact!: string;
  @Column('text') authority!: string;
  @Column('text') description!: string;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: 'citizen' | 'proxy';
  @Column('text') status!: 'awaiting' | 'corrected' | 'rejected';
  @Column({ name: 'token_hash', type: 'text', unique: true }) tokenHash!: string;
  @Column({ type: 'text', nullable: true }) answer!: string | null;
  @Column({ name: 'answered_by', type: 'text', nullable: true }) answeredBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
}

export const overviewEntities = [CalendarFeedTokenEntity, CorrectionRequestEntity];
