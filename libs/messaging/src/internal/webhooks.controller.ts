import { Body, Controller, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  type CreatedWebhookView,
  type DeliveryPage,
  INTERNAL_PREFIX,
  IncomingWebhookDto,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  type MessageView,
  SaveWebhookDto,
  type WebhookDeliveryView,
  WebhookTokenDto,
  type WebhookView,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { WebhookService } from '../webhooks/webhook.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

/** Webhook management (for a user) and the token-authenticated public operations (no actor). */
@Controller(INTERNAL_PREFIX)
@UseGuards(InternalAuthGuard)
export class InternalWebhooksController {
  constructor(
    private readonly webhooks: WebhookService,
    private readonly deliveries: WebhookDeliveryService,
  ) {}

  @InternalRoute(InternalRoutes.listWebhooks)
  list(@Actor() actor: UserEntity, @Query() query: ListWebhooksQuery): Promise<WebhookView[]> {
    return this.webhooks.list(actor, query);
  }

  @InternalRoute(InternalRoutes.createWebhook)
  create(@Actor() actor: UserEntity, @Body() body: SaveWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(actor, body);
  }

  @InternalRoute(InternalRoutes.getWebhook)
  get(@Actor() actor: UserEntity, @Param('webhookId', IdParamPipe) webhookId: string): Promise<WebhookView> {
    return this.webhooks.get(actor, webhookId);
  }

  @InternalRoute(InternalRoutes.updateWebhook)
  @HttpCode(200)
  update(
    @Actor() actor: UserEntity,
    @Param('webhookId', IdParamPipe) webhookId: string,
    @Body() body: SaveWebhookDto,
  ): Promise<WebhookView> {
    return this.webhooks.update(actor, webhookId, body);
  }

  @InternalRoute(InternalRoutes.rotateWebhookCredentials)
  @HttpCode(200)
  rotate(@Actor() actor: UserEntity, @Param('webhookId', IdParamPipe) webhookId: string): Promise<CreatedWebhookView> {
    return this.webhooks.rotateCredentials(actor, webhookId);
  }

  @InternalRoute(InternalRoutes.deleteWebhook)
  @HttpCode(200)
  async delete(
    @Actor() actor: UserEntity,
    @Param('webhookId', IdParamPipe) webhookId: string,
  ): Promise<{ deleted: true }> {
    await this.webhooks.delete(actor, webhookId);
    return { deleted: true };
  }

  @InternalRoute(InternalRoutes.listWebhookDeliveries)
  deliveriesOf(
    @Actor() actor: UserEntity,
    @Param('webhookId', IdParamPipe) webhookId: string,
    @Query() query: ListDeliveriesQuery,
  ): Promise<DeliveryPage> {
    return this.deliveries.list(actor, webhookId, query);
  }

  @InternalRoute(InternalRoutes.retryWebhookDelivery)
  @HttpCode(200)
  retry(
    @Actor() actor: UserEntity,
    @Param('webhookId', IdParamPipe) webhookId: string,
    @Param('deliveryId', IdParamPipe) deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.deliveries.retry(actor, webhookId, deliveryId);
  }

  @InternalRoute(InternalRoutes.incomingWebhook)
  @HttpCode(200)
  incoming(@Param('webhookId', IdParamPipe) webhookId: string, @Body() body: IncomingWebhookDto): Promise<MessageView> {
    return this.webhooks.postIncoming(webhookId, body);
  }

  @InternalRoute(InternalRoutes.deleteWebhookWithToken)
  @HttpCode(200)
  async deleteWithToken(
    @Param('webhookId', IdParamPipe) webhookId: string,
    @Body() body: WebhookTokenDto,
  ): Promise<{ deleted: true }> {
    await this.webhooks.deleteWithToken(webhookId, body.token);
    return { deleted: true };
  }
}
