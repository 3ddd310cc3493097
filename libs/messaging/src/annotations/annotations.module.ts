import { Module } from '@nestjs/common';
import { AnnotationStoreModule } from './annotation-store.module';
import { ChannelsModule } from '../channels/channels.module';
import { MessagesModule } from '../messages/messages.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AnnotationService } from './annotation.service';

/** Reacting and pinning. */
@Module({
  imports: [AnnotationStoreModule, ChannelsModule, MessagesModule, OutboxModule],
  providers: [AnnotationService],
  exports: [AnnotationService],
})
export class AnnotationsModule {}
