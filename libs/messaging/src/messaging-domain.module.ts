import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@switchboard/db';
import { AdminService } from './admin/admin.service';
import { AuthService } from './auth/auth.service';
import { ChannelAccess } from './channels/channel-access';
import { ChannelRepository } from './channels/channel.repository';
import { ChannelService } from './channels/channel.service';
import { ClientSnapshotService } from './client-sync/client-snapshot.service';
import { MessageSearchService } from './client-sync/message-search.service';
import { IdGenerator } from './ids/id-generator';
import { MemberService } from './members/member.service';
import { MessageRepository } from './messages/message.repository';
import { MessageService } from './messages/message.service';
import { MessagingConfig } from './messaging.config';
import { OrganisationService } from './organisations/organisation.service';
import { OutboxWriter } from './outbox/outbox.writer';
import { ApiTokenService } from './tokens/api-token.service';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

const DOMAIN = [
  AdminService,
  AuthService,
  ChannelAccess,
  ChannelRepository,
  ChannelService,
  ClientSnapshotService,
  IdGenerator,
  MemberService,
  MessageRepository,
  MessageSearchService,
  MessageService,
  OrganisationService,
  OutboxWriter,
  ApiTokenService,
  UserRepository,
  UserService,
];

/** The domain and its database: used by the HTTP service and by the admin CLI alike. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [MessagingConfig],
      useFactory: (config: MessagingConfig) => dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
    }),
  ],
  providers: DOMAIN,
  exports: DOMAIN,
})
export class MessagingDomainModule {}
