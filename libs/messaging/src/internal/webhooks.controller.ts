import { Body, HttpCode, Query } from '@nestjs/common';
import { type IdsOf, InternalRoute } from './internal-route.decorator';
import {
  type CreatedWebhookView,
  type DeliveryPage,
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
import { PathIds } from '@switchboard/platform';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { WebhookService } from '../webhooks/webhook.service';
import { Actor, ActorCall, type ActorCallOf } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

/** Webhook management (for a user) and the token-authenticated public operations (no actor). */
@InternalController()
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
  get(@ActorCall() { actor, ids }: ActorCallOf<'getWebhook'>): Promise<WebhookView> {
    return this.webhooks.get(actor, ids.webhookId);
  }

  @InternalRoute(InternalRoutes.updateWebhook)
  @HttpCode(200)
  update(
    @ActorCall() { actor, ids }: ActorCallOf<'updateWebhook'>,
    @Body() body: SaveWebhookDto,
  ): Promise<WebhookView> {
    return this.webhooks.update(actor, ids.webhookId, body);
  }

  @InternalRoute(InternalRoutes.rotateWebhookCredentials)
  @HttpCode(200)
  rotate(@ActorCall() { actor, ids }: ActorCallOf<'rotateWebhookCredentials'>): Promise<CreatedWebhookView> {
    return this.webhooks.rotateCredentials(actor, ids.webhookId);
  }

  @InternalRoute(InternalRoutes.deleteWebhook)
  @HttpCode(200)
  async delete(@ActorCall() { actor, ids }: ActorCallOf<'deleteWebhook'>): Promise<{ deleted: true }> {
    await this.webhooks.delete(actor, ids.webhookId);
    return { deleted: true };
  }

  @InternalRoute(InternalRoutes.listWebhookDeliveries)
  deliveriesOf(
    @ActorCall() { actor, ids }: ActorCallOf<'listWebhookDeliveries'>,
    @Query() query: ListDeliveriesQuery,
  ): Promise<DeliveryPage> {
    return this.deliveries.list(actor, ids.webhookId, query);
  }

  @InternalRoute(InternalRoutes.retryWebhookDelivery)
  @HttpCode(200)
  retry(@ActorCall() { actor, ids }: ActorCallOf<'retryWebhookDelivery'>): Promise<WebhookDeliveryView> {
    return this.deliveries.retry(actor, ids.webhookId, ids.deliveryId);
  }

  @InternalRoute(InternalRoutes.incomingWebhook)
  @HttpCode(200)
  incoming(@PathIds() ids: IdsOf<'incomingWebhook'>, @Body() body: IncomingWebhookDto): Promise<MessageView> {
    return this.webhooks.postIncoming(ids.webhookId, body);
  }

  @InternalRoute(InternalRoutes.deleteWebhookWithToken)
  @HttpCode(200)
  async deleteWithToken(
    @PathIds() ids: IdsOf<'deleteWebhookWithToken'>,
    @Body() body: WebhookTokenDto,
  ): Promise<{ deleted: true }> {
    await this.webhooks.deleteWithToken(ids.webhookId, body.token);
    return { deleted: true };
  }
}
