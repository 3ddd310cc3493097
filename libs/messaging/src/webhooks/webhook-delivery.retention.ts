import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: MessagingConfig,
    private readonly enqueuer: OutgoingWebhookEnqueuer,
  ) {}
  private pendingTimer: NodeJS.Timeout | null = null;

  onApplicationBootstrap(): void {
    this.timer = setTimeout(
      () => {
        void this.tick();
        this.timer = setInterval(() => void this.tick(), SWEEP_INTERVAL_MS);
        this.timer.unref();
      },
      Math.floor(Math.random() * FIRST_SWEEP_MAX_DELAY_MS),
    );
    this.timer.unref();
    const pendingMs = this.config.WEBHOOK_PENDING_SWEEP_SECONDS * 1000;
    this.pendingTimer = setInterval(() => void this.requeue(), pendingMs / 2);
    this.pendingTimer.unref();
  }

  private async requeue(): Promise<void> {
    try {
      const count = await this.enqueuer.requeuePending(this.config.WEBHOOK_PENDING_SWEEP_SECONDS);
      if (count > 0)
        this.logger.debug({
          msg: 'jobs re-added for pending webhook deliveries (a no-op for jobs still queued)',
          count,
        });
    } catch (error) {
      this.logger.error({ msg: 'pending webhook delivery sweep failed', err: (error as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.timer) clearInterval(this.timer);
    if (this.pendingTimer) clearInterval(this.pendingTimer);
    await this.running;
  }

  /** One sweep; returns how many deliveries it removed. */
  async sweep(): Promise<number> {
    const [, removed] = (await this.db.query(
      `DELETE FROM webhook_deliveries WHERE completed_at < now() - make_interval(days => $1)`,
      [this.config.WEBHOOK_DELIVERY_RETENTION_DAYS],
    )) as [unknown, number];
    return removed;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep().catch((error: Error) =>
      this.logger.error({ msg: 'webhook delivery retention sweep failed', err: error.message }),
    );
    await this.running;
    this.running = null;
  }
}
