import { Logger } from '@nestjs/common';
import type { RedisClient } from '@switchboard/platform';

/** `parsed()` decodes the payload once per message, however many waiting polls look at it. */
type Listener = (payload: string, parsed: () => unknown, channel: string) => void;

/**
 * Wakes waiting long-polls. Subscribes (reference-counted, sharded pub/sub, on a connection of its
 * own) to the channels a waiting queue cares about — its user's, its organisation's and its
 * conversations' event channels, and its own poll channel — so any process that publishes wakes
 * the poll on whichever replica holds it, and a replica only receives its waiting queues' traffic.
 */
export class QueueWaker {
  private readonly logger = new Logger(QueueWaker.name);
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly redis: RedisClient) {
    redis.on('smessage', (channel: string, payload: string) => {
      let decoded: unknown;
      const parsed = () => {
        if (decoded === undefined) {
          try {
            decoded = JSON.parse(payload) as unknown;
          } catch {
            decoded = null;
          }
        }
        return decoded;
      };
      for (const listener of this.listeners.get(channel) ?? []) listener(payload, parsed, channel);
    });
  }

  get channelCount(): number {
    return this.listeners.size;
  }

  /** Calls `listener` for every message on `channels` until the returned function is called. */
  async watch(channels: string[], listener: Listener): Promise<() => Promise<void>> {
    const fresh: string[] = [];
    for (const channel of new Set(channels)) {
      let set = this.listeners.get(channel);
      if (!set) {
        this.listeners.set(channel, (set = new Set()));
        fresh.push(channel);
      }
      set.add(listener);
    }
    // One SSUBSCRIBE per channel: sharded subscriptions must not span hash slots in one command.
    await Promise.all(fresh.map((channel) => this.redis.ssubscribe(channel)));
    return async () => {
      const stale: string[] = [];
      for (const channel of new Set(channels)) {
        const set = this.listeners.get(channel);
        if (!set) continue;
        set.delete(listener);
        if (set.size === 0) {
          this.listeners.delete(channel);
          stale.push(channel);
        }
      }
      await Promise.all(
        stale.map((channel) =>
          this.redis
            .sunsubscribe(channel)
            .catch((error: unknown) => this.logger.warn({ msg: 'sunsubscribe failed', channel, err: String(error) })),
        ),
      );
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.redis.quit().catch(() => undefined);
  }
}
