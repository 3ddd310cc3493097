import { Entity } from 'typeorm';
import type { WebhookKind } from '@switchboard/contracts';
import { OrganisationRow } from './base-rows';
import { BigIntColumn, TextColumn, TimestampColumn } from './columns';

/**
 * An incoming or outgoing webhook of one channel, speaking as a bot user. Only the SHA-256 of the
 * token is stored; the signing secret is derived from WEBHOOK_SECRET_KEY and `signingSalt`.
 */
@Entity('webhooks')
export class WebhookEntity extends OrganisationRow {
  @BigIntColumn() channelId!: string;
  @TextColumn() kind!: WebhookKind;

  /** The bot user that speaks for the webhook. */
  @BigIntColumn() userId!: string;

  @BigIntColumn() ownerId!: string;
  @TextColumn({ nullable: true }) trigger!: string | null;
  @TextColumn({ nullable: true }) url!: string | null;
  @TextColumn({ nullable: true }) username!: string | null;
  @TextColumn({ nullable: true }) avatarUrl!: string | null;
  @TextColumn() tokenHash!: string;
  @TextColumn() signingSalt!: string;
  @TimestampColumn({ nullable: true }) updatedAt!: Date | null;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
}
