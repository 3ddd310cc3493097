import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessagingConfig } from '../messaging.config';

const EVERY_MS = 60 * 60 * 1000;

/** Deletes finished webhook deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS, hourly, on every replica (the delete is idempotent). */
@Injectable()
export class WebhookDeliveryRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryRetention.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: MessagingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((error: Error) => this.logger.error({ msg: 'webhook delivery retention failed', err: error.message })), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    await this.db.query(`DELETE FROM webhook_deliveries WHERE completed_at < now() - make_interval(days => $1)`, [this.config.WEBHOOK_DELIVERY_RETENTION_DAYS]);
  }
}
