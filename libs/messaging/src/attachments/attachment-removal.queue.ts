import type { OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type AttachmentRemoveJob, JobName, SCHEDULED_QUEUE, attachmentRemoveJobId } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';

/**
 * Producer of `attachment.remove` jobs. The job id is the attachment's, so adding one that is
 * waiting, delayed or running adds nothing. Finished jobs are not kept, failed ones neither: the
 * row stays marked and the sweep adds the job again, so no attachment is given up for good.
 */
export class AttachmentRemovalQueue implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(
    private readonly connection: RedisClient,
    prefix: string,
  ) {
    this.queue = new Queue(SCHEDULED_QUEUE, { connection, prefix });
  }

  async add(attachmentIds: string[]): Promise<void> {
    if (attachmentIds.length === 0) return;
    await this.queue.addBulk(
      attachmentIds.map((attachmentId) => ({
        name: JobName.AttachmentRemove,
        data: { attachmentId } satisfies AttachmentRemoveJob,
        opts: {
          jobId: attachmentRemoveJobId(attachmentId),
          attempts: 5,
          backoff: { type: 'exponential', delay: 5000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}
