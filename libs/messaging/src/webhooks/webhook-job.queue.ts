import { Job } from 'bullmq';
import { WEBHOOK_QUEUE, type WebhookDeliverJob, WebhookJobName } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import type { MessagingConfig } from '../messaging.config';
import { QueueProducer } from '../queues/queue-producer';

export interface DeliveryJobSpec extends WebhookDeliverJob {
  jobId: string;
}

const DAY_SECONDS = 24 * 3600;
// Jobs touched at once when many change together (auto-pipelined on one connection).
const CHUNK = 100;

/**
 * The producer side of the webhook queue. Retries are BullMQ's (`attempts`, backoff computed by the
 * dispatcher's `custom` strategy: exponential with jitter, honouring Retry-After); finished jobs are
 * kept a day (completed) or a week (failed) so a re-relayed outbox row finds its jobId and adds nothing.
 */
export class WebhookJobQueue extends QueueProducer {
  private readonly maxAttempts: number;

  constructor(connection: RedisClient, config: Pick<MessagingConfig, 'QUEUE_PREFIX' | 'WEBHOOK_MAX_ATTEMPTS'>) {
    super(WEBHOOK_QUEUE, connection, config.QUEUE_PREFIX);
    this.maxAttempts = config.WEBHOOK_MAX_ATTEMPTS;
  }

  add(jobs: DeliveryJobSpec[]): Promise<void> {
    return this.addKeyed<WebhookDeliverJob>(
      WebhookJobName.Deliver,
      jobs.map(({ jobId, ...data }) => ({ jobId, data })),
      {
        attempts: this.maxAttempts,
        backoff: { type: 'custom' },
        removeOnComplete: { age: DAY_SECONDS, count: 100_000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      },
    );
  }

  /** Waiting and delayed jobs go; a running (locked) one stays and learns at its outcome that the delivery is finished. */
  async remove(jobIds: string[]): Promise<void> {
    for (let i = 0; i < jobIds.length; i += CHUNK)
      await Promise.all(jobIds.slice(i, i + CHUNK).map((jobId) => this.queue.remove(jobId)));
  }

  /**
   * New target or salt for the jobs of deliveries still pending; attempts made so far are kept. When
   * the first job already has them (an update that changed neither, or one applied before), the
   * others were made or refreshed with them too and nothing is written.
   */
  async refresh(jobs: DeliveryJobSpec[]): Promise<void> {
    const [first] = jobs;
    if (!first) return;
    const current = await Job.fromId<WebhookDeliverJob>(this.queue, first.jobId);
    if (current && current.data.url === first.url && current.data.signingSalt === first.signingSalt) return;
    for (let i = 0; i < jobs.length; i += CHUNK) {
      await Promise.all(
        jobs.slice(i, i + CHUNK).map(async ({ jobId, ...data }) => {
          const job = await Job.fromId<WebhookDeliverJob>(this.queue, jobId);
          await job?.updateData(data);
        }),
      );
    }
  }
}
