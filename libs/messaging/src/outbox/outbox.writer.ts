import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEventPayloads, DomainEventType, EventAudience } from '@switchboard/contracts';

export interface PendingEvent<T extends DomainEventType = DomainEventType> {
  type: T;
  actorId: string | null;
  audience: EventAudience;
  payload: DomainEventPayloads[T];
}

export function pendingEvent<T extends DomainEventType>(
  type: T,
  actorId: string | null,
  audience: EventAudience,
  payload: DomainEventPayloads[T],
): PendingEvent<T> {
  return { type, actorId, audience, payload };
}

export const OUTBOX_NOTIFY_CHANNEL = 'switchboard_outbox';
const INSERT_BATCH = 1000;

/**
 * Appends domain events inside the caller's transaction. Call it last in the transaction: the
 * organisation's counter row stays locked until commit, which makes per-organisation event ids
 * follow commit order, and keeping that lock short keeps writers of one organisation flowing.
 * NOTIFY is delivered on commit only, so the relay wakes exactly when there is something to send.
 */
@Injectable()
export class OutboxWriter {
  /** Appends one event whose audience is the channel's conversation (`{ conversationId }`). */
  appendToConversation<T extends DomainEventType>(
    em: EntityManager,
    channel: { id: string; organisationId: string },
    type: T,
    actorId: string,
    payload: DomainEventPayloads[T],
  ): Promise<void> {
    return this.append(em, channel.organisationId, [
      pendingEvent(type, actorId, { conversationId: channel.id }, payload),
    ]);
  }

  async append(em: EntityManager, organisationId: string, events: PendingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const [counter] = (await em.query(
      `INSERT INTO org_event_counters (organisation_id, last_event_id) VALUES ($1, $2)
       ON CONFLICT (organisation_id) DO UPDATE SET last_event_id = org_event_counters.last_event_id + $2
       RETURNING last_event_id::text AS last`,
      [organisationId, events.length],
    )) as { last: string }[];
    const first = BigInt(counter.last) - BigInt(events.length) + 1n;
    // Bulk changes (mark all as read) append many events: stay far below PostgreSQL's 65535 bind parameters per statement.
    for (let start = 0; start < events.length; start += INSERT_BATCH) {
      const values: unknown[] = [];
      const rows = events.slice(start, start + INSERT_BATCH).map((event, index) => {
        const base = index * 6;
        values.push(
          organisationId,
          (first + BigInt(start + index)).toString(),
          event.type,
          event.actorId,
          JSON.stringify(event.audience),
          JSON.stringify(event.payload),
        );
        return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::jsonb, $${base + 6}::jsonb)`;
      });
      await em.query(
        `INSERT INTO outbox_events (organisation_id, event_id, type, actor_id, audience, payload) VALUES ${rows.join(', ')}`,
        values,
      );
    }
    await em.query(`SELECT pg_notify($1, $2)`, [OUTBOX_NOTIFY_CHANNEL, organisationId]);
  }
}
