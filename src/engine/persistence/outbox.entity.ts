import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('journey_idempotency')
export class JourneyIdempotencyEntity {
  @PrimaryColumn({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @PrimaryColumn('text') key!: string;
  @Column('int') seq!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('outbox')
export class OutboxEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column('int') seq!: number;
  @Column({ name: 'command_type', type: 'text' }) commandType!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column({ name: 'available_at', type: 'timestamptz' }) availableAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true }) relayedAt!: Date | null;
  @Column({ name: 'relay_attempts', type: 'int', default: 0 }) relayAttempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
}

export type IntegrationTaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'dead';

@Entity('integration_task')
export class IntegrationTaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column('text') step!: string;
  @Column('text') task!: string;
  @Column('text') system!: string;
  @Column('jsonb', { default: {} }) input!: Record<string, unknown>;
  @Column('text') status!: IntegrationTaskStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'int', default: 1 }) generation!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('journey_timer')
export class JourneyTimerEntity {
  @PrimaryColumn({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @PrimaryColumn('text') key!: string;
  @Column({ type: 'int', default: 1 }) generation!: number;
  @Column({ name: 'job_id', type: 'uuid', nullable: true }) jobId!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'text', nullable: true }) step!: string | null;
  @Column('text') purpose!: string;
  @Column('text') status!: 'scheduled' | 'fired' | 'cancelled';
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('notification')
export class NotificationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'citizen_id', type: 'uuid' }) citizenId!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column('text') template!: string;
  @Column({ type: 'text', nullable: true }) step!: string | null;
  @Column('jsonb', { default: {} }) params!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @Column({ name: 'dedup_key', type: 'text', nullable: true }) dedupKey!: string | null;
  @Column({ name: 'delivery_status', type: 'text', default: 'pending' }) deliveryStatus!: 'pending' | 'sent' | 'skipped' | 'failed';
  @Column({ name: 'deliver_after', type: 'timestamptz', nullable: true }) deliverAfter!: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'delivery_ref', type: 'text', nullable: true }) deliveryRef!: string | null;
  @Column({ name: 'delivery_note', type: 'text', nullable: true }) deliveryNote!: string | null;
}
