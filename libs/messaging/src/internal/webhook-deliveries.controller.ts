import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { type DeliveryAttemptRecorded, type DeliveryAttemptStart, DeliveryResultDto, INTERNAL_PREFIX } from '@switchboard/contracts';
import { IdParamPipe } from '@switchboard/platform';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { InternalAuthGuard } from './internal-auth.guard';

/** The webhook-dispatcher's side of a delivery: it holds no database, so attempts are recorded here. */
@Controller(`${INTERNAL_PREFIX}/webhook-deliveries`)
@UseGuards(InternalAuthGuard)
export class InternalWebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @Post(':deliveryId/attempts')
  @HttpCode(200)
  start(@Param('deliveryId', IdParamPipe) deliveryId: string): Promise<DeliveryAttemptStart> {
    return this.deliveries.startAttempt(deliveryId);
  }

  @Post(':deliveryId/result')
  @HttpCode(200)
  result(@Param('deliveryId', IdParamPipe) deliveryId: string, @Body() body: DeliveryResultDto): Promise<DeliveryAttemptRecorded> {
    return this.deliveries.recordResult(deliveryId, body);
  }
}
