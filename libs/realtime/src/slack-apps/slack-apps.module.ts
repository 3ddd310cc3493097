import { Module } from '@nestjs/common';
import { RealtimeClientsModule } from '../realtime-clients.module';
import { SocketModeGateway } from './socket-mode.gateway';
import { SocketModeHub } from './socket-mode-hub';

/** Slack Socket Mode sockets of apps, fed from their Redis streams. */
@Module({
  imports: [RealtimeClientsModule],
  providers: [SocketModeHub, SocketModeGateway],
})
export class SlackAppsModule {}
