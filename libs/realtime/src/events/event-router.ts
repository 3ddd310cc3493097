import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type ActivityBroadcast, type AnyDomainEvent, type EventTarget, isActivityBroadcast } from '@switchboard/contracts';
import { ConnectionRegistry } from '../connections/connection-registry';
import { receivesActivity, renderActivityFrame } from '../slack/activity-frame';
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
      const parsed = JSON.parse(payload) as AnyDomainEvent | ActivityBroadcast;
      if (isActivityBroadcast(parsed)) return this.routeActivity(target, parsed);
      event = parsed;
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

  /** Ephemeral activity: no event id, no replay; rendered once, sent to whoever may see it. */
  private routeActivity(target: EventTarget, activity: ActivityBroadcast): void {
    let json: string | undefined;
    for (const connection of this.registry.audience(target)) {
      if (!receivesActivity(activity, connection) || !connection.firstSight(`activity:${activity.activityId}`)) continue;
      connection.send((json ??= JSON.stringify(renderActivityFrame(activity))));
      this.delivered++;
    }
  }
}
