import { Injectable } from '@nestjs/common';
import type { AnyDomainEvent } from '@switchboard/contracts';
import { EventLog } from '@switchboard/platform';
import type { RtmConnection } from '../connections/rtm-connection';
import { EventRouter } from './event-router';

/** At most this many events are replayed; a client further behind refetches history instead. */
const MAX_REPLAY = 10_000;
const PAGE = 1000;

export interface ReplayResult {
  complete: boolean;
  replayed: number;
}

/**
 * Replays the organisation's event log after a given event id to one connection: the events
 * between rtm.connect and the socket opening (as Slack promises), or everything a reconnecting
 * client missed (`resume_from`). Deliveries go through the router, so what the user may see is
 * decided exactly as for live events, with the memberships they had at that point of the log.
 */
@Injectable()
export class EventReplayer {
  constructor(
    private readonly log: EventLog,
    private readonly router: EventRouter,
  ) {}

  async replay(connection: RtmConnection, afterEventId: string): Promise<ReplayResult> {
    const events: AnyDomainEvent[] = [];
    let after = afterEventId;
    for (;;) {
      const window = await this.log.readAfter(connection.organisationId, after, PAGE);
      if (!window.complete && events.length === 0) return { complete: false, replayed: 0 };
      events.push(...window.events);
      if (events.length > MAX_REPLAY) return { complete: false, replayed: 0 };
      if (window.events.length < PAGE) break;
      after = window.events[window.events.length - 1].eventId;
    }
    const membership = membershipBefore(events, connection.userId, connection.conversations);
    for (const event of events) await this.router.deliver(connection, event, undefined, membership);
    return { complete: true, replayed: events.length };
  }
}

/** Walks the window backwards from today's memberships to the ones at its start. */
export function membershipBefore(events: AnyDomainEvent[], userId: string, current: Iterable<string>): Set<string> {
  const membership = new Set(current);
  for (const event of [...events].reverse()) {
    if (event.type === 'channel.member_joined' && event.payload.userId === userId)
      membership.delete(event.payload.channel.channelId);
    if (event.type === 'channel.created' && event.payload.memberIds.includes(userId))
      membership.delete(event.payload.channel.channelId);
    if (event.type === 'channel.member_left' && event.payload.userId === userId)
      membership.add(event.payload.channel.channelId);
  }
  return membership;
}
