import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GatewayClientsModule } from '../gateway-clients.module';
import { RealtimeForwarderController } from './realtime-forwarder.controller';
import { ZulipDirectory } from './zulip-directory';
import { ZulipDirectoryController, ZulipServerSettingsController } from './zulip-directory.controller';
import { ZulipFlagsController } from './zulip-flags.controller';
import { ZulipMessagesController } from './zulip-messages.controller';
import { ZulipNotFoundController } from './zulip-not-found.controller';
import { ZulipPresenceController } from './zulip-presence.controller';
import { ZulipReactionsController } from './zulip-reactions.controller';
import { ZulipSettingsController } from './zulip-settings.controller';
import { ZulipTypingController } from './zulip-typing.controller';

/** The Zulip REST dialect. ApiGatewayModule imports it last: its catch-all must follow every other route. */
@Module({
  imports: [GatewayClientsModule, AuthModule],
  controllers: [
    RealtimeForwarderController,
    ZulipFlagsController,
    ZulipReactionsController,
    ZulipMessagesController,
    ZulipDirectoryController,
    ZulipServerSettingsController,
    ZulipTypingController,
    ZulipPresenceController,
    ZulipSettingsController,
    // Last: the catch-all for unknown Zulip endpoints.
    ZulipNotFoundController,
  ],
  providers: [ZulipDirectory],
})
export class ZulipModule {}
