import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessagingConfig } from '../messaging.config';

const SWEEP_INTERVAL_MS = 10 * 60_000;
// Replicas started together should not sweep in step.
const FIRST_SWEEP_MAX_DELAY_MS = 60_000;

/**
 * Removes finished (delivered or dead) webhook deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS.
 * Every replica sweeps; the DELETE is the same whoever runs it, so concurrent sweeps only overlap.
 */
@Injectable()
export class WebhookDeliveryRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryRetention.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: MessagingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setTimeout(() => {
      void this.tick();
      this.timer = setInterval(() => void this.tick(), SWEEP_INTERVAL_MS);
      this.timer.unref();
    }, Math.floor(Math.random() * FIRST_SWEEP_MAX_DELAY_MS));
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One sweep; returns how many deliveries it removed. */
  async sweep(): Promise<number> {
    const [, removed] = (await this.db.query(`DELETE FROM webhook_deliveries WHERE completed_at < now() - make_interval(days => $1)`, [this.config.WEBHOOK_DELIVERY_RETENTION_DAYS])) as [unknown, number];
    return removed;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep().catch((error: Error) => this.logger.error({ msg: 'webhook delivery retention sweep failed', err: error.message }));
    await this.running;
    this.running = null;
  }
}
