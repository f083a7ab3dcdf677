import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Entities of migration 1795700200000 (kept so `migration:generate` sees no drift; queries are raw SQL). */
@Entity('access_log')
export class AccessLogEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'citizen_id', type: 'uuid' }) citizenId!: string;
  @Column({ name: 'journey_id', type: 'uuid', nullable: true }) journeyId!: string | null;
  @Column({ name: 'viewer_kind', type: 'text' }) viewerKind!: 'caseworker' | 'proxy' | 'system';
  @Column({ name: 'viewer_id', type: 'text' }) viewerId!: string;
  @Column({ name: 'viewer_name', type: 'text', nullable: true }) viewerName!: string | null;
  @Column({ type: 'text', nullable: true }) authority!: string | null;
  @Column('text') purpose!: string;
  @Column('text') action!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('proxy_grant')
export class ProxyGrantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'citizen_id', type: 'uuid' }) citizenId!: string;
  @Column({ name: 'proxy_citizen_id', type: 'uuid' }) proxyCitizenId!: string;
  @Column({ name: 'journey_id', type: 'uuid', nullable: true }) journeyId!: string | null;
  @Column('text') access!: 'read' | 'act';
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}

@Entity('caseworker_note')
export class CaseworkerNoteEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ name: 'author_name', type: 'text', nullable: true }) authorName!: string | null;
  @Column('text') authority!: string;
  @Column('text') body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
