import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type CreatedWebhookView,
  type DeliveryPage,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  type Principal,
  SaveWebhookDto,
  type WebhookDeliveryView,
  type WebhookView,
  InternalRoutes,
} from '@switchboard/contracts';
import { IdParamPipe } from '@switchboard/platform';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { toCortezaWebhook } from '../corteza/corteza-views';
import { MessagingForwarder } from '../corteza/messaging-forwarder';
import { CortezaController } from '../corteza/corteza-controller.decorator';

/** Webhook management (seed 004 "Webhooks"), plus the deliveries of an outgoing webhook. */
@CortezaController('webhooks')
export class WebhooksController {
  constructor(private readonly messaging: MessagingForwarder) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Query() query: ListWebhooksQuery,
  ): Promise<WebhookView[]> {
    return (
      await this.messaging.forward(principal, requestId, InternalRoutes.listWebhooks, {
        query: { channelID: query.channelID, userID: query.userID },
      })
    ).map(toCortezaWebhook);
  }

  @Post()
  @HttpCode(200)
  async create(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Body() body: SaveWebhookDto,
  ): Promise<CreatedWebhookView> {
    return toCortezaWebhook(await this.messaging.forward(principal, requestId, InternalRoutes.createWebhook, { body }));
  }

  @Get(':webhookID')
  async get(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
  ): Promise<WebhookView> {
    return toCortezaWebhook(
      await this.messaging.forward(principal, requestId, InternalRoutes.getWebhook, { params: { webhookId } }),
    );
  }

  @Post(':webhookID')
  @HttpCode(200)
  async update(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
    @Body() body: SaveWebhookDto,
  ): Promise<WebhookView> {
    return toCortezaWebhook(
      await this.messaging.forward(principal, requestId, InternalRoutes.updateWebhook, { params: { webhookId }, body }),
    );
  }

  @Post(':webhookID/credentials/rotate')
  @HttpCode(200)
  async rotate(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
  ): Promise<CreatedWebhookView> {
    return toCortezaWebhook(
      await this.messaging.forward(principal, requestId, InternalRoutes.rotateWebhookCredentials, {
        params: { webhookId },
      }),
    );
  }

  @Delete(':webhookID')
  delete(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
  ): Promise<unknown> {
    return this.messaging.forward(principal, requestId, InternalRoutes.deleteWebhook, { params: { webhookId } });
  }

  @Get(':webhookID/deliveries')
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
    @Query() query: ListDeliveriesQuery,
  ): Promise<DeliveryPage> {
    const { status, limit, beforeDeliveryID, afterDeliveryID } = query;
    return this.messaging.forward(principal, requestId, InternalRoutes.listWebhookDeliveries, {
      params: { webhookId },
      query: { status, limit, beforeDeliveryID, afterDeliveryID },
    });
  }

  @Post(':webhookID/deliveries/:deliveryID/retry')
  @HttpCode(200)
  retry(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('webhookID', IdParamPipe) webhookId: string,
    @Param('deliveryID', IdParamPipe) deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.messaging.forward(principal, requestId, InternalRoutes.retryWebhookDelivery, {
      params: { webhookId, deliveryId },
    });
  }
}
