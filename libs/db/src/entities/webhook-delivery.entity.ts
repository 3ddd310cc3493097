import { Entity } from 'typeorm';
import type { DeliveryStatus, StoredWebhookPayload } from '@switchboard/contracts';
import { OrganisationRow } from './base-rows';
import { BigIntColumn, IntegerColumn, JsonColumn, TextColumn, TimestampColumn } from './columns';

/** One outgoing webhook delivery: created by the outbox relay, advanced by the dispatcher's attempts. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity extends OrganisationRow {
  @BigIntColumn() webhookId!: string;
  @BigIntColumn() messageId!: string;

  /** The body as first built, so every attempt sends the same bytes. */
  @JsonColumn() payload!: StoredWebhookPayload;

  @TextColumn() status!: DeliveryStatus;
  @IntegerColumn({ default: 0 }) attempts!: number;
  @IntegerColumn({ default: 0 }) manualRetries!: number;
  @IntegerColumn({ nullable: true }) lastStatusCode!: number | null;
  @TextColumn({ nullable: true }) lastError!: string | null;
  @BigIntColumn({ nullable: true }) replyMessageId!: string | null;
  @TimestampColumn({ nullable: true }) lastAttemptAt!: Date | null;
  @TimestampColumn({ nullable: true }) completedAt!: Date | null;
}
