import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@switchboard/db';
import { AdminModule } from './admin/admin.module';
import { AnnotationsModule } from './annotations/annotations.module';
import { AppsModule } from './apps/apps.module';
import { AuthModule } from './auth/auth.module';
import { ChannelsModule } from './channels/channels.module';
import { MembersModule } from './members/members.module';
import { MessageFlagsModule } from './message-flags/message-flags.module';
import { MessagesModule } from './messages/messages.module';
import { MessagingConfig } from './messaging.config';
import { ReadStateModule } from './read-state/read-state.module';
import { SearchModule } from './search/search.module';

/**
 * The database and the feature modules that need nothing else (no Redis, no queues): used by the
 * HTTP service and by the admin CLI alike. The modules they import come with them.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [MessagingConfig],
      useFactory: (config: MessagingConfig) => dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
    }),
    AdminModule,
    AuthModule,
    AppsModule,
    ChannelsModule,
    MembersModule,
    MessagesModule,
    AnnotationsModule,
    ReadStateModule,
    MessageFlagsModule,
    SearchModule,
  ],
})
export class MessagingDomainModule {}
