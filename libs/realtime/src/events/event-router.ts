import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AnyDomainEvent, EventTarget } from '@switchboard/contracts';
import { ConnectionRegistry } from '../connections/connection-registry';
import { planDelivery } from '../slack/delivery-plan';
import { type SlackVariant, renderSlackEvent } from '../slack/slack-event-serializer';
import { EventSubscriber } from './event-subscriber';

/**
 * Turns each event this replica receives into frames for its local connections. The event is
 * parsed once and each Slack variant serialised once, however many sockets get it.
 */
@Injectable()
export class EventRouter implements OnModuleInit {
  private readonly logger = new Logger(EventRouter.name);
  delivered = 0;

  constructor(
    private readonly subscriber: EventSubscriber,
    private readonly registry: ConnectionRegistry,
  ) {}

  onModuleInit(): void {
    this.subscriber.onEvent((target, payload) => void this.route(target, payload));
  }

  async route(target: EventTarget, payload: string): Promise<void> {
    let event: AnyDomainEvent;
    try {
      event = JSON.parse(payload) as AnyDomainEvent;
    } catch {
      this.logger.warn({ msg: 'dropped unparseable event', channel: target });
      return;
    }
    const key = `${event.organisationId}:${event.eventId}`;
    const rendered = new Map<SlackVariant, string>();
    const render = (variant: SlackVariant) => {
      let json = rendered.get(variant);
      if (json === undefined) rendered.set(variant, (json = JSON.stringify(renderSlackEvent(event, variant))));
      return json;
    };
    for (const connection of this.registry.audience(target)) {
      if (!connection.firstSight(key)) continue;
      const plan = planDelivery(event, connection);
      if (plan.join) await this.registry.join(connection, plan.join);
      for (const variant of plan.variants) {
        connection.send(render(variant));
        this.delivered++;
      }
      if (plan.leave) await this.registry.leave(connection, plan.leave);
    }
  }
}
