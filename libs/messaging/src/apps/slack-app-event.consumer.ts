import { Injectable } from '@nestjs/common';
import type { AnyDomainEvent, DomainEvent } from '@switchboard/contracts';
import { OutboxConsumerRegistry, type OutboxConsumer } from '../outbox/outbox-consumer';
import { appStreamEntryId, eventCallback, slackEventId } from './app-event-envelope';
import { type AppAudience, selectAppEvents } from './app-event-selector';
import { type AppWithBot, SlackAppRepository } from './slack-app.repository';
import { SlackEventsQueue, type SlackEventJobSpec } from './slack-events.queue';
import { SocketModeStream, type StreamEntry } from './socket-mode-stream';

const NO_APPS_TTL_MS = 10_000;
const MAX_REMEMBERED_ORGANISATIONS = 100_000;

/**
 * Turns committed domain events into Slack app events, after commit, per relay batch: loads the
 * batch's organisations' apps and their bots' memberships of the batch's channels (at most two
 * queries a batch, none per event), selects each app's events, and hands them to Socket Mode (the
 * app's Redis Stream) and/or the Events API (a BullMQ job per event). Idempotent: stream ids and job
 * ids derive from the organisation event id.
 *
 * Most organisations have no app, so that answer is remembered: until a bot user is created in the
 * organisation (creating an app creates its bot in the same commit, and that `user.created` event
 * comes before any event after it), or for NO_APPS_TTL_MS at most, which bounds how late an app
 * restored or a bot reactivated by hand in SQL starts to hear events. An organisation with apps is
 * asked again at every batch, so a deleted app or a deactivated bot hears nothing more at once.
 */
@Injectable()
export class SlackAppEventConsumer implements OutboxConsumer {
  readonly name = 'slack-apps';
  /** Organisations without live apps, until when that answer holds. */
  private readonly withoutApps = new Map<string, number>();

  constructor(
    registry: OutboxConsumerRegistry,
    private readonly apps: SlackAppRepository,
    private readonly stream: SocketModeStream,
    private readonly queue: SlackEventsQueue,
  ) {
    registry.register(this);
  }

  async onLeadership(): Promise<void> {
    this.withoutApps.clear(); // apps created meanwhile were relayed by another leader
  }

  async consume(events: readonly AnyDomainEvent[]): Promise<void> {
    const apps = await this.appsOf(events);
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

  /** The live apps of the batch's organisations, asking only for those that may have some. */
  private async appsOf(events: readonly AnyDomainEvent[]): Promise<AppWithBot[]> {
    const now = Date.now();
    for (const event of events)
      if (event.type === 'user.created' && (event as DomainEvent<'user.created'>).payload.user.kind === 'bot')
        this.withoutApps.delete(event.organisationId);
    const organisations = [...new Set(events.map((event) => event.organisationId))].filter(
      (org) => (this.withoutApps.get(org) ?? 0) <= now,
    );
    if (organisations.length === 0) return [];
    const apps = await this.apps.liveAppsOf(organisations);
    if (this.withoutApps.size > MAX_REMEMBERED_ORGANISATIONS) this.withoutApps.clear();
    const withApps = new Set(apps.map((app) => app.organisationId));
    for (const org of organisations)
      if (withApps.has(org)) this.withoutApps.delete(org);
      else this.withoutApps.set(org, now + NO_APPS_TTL_MS);
    return apps;
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
