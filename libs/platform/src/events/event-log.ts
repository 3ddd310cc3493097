import type { RedisClient } from '../redis/redis';
import { type AnyDomainEvent, eventLogKey, parseWithCurrentIdKeys } from '@switchboard/contracts';

export interface LogWindow {
  /** Events after `afterEventId`, oldest first. */
  events: AnyDomainEvent[];
  /** False when events after `afterEventId` were already trimmed away: the reader missed some. */
  complete: boolean;
  /** The newest event id in the log ('0' when empty). */
  head: string;
}

/**
 * Reads and writes the per-organisation event log (a capped Redis Stream keyed by per-organisation
 * event id). Only the outbox relay appends; entry ids make a repeated append a no-op.
 */
export class EventLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly maxLength = 50_000,
  ) {}

  /** Returns false when the event was already in the log (a relay retry). */
  async append(event: AnyDomainEvent, json = JSON.stringify(event)): Promise<boolean> {
    try {
      await this.redis.xadd(
        eventLogKey(event.organisationId),
        'MAXLEN',
        '~',
        String(this.maxLength),
        `${event.eventId}-0`,
        'e',
        json,
      );
      return true;
    } catch (error) {
      if (error instanceof Error && /equal or smaller/.test(error.message)) return false;
      throw error;
    }
  }

  async head(organisationId: string): Promise<string> {
    const [last] = await this.redis.xrevrange(eventLogKey(organisationId), '+', '-', 'COUNT', 1);
    return last ? last[0].split('-')[0] : '0';
  }

  async readAfter(organisationId: string, afterEventId: string, count = 1000): Promise<LogWindow> {
    const key = eventLogKey(organisationId);
    const [entries, [first], [last]] = await Promise.all([
      this.redis.xrange(key, `(${afterEventId}-0`, '+', 'COUNT', count),
      this.redis.xrange(key, '-', '+', 'COUNT', 1),
      this.redis.xrevrange(key, '+', '-', 'COUNT', 1),
    ]);
    const oldest = first ? BigInt(first[0].split('-')[0]) : null;
    // Complete when nothing after the reader's position was trimmed: the oldest kept entry is at most one past it.
    const complete = oldest === null ? true : oldest <= BigInt(afterEventId) + 1n;
    const events = entries.map(([, fields]) => parseWithCurrentIdKeys(fields[1]) as AnyDomainEvent);
    return { events, complete, head: last ? last[0].split('-')[0] : '0' };
  }
}
