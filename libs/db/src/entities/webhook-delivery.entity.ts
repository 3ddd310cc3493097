import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus, StoredWebhookPayload } from '@switchboard/contracts';

/** One outgoing webhook delivery: created by the outbox relay, advanced by the dispatcher's attempts. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'webhook_id', type: 'bigint' })
  webhookId!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ name: 'message_id', type: 'bigint' })
  messageId!: string;

  /** The body as first built, so every attempt sends the same bytes. */
  @Column({ type: 'jsonb' })
  payload!: StoredWebhookPayload;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'manual_retries', type: 'integer', default: 0 })
  manualRetries!: number;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'reply_message_id', type: 'bigint', nullable: true })
  replyMessageId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
