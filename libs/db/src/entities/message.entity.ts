import { Entity } from 'typeorm';
import type { MessageType } from '@switchboard/contracts';
import { ZulipAddressedRow } from './base-rows';
import { BigIntColumn, IntegerColumn, TextColumn, TimestampColumn } from './columns';

@Entity('messages')
export class MessageEntity extends ZulipAddressedRow {
  @BigIntColumn() channelId!: string;
  @BigIntColumn() userId!: string;

  /** The Zulip topic (subject) of a channel message; '' when none was given. */
  @TextColumn({ default: '' }) topic!: string;

  /** Markdown source, as the author wrote it. */
  @TextColumn() body!: string;

  @TextColumn({ default: 'text' }) type!: MessageType;
  @BigIntColumn({ nullable: true }) replyTo!: string | null;
  @IntegerColumn({ default: 0 }) replyCount!: number;

  /** Slack `ts`, derived from the id at insert (libs/contracts slackTsFromId) and unique per channel. */
  @TextColumn() ts!: string;

  @TimestampColumn({ nullable: true }) updatedAt!: Date | null;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;

  /** Webhook messages: the webhook, and the display name and avatar shown instead of the bot's. */
  @BigIntColumn({ nullable: true }) webhookId!: string | null;
  @TextColumn({ nullable: true }) displayName!: string | null;
  @TextColumn({ nullable: true }) avatarUrl!: string | null;

  /** Makes a post happen once when its sender retries (outgoing webhook replies use the delivery id). */
  @TextColumn({ nullable: true }) idempotencyKey!: string | null;
}
