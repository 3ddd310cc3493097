import type { OnApplicationShutdown } from '@nestjs/common';
import { type AttachmentRemoveJob, JobName, SCHEDULED_QUEUE, attachmentRemoveJobId } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';
import type { MessagingConfig } from '../messaging.config';
import { QueueProducer } from '../queues/queue-producer';

/**
 * Producer of `attachment.remove` jobs. The job id is the attachment's, so adding one that is
 * waiting, delayed or running adds nothing. Finished jobs are not kept, failed ones neither: the
 * row stays marked and the sweep adds the job again, so no attachment is given up for good.
 */
export class AttachmentRemovalQueue extends QueueProducer implements OnApplicationShutdown {
  constructor(connection: RedisClient, config: Pick<MessagingConfig, 'QUEUE_PREFIX'>) {
    super(SCHEDULED_QUEUE, connection, config.QUEUE_PREFIX);
  }

  add(attachmentIds: string[]): Promise<void> {
    return this.addKeyed<AttachmentRemoveJob>(
      JobName.AttachmentRemove,
      attachmentIds.map((attachmentId) => ({ jobId: attachmentRemoveJobId(attachmentId), data: { attachmentId } })),
      { attempts: 5, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: true, removeOnFail: true },
    );
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
