import { Body, HttpCode } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { type DeliveryAttemptRecorded, DeliveryOutcomesDto, InternalRoutes } from '@switchboard/contracts';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { InternalController } from './internal-controller.decorator';

/** The webhook-dispatcher's side of deliveries: it holds no database, so it posts its attempts' outcomes here, in batches. */
@InternalController()
export class InternalWebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @InternalRoute(InternalRoutes.recordDeliveryOutcomes)
  @HttpCode(200)
  async outcomes(@Body() body: DeliveryOutcomesDto): Promise<{ recorded: DeliveryAttemptRecorded[] }> {
    return { recorded: await this.deliveries.recordOutcomes(body.outcomes) };
  }
}
