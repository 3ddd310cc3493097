import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, type StatusExpireJob } from '@switchboard/contracts';
import { MessagingClient } from '@switchboard/platform';
import { JobHandlers } from '../job-handlers';

/**
 * status.expire: asks messaging-service to clear the status the job was made for. The domain does
 * the clearing (and its event) and ignores a status set again since; failures are retried by BullMQ.
 */
@Injectable()
export class StatusExpiryHandler implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly messaging: MessagingClient,
  ) {}

  onModuleInit(): void {
    this.handlers.register(JobName.StatusExpire, (job) => this.handle(job as Job<StatusExpireJob>));
  }

  handle(job: Job<StatusExpireJob>): Promise<{ cleared: boolean }> {
    return this.messaging.call<{ cleared: boolean }>('POST', '/jobs/status-expire', { body: { userId: job.data.userId, setAt: job.data.setAt }, requestId: `job-${job.id ?? ''}` });
  }
}
