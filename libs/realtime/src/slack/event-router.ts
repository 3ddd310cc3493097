import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type ActivityBroadcast,
  type AnyDomainEvent,
  type EventTarget,
  type TransientEvent,
  isActivityBroadcast,
  isTransientEvent,
  parseEventChannel,
  slackChannelId,
  slackUserId,
} from '@switchboard/contracts';
import { ConnectionRegistry } from '../connections/connection-registry';
import { RealtimeReplica } from '../connections/realtime-replica';
import { type RtmConnection, isLater } from '../connections/rtm-connection';
import type { HubMessage } from '../hub/event-hub';
import { RealtimeMetrics } from '../realtime-metrics';
import { receivesActivity, renderActivityFrame } from './activity-frame';
import { planDelivery } from './delivery-plan';
import { RenderCache } from './render-cache';

/**
 * Turns what this replica receives into frames for its local connections: domain events (parsed
 * once, rendered once per variant) and transient ones (typing, presence). Replays go through the
 * same `deliver`, so a replayed event and a live one cannot both reach a socket.
 */
@Injectable()
export class EventRouter implements OnModuleInit {
  private readonly logger = new Logger(EventRouter.name);
  delivered = 0;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly metrics: RealtimeMetrics,
    private readonly replica: RealtimeReplica,
  ) {}

  onModuleInit(): void {
    this.registry.onMessage((message) => void this.route(message));
  }

  async route({ channel, parsed }: HubMessage): Promise<void> {
    const target = parseEventChannel(channel);
    if (!target) return;
    if (parsed === undefined) {
      this.logger.warn({ msg: 'dropped unparseable event', channel: target });
      return;
    }
    this.metrics.eventsReceived.inc({ target: target.kind });
    if (isTransientEvent(parsed)) return this.routeTransient(target, parsed);
    if (isActivityBroadcast(parsed)) return this.routeActivity(target, parsed);
    const event = parsed as AnyDomainEvent;
    const cache = new RenderCache(event);
    for (const connection of this.registry.audience(target)) {
      if (connection.held) connection.held.push(event);
      else await this.deliver(connection, event, cache);
    }
    this.replica.routed(event.organisationId, event.eventId);
    this.metrics.fanoutSeconds.observe(Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000);
  }

  /**
   * Delivers one event to one connection. A replay passes `membership`, the conversations the user
   * belonged to at that point of the log, which the plan's joins and leaves then move forward.
   */
  async deliver(
    connection: RtmConnection,
    event: AnyDomainEvent,
    cache = new RenderCache(event),
    membership?: Set<string>,
  ): Promise<void> {
    if (!connection.firstSight(event.eventId)) return;
    connection.passed(event.eventId);
    const viewer = membership
      ? {
          userId: connection.userId,
          organisationId: connection.organisationId,
          isMemberOf: (id: string) => membership.has(id),
        }
      : connection;
    const plan = planDelivery(event, viewer);
    if (plan.join) {
      membership?.add(plan.join);
      await this.registry.join(connection, plan.join);
    }
    for (const variant of plan.variants) {
      connection.send(cache.json(variant));
      this.delivered++;
      this.metrics.framesSent.inc();
    }
    if (plan.leave) {
      membership?.delete(plan.leave);
      await this.registry.leave(connection, plan.leave);
    }
  }

  /** Ends a replay: live events that arrived meanwhile go out in order; ones the replay sent are skipped. */
  async release(connection: RtmConnection): Promise<void> {
    while (connection.held && connection.held.length > 0) {
      const batch = connection.held.splice(0);
      // The replay went up to lastEventId in log order: anything held at or below it went out already.
      for (const event of batch)
        if (isLater(event.eventId, connection.lastEventId)) await this.deliver(connection, event);
    }
    connection.held = null;
  }

  private routeTransient(target: EventTarget, event: TransientEvent): void {
    const audience = this.registry
      .audience(target)
      .filter((connection) => connection.organisationId === event.organisationId);
    switch (event.transient) {
      case 'typing': {
        // Slack has no "stopped typing" (its clients time the indicator out), and shows typing only in an existing conversation.
        if (event.op === 'stop' || event.channelId === null) return;
        const channelId = event.channelId;
        const json = JSON.stringify({
          type: 'user_typing',
          channel: slackChannelId({ channelId: channelId, type: event.channelType }),
          user: slackUserId(event.userId),
        });
        for (const connection of audience)
          if (connection.userId !== event.userId && connection.isMemberOf(channelId)) connection.send(json);
        return;
      }
      case 'presence': {
        const single = JSON.stringify({
          type: 'presence_change',
          user: slackUserId(event.userId),
          presence: event.presence,
        });
        const batched = JSON.stringify({
          type: 'presence_change',
          users: [slackUserId(event.userId)],
          presence: event.presence,
        });
        for (const connection of audience)
          if (connection.presenceSubscriptions.has(event.userId))
            connection.send(connection.options.batchPresenceAware ? batched : single);
        return;
      }
      case 'manual_presence': {
        const json = JSON.stringify({ type: 'manual_presence_change', presence: event.presence });
        for (const connection of audience) if (connection.userId === event.userId) connection.send(json);
        return;
      }
    }
  }

  /** Ephemeral activity: no event id, no replay; rendered once, sent to whoever may see it. */
  private routeActivity(target: EventTarget, activity: ActivityBroadcast): void {
    let json: string | undefined;
    for (const connection of this.registry.audience(target)) {
      if (!receivesActivity(activity, connection) || !connection.firstSight(`activity:${activity.activityId}`))
        continue;
      connection.send((json ??= JSON.stringify(renderActivityFrame(activity))));
      this.delivered++;
    }
  }
}
