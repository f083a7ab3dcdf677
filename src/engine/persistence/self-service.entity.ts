import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Entities of migration 1795700240000 (kept so `migration:generate` sees no drift; queries are raw SQL). */
@Entity('system_client')
export class SystemClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' }) clientId!: string;
  @Column('text') authority!: string;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ name: 'secret_hash', type: 'text' }) secretHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /** Migration 1795700870000: counted up by each secret rotation; client tokens carry it. */
  @Column({ name: 'secret_generation', type: 'integer', default: 1 }) secretGeneration!: number;
  @Column({ name: 'secret_rotated_at', type: 'timestamptz', nullable: true }) secretRotatedAt!: Date | null;
}

@Entity('task_token')
export class TaskTokenEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'token_hash', type: 'text', unique: true }) tokenHash!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column('text') step!: string;
  @Column('text') system!: string;
  @Column({ name: 'complete_event', type: 'text' }) completeEvent!: string;
  @Column({ name: 'fail_event', type: 'text', nullable: true }) failEvent!: string | null;
  @Column('text') status!: 'awaiting' | 'completed' | 'failed' | 'closed';
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @Column({ name: 'used_by', type: 'text', nullable: true }) usedBy!: string | null;
  @Column({ name: 'fail_reason', type: 'text', nullable: true }) failReason!: string | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** The token itself, sealed, only while webhook deliveries still have to carry it. */
  @Column({ name: 'token_sealed', type: 'text', nullable: true }) tokenSealed!: string | null;
}

@Entity('webhook_subscription')
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'client_id', type: 'text' }) clientId!: string;
  @Column('text') authority!: string;
  @Column('text') url!: string;
  @Column('text', { array: true }) events!: string[];
  /** Written only before migration 1796523590884; the service seals such rows at start. */
  @Column({ type: 'text', nullable: true }) secret!: string | null;
  @Column({ name: 'secret_sealed', type: 'text', nullable: true }) secretSealed!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}

@Entity('webhook_delivery')
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'subscription_id', type: 'uuid' }) subscriptionId!: string;
  @Column({ name: 'journey_id', type: 'uuid', nullable: true }) journeyId!: string | null;
  @Column('text') event!: string;
  @Column('text') body!: string;
  /** The task token a step.awaiting delivery carries: put into the body when sending, never stored in it. */
  @Column({ name: 'task_token_id', type: 'uuid', nullable: true }) taskTokenId!: string | null;
  @Column('text') status!: 'pending' | 'delivered' | 'failed' | 'cancelled';
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_status_code', type: 'int', nullable: true }) lastStatusCode!: number | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('system_call_audit')
export class SystemCallAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'client_id', type: 'text', nullable: true }) clientId!: string | null;
  @Column({ type: 'text', nullable: true }) authority!: string | null;
  @Column('text') method!: string;
  @Column('text') route!: string;
  @Column({ name: 'journey_id', type: 'uuid', nullable: true }) journeyId!: string | null;
  @Column('int') status!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const selfServiceEntities = [SystemClientEntity, TaskTokenEntity, WebhookSubscriptionEntity, WebhookDeliveryEntity, SystemCallAuditEntity];
