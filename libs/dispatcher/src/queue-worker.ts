import { type FactoryProvider, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import { type RedisClient, createRedis } from '@switchboard/platform';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';

export interface QueueWorkerSpec {
  queue: string;
  /** Every job name the queue carries: the worker refuses to start while one has no handler. */
  jobNames: string[];
  /** Worker options beyond the connection and `autorun`. */
  options: Omit<WorkerOptions, 'connection' | 'autorun'>;
}

/**
 * A BullMQ worker that hands each job to the handler registered for its name. On shutdown it stops
 * taking jobs and waits for the running ones, then lets its Redis connection go.
 */
export class QueueWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private worker: Worker | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly spec: QueueWorkerSpec,
    private readonly handlers: JobHandlers,
    private readonly connection: RedisClient,
  ) {
    this.logger = new Logger(`QueueWorker:${spec.queue}`);
  }

  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  onApplicationBootstrap(): void {
    const missing = this.spec.jobNames.filter((name) => !this.handlers.get(name));
    if (missing.length > 0) throw new Error(`no handler for job names: ${missing.join(', ')}`);
    const { queue, options } = this.spec;
    this.worker = new Worker(queue, (job, token) => this.process(job, token), {
      ...options,
      connection: this.connection,
      autorun: true,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({
        msg: 'job attempt failed',
        queue,
        job: job?.id,
        name: job?.name,
        attempts: job?.attemptsMade,
        err: error.message,
      }),
    );
    this.worker.on('error', (error) => this.logger.error({ msg: 'worker error', queue, err: error.message }));
    this.logger.log({ msg: 'worker started', queue, concurrency: options.concurrency, handlers: this.spec.jobNames });
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Stops taking jobs and waits for the running ones; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close();
      await this.connection.quit().catch(() => undefined);
    })();
    return this.closing;
  }

  private process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job, token);
  }
}

/**
 * The provider of a worker on a Redis connection of its own, named `connectionName` in CLIENT LIST.
 * BullMQ workers block on Redis and must never give up retrying a command.
 */
export function queueWorker<T extends QueueWorker>(
  worker: new (config: DispatcherConfig, handlers: JobHandlers, connection: RedisClient) => T,
  connectionName: string,
): FactoryProvider<T> {
  return {
    provide: worker,
    inject: [DispatcherConfig, JobHandlers],
    useFactory: (config: DispatcherConfig, handlers: JobHandlers) =>
      new worker(config, handlers, createRedis(config.REDIS_URL, connectionName, { maxRetriesPerRequest: null })),
  };
}
