import { Module } from '@nestjs/common';
import { DispatcherClientsModule } from './dispatcher-clients.module';
import { queueWorker } from './queue-worker';
import { ScheduledJobCallbacks } from './scheduled-job-callbacks';
import { ScheduledWorker } from './scheduled-worker';

/** The scheduled-jobs queue (status expiry, attachment removal): each job calls messaging-service back. */
@Module({
  imports: [DispatcherClientsModule],
  providers: [ScheduledJobCallbacks, queueWorker(ScheduledWorker, 'scheduled-worker')],
  exports: [ScheduledWorker],
})
export class ScheduledJobsModule {}
