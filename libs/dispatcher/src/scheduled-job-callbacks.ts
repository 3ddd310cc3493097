import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AnyInternalRoute, InternalRoutes, JobName } from '@switchboard/contracts';
import { InternalClient } from '@switchboard/platform';
import { JobHandlers } from './job-handlers';

/** The internal route that does each scheduled job's work; a new JobName does not compile without one. */
const ROUTES = {
  [JobName.StatusExpire]: InternalRoutes.expireStatusJob,
  [JobName.AttachmentRemove]: InternalRoutes.removeAttachmentJob,
} satisfies Record<JobName, AnyInternalRoute>;

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
    private readonly messaging: InternalClient,
  ) {}

  onModuleInit(): void {
    for (const [name, route] of Object.entries(ROUTES)) {
      // The job's data is what messaging validates: it crosses as it was queued.
      this.handlers.register(name, (job) =>
        this.messaging.call({ requestId: `job-${job.id ?? ''}` }, route as AnyInternalRoute, {
          body: job.data as unknown,
        }),
      );
    }
  }
}
