import { Injectable } from '@nestjs/common';
import { JobName, SCHEDULED_QUEUE } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import { DispatcherConfig } from './dispatcher.config';
import { JobHandlers } from './job-handlers';
import { QueueWorker } from './queue-worker';

/** The worker of the scheduled-jobs queue (status expiry, attachment removal). */
@Injectable()
export class ScheduledWorker extends QueueWorker {
  constructor(config: DispatcherConfig, handlers: JobHandlers, connection: RedisClient) {
    super(
      {
        queue: SCHEDULED_QUEUE,
        jobNames: Object.values(JobName),
        options: { prefix: config.QUEUE_PREFIX, concurrency: config.SCHEDULED_CONCURRENCY },
      },
      handlers,
      connection,
    );
  }
}
