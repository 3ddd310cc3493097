import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { AnnotationStoreModule } from '../annotations/annotation-store.module';
import { ReadStateStoreModule } from '../read-state/read-state-store.module';
import { ReadStateModule } from '../read-state/read-state.module';
import { OutboxModule } from '../outbox/outbox.module';
import { MessageFlagsService } from './message-flags.service';

/** Per-user message flags (Zulip read, starred). */
@Module({
  imports: [ChannelsModule, AnnotationStoreModule, ReadStateStoreModule, ReadStateModule, OutboxModule],
  providers: [MessageFlagsService],
  exports: [MessageFlagsService],
})
export class MessageFlagsModule {}
