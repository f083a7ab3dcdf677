import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type JourneyStatus = 'active' | 'completed' | 'dismissed' | 'broken';

@Entity('citizen')
export class CitizenEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Personal data: stored here only, never logged, never copied elsewhere. */
  @Column({ type: 'char', length: 10, unique: true }) cpr!: string;
  @Column({ name: 'birth_date', type: 'date', nullable: true }) birthDate!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('journey')
@Index('journey_one_active_per_type', ['citizenId', 'type'], { unique: true, where: `status = 'active'` })
export class JourneyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'citizen_id', type: 'uuid' }) citizenId!: string;
  @Column({ name: 'parent_journey_id', type: 'uuid', nullable: true }) parentJourneyId!: string | null;
  @Column({ name: 'linked_step', type: 'text', nullable: true }) linkedStep!: string | null;
  @Column('text') type!: string;
  @Column({ name: 'definition_version', type: 'int' }) definitionVersion!: number;
  @Column('text') status!: JourneyStatus;
  @Column('text') state!: string;
  @Column('jsonb') snapshot!: Record<string, unknown>;
  @Column({ type: 'int', default: 1 }) version!: number;
  @Column({ name: 'broken_reason', type: 'text', nullable: true }) brokenReason!: string | null;
  @Column({ name: 'next_deadline', type: 'date', nullable: true }) nextDeadline!: string | null;
  @Column({ name: 'has_failed_step', type: 'boolean', default: false }) hasFailedStep!: boolean;
  @Column({ type: 'text', array: true, default: '{}' }) systems!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  /** `register:<event id>` when a register feed started the journey, else null (the citizen did). */
  @Column({ name: 'started_by', type: 'text', nullable: true }) startedBy!: string | null;
}

@Entity('register_event')
export class RegisterEventEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') type!: string;
  @Column({ name: 'occurred_on', type: 'date' }) occurredOn!: string;
  @Column('jsonb') outcome!: Record<string, unknown>;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
}

@Entity('journey_history')
export class JourneyHistoryEntity {
  @PrimaryColumn({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @PrimaryColumn('int') seq!: number;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ name: 'event_data', type: 'jsonb', default: {} }) eventData!: Record<string, unknown>;
  @Column('jsonb') actor!: Record<string, unknown>;
  @Column('text') state!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
