import { SLACK_EVENTS_QUEUE, type SlackEventDeliverJob, SlackEventsJobName } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import type { MessagingConfig } from '../messaging.config';
import { QueueProducer } from '../queues/queue-producer';

export interface SlackEventJobSpec extends SlackEventDeliverJob {
  jobId: string;
}

const HOUR_SECONDS = 3600;

/**
 * Events API deliveries, one job per (app, event), jobId derived from both so a replayed relay batch
 * adds nothing. Retries follow Slack's schedule (immediately, after 1 minute, after 5 minutes): the
 * dispatcher computes the delays; three retries after the first attempt.
 */
export class SlackEventsQueue extends QueueProducer {
  constructor(connection: RedisClient, config: Pick<MessagingConfig, 'QUEUE_PREFIX'>) {
    super(SLACK_EVENTS_QUEUE, connection, config.QUEUE_PREFIX);
  }

  add(jobs: SlackEventJobSpec[]): Promise<void> {
    return this.addKeyed<SlackEventDeliverJob>(
      SlackEventsJobName.Deliver,
      jobs.map(({ jobId, ...data }) => ({ jobId, data })),
      {
        attempts: 4,
        backoff: { type: 'custom' },
        removeOnComplete: { age: 24 * HOUR_SECONDS, count: 100_000 },
        removeOnFail: { age: 7 * 24 * HOUR_SECONDS },
      },
    );
  }
}
