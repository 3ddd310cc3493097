import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { type DeliveryAttemptRecorded, DeliveryOutcomesDto, INTERNAL_PREFIX } from '@switchboard/contracts';
import { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import { InternalAuthGuard } from './internal-auth.guard';

/** The webhook-dispatcher's side of deliveries: it holds no database, so it posts its attempts' outcomes here, in batches. */
@Controller(`${INTERNAL_PREFIX}/webhook-deliveries`)
@UseGuards(InternalAuthGuard)
export class InternalWebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @Post('outcomes')
  @HttpCode(200)
  async outcomes(@Body() body: DeliveryOutcomesDto): Promise<{ recorded: DeliveryAttemptRecorded[] }> {
    return { recorded: await this.deliveries.recordOutcomes(body.outcomes) };
  }
}
