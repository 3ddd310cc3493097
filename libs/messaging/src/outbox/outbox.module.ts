import { Module } from '@nestjs/common';
import { OutboxWriter } from './outbox.writer';
import { OutboxConsumerRegistry } from './outbox-consumer';
import { OutboxHandoff } from './outbox-handoff';

/** Appending domain events in the writing transaction, the registry their consumers join, and the hand-over to a local relay. */
@Module({
  providers: [OutboxWriter, OutboxConsumerRegistry, OutboxHandoff],
  exports: [OutboxWriter, OutboxConsumerRegistry, OutboxHandoff],
})
export class OutboxModule {}
