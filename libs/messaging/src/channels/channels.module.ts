import { Module } from '@nestjs/common';
import { PermissionsModule } from '../permissions/permissions.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UsersModule } from '../users/users.module';
import { IdsModule } from '../ids/ids.module';
import { ReadStateStoreModule } from '../read-state/read-state-store.module';
import { ChannelRepository } from './channel.repository';
import { ChannelAccess } from './channel-access';
import { ChannelService } from './channel.service';
import { ChannelStateService } from './channel-state.service';

/** Channels, their state and who may see them. */
@Module({
  imports: [PermissionsModule, OutboxModule, UsersModule, IdsModule, ReadStateStoreModule],
  providers: [ChannelRepository, ChannelAccess, ChannelService, ChannelStateService],
  exports: [ChannelRepository, ChannelAccess, ChannelService, ChannelStateService],
})
export class ChannelsModule {}
