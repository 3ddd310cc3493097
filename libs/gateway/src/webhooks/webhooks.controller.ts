import { Body, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  type CreatedWebhookView,
  type DeliveryPage,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  SaveWebhookDto,
  type WebhookDeliveryView,
  type WebhookView,
  InternalRoutes,
  type CortezaIds,
  cortezaIds,
} from '@switchboard/contracts';
import { toCortezaWebhook } from '../corteza/corteza-views';
import { ForwardsToMessaging } from '../corteza/messaging-forwarder';
import { CortezaController } from '../corteza/corteza-controller.decorator';
import { type Caller, CurrentCaller } from '../corteza/caller';

/** Webhook management (seed 004 "Webhooks"), plus the deliveries of an outgoing webhook. */
@CortezaController('webhooks')
export class WebhooksController extends ForwardsToMessaging {
  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: ListWebhooksQuery): Promise<CortezaIds<WebhookView>[]> {
    return (
      await this.messaging.call(caller, InternalRoutes.listWebhooks, {
        query: { channelID: query.channelID, userID: query.userID },
      })
    ).map((webhook) => toCortezaWebhook(cortezaIds(webhook)));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: SaveWebhookDto): Promise<CortezaIds<CreatedWebhookView>> {
    return toCortezaWebhook(cortezaIds(await this.messaging.call(caller, InternalRoutes.createWebhook, { body })));
  }

  @Get(':webhookID')
  async get(@CurrentCaller() caller: Caller): Promise<CortezaIds<WebhookView>> {
    return toCortezaWebhook(cortezaIds(await this.messaging.call(caller, InternalRoutes.getWebhook)));
  }

  @Post(':webhookID')
  @HttpCode(200)
  async update(@CurrentCaller() caller: Caller, @Body() body: SaveWebhookDto): Promise<CortezaIds<WebhookView>> {
    return toCortezaWebhook(cortezaIds(await this.messaging.call(caller, InternalRoutes.updateWebhook, { body })));
  }

  @Post(':webhookID/credentials/rotate')
  @HttpCode(200)
  async rotate(@CurrentCaller() caller: Caller): Promise<CortezaIds<CreatedWebhookView>> {
    return toCortezaWebhook(cortezaIds(await this.messaging.call(caller, InternalRoutes.rotateWebhookCredentials)));
  }

  @Delete(':webhookID')
  delete(@CurrentCaller() caller: Caller): Promise<unknown> {
    return this.messaging.call(caller, InternalRoutes.deleteWebhook);
  }

  @Get(':webhookID/deliveries')
  async deliveries(
    @CurrentCaller() caller: Caller,
    @Query() query: ListDeliveriesQuery,
  ): Promise<CortezaIds<DeliveryPage>> {
    const { status, limit, beforeDeliveryID: beforeDeliveryId, afterDeliveryID: afterDeliveryId } = query;
    return cortezaIds(
      await this.messaging.call(caller, InternalRoutes.listWebhookDeliveries, {
        query: { status, limit, beforeDeliveryID: beforeDeliveryId, afterDeliveryID: afterDeliveryId },
      }),
    );
  }

  @Post(':webhookID/deliveries/:deliveryID/retry')
  @HttpCode(200)
  async retry(@CurrentCaller() caller: Caller): Promise<CortezaIds<WebhookDeliveryView>> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.retryWebhookDelivery));
  }
}
