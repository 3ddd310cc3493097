import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookKind } from '@switchboard/contracts';

/**
 * An incoming or outgoing webhook of one channel, speaking as a bot user. Only the SHA-256 of the
 * token is stored; the signing secret is derived from WEBHOOK_SECRET_KEY and `signingSalt`.
 */
@Entity('webhooks')
export class WebhookEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ name: 'channel_id', type: 'bigint' })
  channelId!: string;

  @Column({ type: 'text' })
  kind!: WebhookKind;

  /** The bot user that speaks for the webhook. */
  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  @Column({ name: 'owner_id', type: 'bigint' })
  ownerId!: string;

  @Column({ type: 'text', nullable: true })
  trigger!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ name: 'avatar_url', type: 'text', nullable: true })
  avatarUrl!: string | null;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'signing_salt', type: 'text' })
  signingSalt!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
