import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ChannelsModule } from '../channels/channels.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { ViewerCapabilitiesInterceptor } from './viewer-capabilities.interceptor';
import { ViewerCapabilitiesService } from './viewer-capabilities.service';

/** What the caller may do with the channels and messages of an answer (`?viewerCapabilities=1`), on every route. */
@Module({
  imports: [ChannelsModule, PermissionsModule],
  providers: [ViewerCapabilitiesService, { provide: APP_INTERCEPTOR, useClass: ViewerCapabilitiesInterceptor }],
  exports: [ViewerCapabilitiesService],
})
export class ViewsModule {}
