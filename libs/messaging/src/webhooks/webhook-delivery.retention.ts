import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicSweep } from '../clock/periodic-sweep';
import { affectedRows } from '../sql/statement-results';
import { MessagingConfig } from '../messaging.config';
import { OutgoingWebhookEnqueuer } from './outgoing-webhook.enqueuer';

const SWEEP_INTERVAL_MS = 10 * 60_000;
// Replicas started together should not sweep in step.
const FIRST_SWEEP_MAX_DELAY_MS = 60_000;

/**
 * Removes finished (delivered or dead) webhook deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS,
 * and re-adds the jobs of deliveries pending longer than WEBHOOK_PENDING_SWEEP_SECONDS (jobIds make
 * that a no-op unless the job was lost). Every replica sweeps; both steps are the same whoever runs them.
 */
@Injectable()
export class WebhookDeliveryRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryRetention.name);
  private readonly retention = new PeriodicSweep('webhook delivery retention sweep', () => this.sweep(), this.logger);
  private readonly pending = new PeriodicSweep('pending webhook delivery sweep', () => this.requeue(), this.logger);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: MessagingConfig,
    private readonly enqueuer: OutgoingWebhookEnqueuer,
  ) {}

  onApplicationBootstrap(): void {
    this.retention.start(SWEEP_INTERVAL_MS, Math.floor(Math.random() * FIRST_SWEEP_MAX_DELAY_MS));
    this.pending.start((this.config.WEBHOOK_PENDING_SWEEP_SECONDS * 1000) / 2);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.retention.stop(), this.pending.stop()]);
  }

  /** One sweep; returns how many deliveries it removed. */
  async sweep(): Promise<number> {
    return affectedRows(
      this.db.manager,
      `DELETE FROM webhook_deliveries WHERE completed_at < now() - make_interval(days => $1)`,
      [this.config.WEBHOOK_DELIVERY_RETENTION_DAYS],
    );
  }

  private async requeue(): Promise<void> {
    const count = await this.enqueuer.requeuePending(this.config.WEBHOOK_PENDING_SWEEP_SECONDS);
    if (count > 0)
      this.logger.debug({ msg: 'jobs re-added for pending webhook deliveries (a no-op for jobs still queued)', count });
  }
}
