import { Queue } from 'bullmq';
import { WEBHOOK_QUEUE, type WebhookDeliverJob, WebhookJobName } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';

export interface DeliveryJobSpec extends WebhookDeliverJob {
  jobId: string;
}

const DAY_SECONDS = 24 * 3600;

/**
 * The producer side of the webhook queue. Retries are BullMQ's (`attempts`, backoff computed by the
 * dispatcher's `custom` strategy: exponential with jitter, honouring Retry-After); finished jobs are
 * kept a day (completed) or a week (failed) so a re-relayed outbox row finds its jobId and adds nothing.
 */
export class WebhookJobQueue {
  private readonly queue: Queue;

  constructor(
    connection: RedisClient,
    private readonly maxAttempts: number,
    prefix: string,
  ) {
    this.queue = new Queue(WEBHOOK_QUEUE, { connection, prefix });
  }

  async add(jobs: DeliveryJobSpec[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map(({ jobId, ...data }) => ({
        name: WebhookJobName.Deliver,
        data: data satisfies WebhookDeliverJob,
        opts: { jobId, attempts: this.maxAttempts, backoff: { type: 'custom' }, removeOnComplete: { age: DAY_SECONDS, count: 100_000 }, removeOnFail: { age: 7 * DAY_SECONDS } },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
