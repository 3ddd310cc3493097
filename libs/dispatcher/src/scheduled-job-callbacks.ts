import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobName } from '@switchboard/contracts';
import { MessagingClient } from '@switchboard/platform';
import { JobHandlers } from './job-handlers';

/** The internal route that does each scheduled job's work; a new JobName does not compile without one. */
const ROUTES: Record<JobName, string> = {
  [JobName.StatusExpire]: '/jobs/status-expire',
  [JobName.AttachmentRemove]: '/jobs/attachment-remove',
};

/**
 * Scheduled jobs are the domain's work, and the dispatcher has no database or attachment storage:
 * each job POSTs its data to messaging-service, which validates it, does the work idempotently
 * (status.expire: clears only the status the job was made for; attachment.remove: removes only a
 * marked attachment's files) and answers. Failures are retried by BullMQ.
 */
@Injectable()
export class ScheduledJobCallbacks implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly messaging: MessagingClient,
  ) {}

  onModuleInit(): void {
    for (const [name, path] of Object.entries(ROUTES)) {
      this.handlers.register(name, (job) =>
        this.messaging.call('POST', path, { body: job.data as unknown, requestId: `job-${job.id ?? ''}` }),
      );
    }
  }
}
