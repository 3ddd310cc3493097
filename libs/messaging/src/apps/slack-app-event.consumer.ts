import { Injectable } from '@nestjs/common';
import type { AnyDomainEvent } from '@switchboard/contracts';
import { OutboxConsumerRegistry, type OutboxConsumer } from '../outbox/outbox-consumer';
import { appStreamEntryId, eventCallback, slackEventId } from './app-event-envelope';
import { type AppAudience, selectAppEvents } from './app-event-selector';
import { type AppWithBot, SlackAppRepository } from './slack-app.repository';
import { SlackEventsQueue, type SlackEventJobSpec } from './slack-events.queue';
import { SocketModeStream, type StreamEntry } from './socket-mode-stream';

/**
 * Turns committed domain events into Slack app events, after commit, per relay batch: loads the
 * batch's organisations' apps and their bots' memberships of the batch's channels (two queries a
 * batch, none per event), selects each app's events, and hands them to Socket Mode (the app's Redis
 * Stream) and/or the Events API (a BullMQ job per event). Idempotent: stream ids and job ids derive
 * from the organisation event id.
 */
@Injectable()
export class SlackAppEventConsumer implements OutboxConsumer {
  readonly name = 'slack-apps';

  constructor(
    registry: OutboxConsumerRegistry,
    private readonly apps: SlackAppRepository,
    private readonly stream: SocketModeStream,
    private readonly queue: SlackEventsQueue,
  ) {
    registry.register(this);
  }

  async consume(events: readonly AnyDomainEvent[]): Promise<void> {
    const organisations = [...new Set(events.map((event) => event.organisationId))];
    const apps = await this.apps.liveAppsOf(organisations);
    if (apps.length === 0) return;
    const channels = [...new Set(events.map(channelOf).filter((id): id is string => id !== null))];
    const memberships = await this.apps.memberships([...new Set(apps.map((app) => app.botUserId))], channels);
    const appsByOrg = new Map<string, AppWithBot[]>();
    for (const app of apps) appsByOrg.set(app.organisationId, [...(appsByOrg.get(app.organisationId) ?? []), app]);
    const audiences = new Map(apps.map((app) => [app.id, audience(app, memberships)]));

    const entries: StreamEntry[] = [];
    const jobs: SlackEventJobSpec[] = [];
    // Stream ids must grow: within an organisation, event ids follow commit order.
    const ordered = [...events].sort(
      (a, b) => compareIds(a.organisationId, b.organisationId) || compareIds(a.eventId, b.eventId),
    );
    for (const event of ordered) {
      for (const app of appsByOrg.get(event.organisationId) ?? []) {
        for (const selected of selectAppEvents(event, audiences.get(app.id)!)) {
          const payload = JSON.stringify(eventCallback(event, selected, { appId: app.id, botUserId: app.botUserId }));
          const entryId = appStreamEntryId(event, selected);
          if (app.socketMode)
            entries.push({ appId: app.id, id: entryId, eventId: slackEventId(event, selected), payload });
          if (app.requestUrl)
            jobs.push({
              jobId: `slack-event-${app.id}-${entryId}`,
              appId: app.id,
              organisationId: app.organisationId,
              eventId: slackEventId(event, selected),
              body: payload,
            });
        }
      }
    }
    await this.stream.add(entries);
    await this.queue.add(jobs);
  }
}

function audience(app: AppWithBot, memberships: Set<string>): AppAudience {
  return {
    appId: app.id,
    botUserId: app.botUserId,
    botHandle: app.botHandle,
    eventTypes: new Set(app.eventTypes),
    isMemberOf: (channelId) => memberships.has(`${channelId}:${app.botUserId}`),
  };
}

function channelOf(event: AnyDomainEvent): string | null {
  const payload = event.payload as { channel?: { channelId?: string } };
  return payload.channel?.channelId ?? null;
}

function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
