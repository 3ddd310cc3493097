import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MessagingConfig } from '../messaging.config';
import { AttachmentRemovalService } from './attachment-removal.service';

/**
 * Every ATTACHMENT_REMOVAL_SWEEP_SECONDS, re-enqueues the removals marked longer ago than that. The
 * database holds what is pending, so a job lost with Redis, or one that ran out of attempts, is
 * caught here. Every replica sweeps; job ids make their adds one job.
 */
@Injectable()
export class AttachmentRemovalSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttachmentRemovalSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly removals: AttachmentRemovalService,
    private readonly config: MessagingConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.ATTACHMENT_REMOVAL_SWEEP_SECONDS;
    this.timer = setInterval(() => void this.tick(seconds), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async tick(seconds: number): Promise<void> {
    if (this.running) return;
    this.running = this.removals
      .sweep(seconds)
      .catch((error: Error) => this.logger.error({ msg: 'attachment removal sweep failed', err: error.message }));
    await this.running;
    this.running = null;
  }
}
