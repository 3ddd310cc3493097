import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { JobName, SCHEDULED_QUEUE } from '@switchboard/contracts';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import type { RedisClient } from '@switchboard/platform';

/**
 * The worker of the scheduled-jobs queue (status expiry, attachment removal). It refuses to start unless every
 * `JobName` has a handler. On shutdown it stops taking jobs and lets running ones finish.
 */
@Injectable()
export class ScheduledWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledWorker.name);
  private worker: Worker | null = null;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly handlers: JobHandlers,
    private readonly connection: RedisClient,
  ) {}

  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  onApplicationBootstrap(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers.get(name));
    if (missing.length > 0) throw new Error(`no handler for job names: ${missing.join(', ')}`);
    this.worker = new Worker(SCHEDULED_QUEUE, (job) => this.process(job), { connection: this.connection, prefix: this.config.QUEUE_PREFIX, concurrency: this.config.SCHEDULED_CONCURRENCY, autorun: true });
    this.worker.on('failed', (job, error) => this.logger.warn({ msg: 'job failed', queue: SCHEDULED_QUEUE, job: job?.id, name: job?.name, err: error.message }));
    this.worker.on('error', (error) => this.logger.error({ msg: 'worker error', err: error.message }));
    this.logger.log({ msg: 'worker started', queue: SCHEDULED_QUEUE, concurrency: this.config.SCHEDULED_CONCURRENCY });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connection.quit().catch(() => undefined);
  }

  private process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job);
  }
}
