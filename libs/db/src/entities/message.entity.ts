import { Column, Entity, Generated, PrimaryColumn } from 'typeorm';
import type { MessageType } from '@switchboard/contracts';

@Entity('messages')
export class MessageEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  /** Compact id shown to Zulip clients (JavaScript numbers lose precision above 2^53); set by a sequence. */
  @Column({ name: 'zulip_id', type: 'bigint', insert: false, update: false })
  @Generated('increment')
  zulipId!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ name: 'channel_id', type: 'bigint' })
  channelId!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  /** The Zulip topic (subject) of a channel message; '' when none was given. */
  @Column({ type: 'text', default: '' })
  topic!: string;

  /** Markdown source, as the author wrote it. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: 'text' })
  type!: MessageType;

  @Column({ name: 'reply_to', type: 'bigint', nullable: true })
  replyTo!: string | null;

  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount!: number;

  /** Slack `ts`, derived from the id at insert (libs/contracts slackTsFromId) and unique per channel. */
  @Column({ type: 'text' })
  ts!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /** Webhook messages: the webhook, and the display name and avatar shown instead of the bot's. */
  @Column({ name: 'webhook_id', type: 'bigint', nullable: true })
  webhookId!: string | null;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  @Column({ name: 'avatar_url', type: 'text', nullable: true })
  avatarUrl!: string | null;

  /** Makes a post happen once when its sender retries (outgoing webhook replies use the delivery id). */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;
}
