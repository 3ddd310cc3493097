import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { WEBHOOK_QUEUE } from '@switchboard/contracts';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';

/**
 * A BullMQ worker of one queue (the webhook queue, or the scheduled-jobs queue), dispatching by job
 * name through JobHandlers. On shutdown it stops taking jobs and lets running ones finish.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookWorker.name);
  private worker: Worker | null = null;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly handlers: JobHandlers,
    private readonly connection: Redis,
    private readonly queueName: string = WEBHOOK_QUEUE,
    private readonly concurrency: number = config.WEBHOOK_CONCURRENCY,
  ) {}

  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(this.queueName, (job) => this.process(job), { connection: this.connection, concurrency: this.concurrency, autorun: true });
    this.worker.on('failed', (job, error) => this.logger.warn({ msg: 'job failed', queue: this.queueName, job: job?.id, name: job?.name, err: error.message }));
    this.worker.on('error', (error) => this.logger.error({ msg: 'worker error', err: error.message }));
    this.logger.log({ msg: 'worker started', queue: this.queueName, concurrency: this.concurrency, handlers: this.handlers.names });
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
