import { Module } from '@nestjs/common';
import { AnnotationStoreModule } from '../annotations/annotation-store.module';
import { ChannelsModule } from '../channels/channels.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { StatusModule } from '../status/status.module';
import { UsersModule } from '../users/users.module';
import { ClientSnapshotService } from './client-snapshot.service';
import { MessageSearchService } from './message-search.service';
import { ViewerStateRepository } from './viewer-state.repository';
import { InternalZulipSyncController } from './zulip-sync.controller';

/**
 * What a Zulip client loads at start and its narrows (internal routes). Imports StatusModule and
 * UsersModule for the InternalAuthGuard of its controller.
 */
@Module({
  imports: [ChannelsModule, PermissionsModule, AnnotationStoreModule, UsersModule, StatusModule],
  controllers: [InternalZulipSyncController],
  providers: [ClientSnapshotService, MessageSearchService, ViewerStateRepository],
})
export class ZulipSyncModule {}
