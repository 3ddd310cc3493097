import { Module } from '@nestjs/common';
import { OutboxWriter } from './outbox.writer';
import { OutboxConsumerRegistry } from './outbox-consumer';

/** Appending domain events in the writing transaction, and the registry their consumers join. */
@Module({
  providers: [OutboxWriter, OutboxConsumerRegistry],
  exports: [OutboxWriter, OutboxConsumerRegistry],
})
export class OutboxModule {}
