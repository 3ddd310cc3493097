import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { JobName, SCHEDULED_QUEUE, type StatusExpireJob, statusExpireJobId } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import type { MessagingConfig } from '../messaging.config';
import { QueueProducer } from '../queues/queue-producer';

/**
 * Schedules the delayed job that clears a status at its expiry. One job per user with a
 * deterministic id: setting a new status removes the old timer first. The job carries the status's
 * `setAt`, so a timer that escaped removal cannot clear a newer status.
 */
@Injectable()
export class StatusExpiryScheduler extends QueueProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(StatusExpiryScheduler.name);

  constructor(connection: RedisClient, config: Pick<MessagingConfig, 'QUEUE_PREFIX'>) {
    super(SCHEDULED_QUEUE, connection, config.QUEUE_PREFIX);
  }

  async schedule(job: StatusExpireJob, at: Date): Promise<void> {
    const jobId = statusExpireJobId(job.userId);
    await this.cancel(job.userId);
    await this.queue.add(JobName.StatusExpire, job, {
      jobId,
      delay: Math.max(0, at.getTime() - Date.now()),
      attempts: 10,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  async cancel(userId: string): Promise<void> {
    const job = await this.queue.getJob(statusExpireJobId(userId));
    // An active job cannot be removed; its setAt check makes it harmless.
    if (job)
      await job
        .remove()
        .catch((error: Error) => this.logger.debug({ msg: 'status timer not removed', err: error.message }));
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
