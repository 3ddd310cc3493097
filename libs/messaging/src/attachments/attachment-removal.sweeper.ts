import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicSweep } from '../clock/periodic-sweep';
import { MessagingConfig } from '../messaging.config';
import { AttachmentRemovalService } from './attachment-removal.service';

/**
 * Every ATTACHMENT_REMOVAL_SWEEP_SECONDS, re-enqueues the removals marked longer ago than that. The
 * database holds what is pending, so a job lost with Redis, or one that ran out of attempts, is
 * caught here. Every replica sweeps; job ids make their adds one job.
 */
@Injectable()
export class AttachmentRemovalSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicSweep;

  constructor(
    removals: AttachmentRemovalService,
    private readonly config: MessagingConfig,
  ) {
    const seconds = config.ATTACHMENT_REMOVAL_SWEEP_SECONDS;
    this.periodic = new PeriodicSweep(
      'attachment removal sweep',
      () => removals.sweep(seconds),
      new Logger(AttachmentRemovalSweeper.name),
    );
  }

  onApplicationBootstrap(): void {
    this.periodic.start(this.config.ATTACHMENT_REMOVAL_SWEEP_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }
}
