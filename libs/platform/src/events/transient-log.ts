import type { RedisClient } from '../redis/redis';
import {
  type EventTarget,
  type TransientEvent,
  eventChannel,
  parseWithCurrentIdKeys,
  transientLogKey,
  transientWakeChannel,
} from '@switchboard/contracts';

export interface TransientEntry {
  /** The stream entry id (`<ms>-<seq>`): the position to read after next time. */
  position: string;
  /** When Redis took the entry, in ms since the epoch. */
  at: number;
  event: TransientEvent;
}

/**
 * Publishes transient events (typing, presence) and keeps the last two minutes of them per
 * organisation.
 * Sockets get them live from the sharded pub/sub channels; Zulip event queues, which are not
 * connected between polls, read them back from the short log. Nothing here is durable: the log is
 * trimmed by age and readers skip entries older than they care about.
 */
export class TransientLog {
  constructor(
    private readonly redis: RedisClient,
    /** Entries older than this are trimmed, and an organisation's log that gets nothing new for this long disappears. */
    private readonly retentionMs = 120_000,
  ) {}

  /** Returns whether any live subscriber of `targets` received it. */
  async publish(event: TransientEvent, targets: EventTarget[]): Promise<boolean> {
    const json = JSON.stringify(event);
    const key = transientLogKey(event.organisationId);
    await this.redis.xadd(key, 'MINID', '~', String(Date.now() - this.retentionMs), '*', 'e', json);
    await this.redis.pexpire(key, this.retentionMs);
    const [, ...receivers] = await Promise.all([
      this.redis.spublish(transientWakeChannel(event.organisationId), json),
      ...targets.map((target) => this.redis.spublish(eventChannel(target), json)),
    ]);
    return receivers.some((count) => Number(count) > 0);
  }

  /** The newest position of an organisation's log ('0-0' when empty): a new reader starts here. */
  async head(organisationId: string): Promise<string> {
    const [last] = await this.redis.xrevrange(transientLogKey(organisationId), '+', '-', 'COUNT', 1);
    return last ? last[0] : '0-0';
  }

  /** Entries after `position`, oldest first, at most `count`. */
  async readAfter(organisationId: string, position: string, count: number): Promise<TransientEntry[]> {
    const entries = await this.redis.xrange(transientLogKey(organisationId), `(${position}`, '+', 'COUNT', count);
    return entries.flatMap(([id, fields]) => {
      try {
        return [
          { position: id, at: Number(id.split('-')[0]), event: parseWithCurrentIdKeys(fields[1]) as TransientEvent },
        ];
      } catch {
        return [];
      }
    });
  }
}
