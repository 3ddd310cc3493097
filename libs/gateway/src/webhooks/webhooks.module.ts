import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GatewayClientsModule } from '../gateway-clients.module';
import { IncomingWebhookLimiter } from './incoming-webhook.limiter';
import { IncomingWebhooksController } from './incoming-webhooks.controller';
import { WebhooksController } from './webhooks.controller';

/** Managing webhooks, and the incoming-webhook URLs that post without a token. */
@Module({
  imports: [GatewayClientsModule, AuthModule],
  controllers: [WebhooksController, IncomingWebhooksController],
  providers: [IncomingWebhookLimiter],
})
export class WebhooksModule {}
