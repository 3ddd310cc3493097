import { Module } from '@nestjs/common';
import { ReadStateStoreModule } from './read-state-store.module';
import { ChannelsModule } from '../channels/channels.module';
import { MessagesModule } from '../messages/messages.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ReadStateService } from './read-state.service';
import { ReadMarkersService } from './read-markers.service';

/** Marking channels, threads and messages as read. */
@Module({
  imports: [ReadStateStoreModule, ChannelsModule, MessagesModule, OutboxModule],
  providers: [ReadStateService, ReadMarkersService],
  exports: [ReadStateService, ReadMarkersService],
})
export class ReadStateModule {}
