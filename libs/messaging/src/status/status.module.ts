import { Module } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module';
import { OutboxModule } from '../outbox/outbox.module';
import { queueProducer } from '../queues/queue-producer';
import { UsersModule } from '../users/users.module';
import { StatusExpiryScheduler } from './status-expiry.scheduler';
import { StatusRepository } from './status.repository';
import { StatusService } from './status.service';

/** User statuses and their expiry jobs. */
@Module({
  imports: [OutboxModule, ClockModule, UsersModule],
  providers: [StatusRepository, StatusService, queueProducer(StatusExpiryScheduler, 'status-scheduler')],
  exports: [StatusService],
})
export class StatusModule {}
