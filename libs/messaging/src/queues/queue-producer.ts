import type { FactoryProvider } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { type RedisClient, createRedis } from '@switchboard/platform';
import { MessagingConfig } from '../messaging.config';

/** A job whose id says what it is about, so that adding it again while it exists adds nothing. */
export interface KeyedJob<T> {
  jobId: string;
  data: T;
}

/**
 * The producer side of one BullMQ queue (the dispatcher runs the workers), on a Redis connection of
 * its own that closing the producer lets go.
 */
export abstract class QueueProducer {
  protected readonly queue: Queue;

  constructor(
    name: string,
    private readonly connection: RedisClient,
    prefix: string,
  ) {
    this.queue = new Queue(name, { connection, prefix });
  }

  protected async addKeyed<T>(name: string, jobs: KeyedJob<T>[], options: Omit<JobsOptions, 'jobId'>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(jobs.map(({ jobId, data }) => ({ name, data, opts: { ...options, jobId } })));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}

/** The provider of a producer on its own connection, named `connectionName` in Redis CLIENT LIST. */
export function queueProducer<T extends QueueProducer>(
  producer: new (connection: RedisClient, config: MessagingConfig) => T,
  connectionName: string,
): FactoryProvider<T> {
  return {
    provide: producer,
    inject: [MessagingConfig],
    useFactory: (config: MessagingConfig) => new producer(createRedis(config.REDIS_URL, connectionName), config),
  };
}
