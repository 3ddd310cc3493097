import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Only the SHA-256 of a token is stored; `prefix` (the first characters) lets operators tell tokens apart. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text', default: '' })
  label!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
