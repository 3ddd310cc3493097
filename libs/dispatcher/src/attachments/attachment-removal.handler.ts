import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type AttachmentRemoveJob, JobName } from '@switchboard/contracts';
import { MessagingClient } from '@switchboard/platform';
import { JobHandlers } from '../job-handlers';

/**
 * attachment.remove: asks messaging-service, which owns the storage and the rows, to remove the
 * files of an attachment whose message was deleted. Idempotent there; failures are retried by BullMQ.
 */
@Injectable()
export class AttachmentRemovalHandler implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly messaging: MessagingClient,
  ) {}

  onModuleInit(): void {
    this.handlers.register(JobName.AttachmentRemove, (job) => this.handle(job as Job<AttachmentRemoveJob>));
  }

  handle(job: Job<AttachmentRemoveJob>): Promise<{ removed: boolean }> {
    return this.messaging.call<{ removed: boolean }>('POST', '/jobs/attachment-remove', { body: { attachmentId: job.data.attachmentId }, requestId: `job-${job.id ?? ''}` });
  }
}
