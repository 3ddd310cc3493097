import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { RealtimeClientsModule } from '../realtime-clients.module';
import { EventReplayer } from './event-replayer';
import { EventRouter } from './event-router';
import { RtmFrameHandler } from './rtm-frame.handler';
import { RtmGateway } from './rtm.gateway';

/** Slack RTM sockets: routing events to them, replaying missed ones, the frames clients send. */
@Module({
  imports: [RealtimeClientsModule, ConnectionsModule],
  providers: [EventRouter, EventReplayer, RtmFrameHandler, RtmGateway],
})
export class SlackModule {}
