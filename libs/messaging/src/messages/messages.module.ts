import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ChannelsModule } from '../channels/channels.module';
import { IdsModule } from '../ids/ids.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AnnotationStoreModule } from '../annotations/annotation-store.module';
import { MentionsModule } from '../mentions/mentions.module';
import { ReadStateStoreModule } from '../read-state/read-state-store.module';
import { AttachmentStoreModule } from '../attachments/attachment-store.module';
import { MessageRepository } from './message.repository';
import { PostingFacts } from './posting-facts';
import { MessagePostBatcher } from './message-post.batcher';
import { FastMessagePoster } from './fast-message-poster';
import { MessageService } from './message.service';

/** Posting, editing and reading messages (the hot post route is mounted by InternalApiModule). */
@Module({
  imports: [
    UsersModule,
    ChannelsModule,
    IdsModule,
    OutboxModule,
    AnnotationStoreModule,
    MentionsModule,
    ReadStateStoreModule,
    AttachmentStoreModule,
  ],
  providers: [MessageRepository, PostingFacts, MessagePostBatcher, FastMessagePoster, MessageService],
  exports: [MessageRepository, MessageService],
})
export class MessagesModule {}
