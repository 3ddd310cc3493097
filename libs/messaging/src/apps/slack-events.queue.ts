import { Queue } from 'bullmq';
import { SLACK_EVENTS_QUEUE, type SlackEventDeliverJob, SlackEventsJobName } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';

export interface SlackEventJobSpec extends SlackEventDeliverJob {
  jobId: string;
}

const HOUR_SECONDS = 3600;

/**
 * Events API deliveries, one job per (app, event), jobId derived from both so a replayed relay batch
 * adds nothing. Retries follow Slack's schedule (immediately, after 1 minute, after 5 minutes): the
 * dispatcher computes the delays; three retries after the first attempt.
 */
export class SlackEventsQueue {
  private readonly queue: Queue;

  constructor(connection: RedisClient, prefix: string) {
    this.queue = new Queue(SLACK_EVENTS_QUEUE, { connection, prefix });
  }

  async add(jobs: SlackEventJobSpec[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map(({ jobId, ...data }) => ({
        name: SlackEventsJobName.Deliver,
        data: data satisfies SlackEventDeliverJob,
        opts: {
          jobId,
          attempts: 4,
          backoff: { type: 'custom' },
          removeOnComplete: { age: 24 * HOUR_SECONDS, count: 100_000 },
          removeOnFail: { age: 7 * 24 * HOUR_SECONDS },
        },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
