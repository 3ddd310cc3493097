import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GatewayClientsModule } from '../gateway-clients.module';
import { GatewayHttpModule } from '../http/gateway-http.module';
import { RtmAdmission } from './rtm-admission';
import { RtmTicketIssuer } from './rtm-ticket.issuer';
import { SlackAppsController } from './slack-apps.controller';
import { AppsMethods } from './web-api/apps.methods';
import { ChatMethods } from './web-api/chat.methods';
import { ConversationsMethods } from './web-api/conversations.methods';
import { ReactionsPinsMethods } from './web-api/reactions-pins.methods';
import { RtmMethods } from './web-api/rtm.methods';
import { SlackApiController } from './web-api/slack-api.controller';
import { UsersMethods } from './web-api/users.methods';

/** The Slack Web API dialect (its methods by family), rtm.connect tickets and the Slack apps routes. */
@Module({
  imports: [GatewayClientsModule, AuthModule, GatewayHttpModule],
  controllers: [SlackApiController, SlackAppsController],
  providers: [
    ChatMethods,
    ConversationsMethods,
    UsersMethods,
    RtmMethods,
    AppsMethods,
    ReactionsPinsMethods,
    RtmTicketIssuer,
    RtmAdmission,
  ],
})
export class SlackModule {}
