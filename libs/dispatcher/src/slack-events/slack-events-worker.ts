import { Injectable } from '@nestjs/common';
import { SLACK_EVENTS_QUEUE, SlackEventsJobName } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import { DispatcherConfig } from '../dispatcher.config';
import { JobHandlers } from '../job-handlers';
import { QueueWorker } from '../queue-worker';
import { slackRetryDelay } from './slack-request-signing';

/** The worker of the Events API queue: Slack's retry schedule (at once, 1 minute, 5 minutes). */
@Injectable()
export class SlackEventsWorker extends QueueWorker {
  constructor(config: DispatcherConfig, handlers: JobHandlers, connection: RedisClient) {
    const base = config.SLACK_EVENTS_RETRY_BASE_MS;
    super(
      {
        queue: SLACK_EVENTS_QUEUE,
        jobNames: [SlackEventsJobName.Deliver],
        options: {
          prefix: config.QUEUE_PREFIX,
          concurrency: config.WEBHOOK_CONCURRENCY,
          lockDuration: config.WEBHOOK_JOB_LOCK_MS,
          stalledInterval: config.WEBHOOK_JOB_LOCK_MS,
          settings: { backoffStrategy: (attemptsMade: number) => slackRetryDelay(attemptsMade, base) },
        },
      },
      handlers,
      connection,
    );
  }
}
