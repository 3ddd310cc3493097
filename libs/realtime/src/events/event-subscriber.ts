import { Injectable, Logger } from '@nestjs/common';
import { type EventTarget, eventChannel, parseEventChannel } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';

export type EventHandler = (target: EventTarget, payload: string) => void;

/**
 * Sharded pub/sub subscriptions of this replica, reference-counted: a conversation, user or
 * organisation channel is subscribed while at least one local connection needs it. A replica
 * therefore receives only the events of its own audience, never the whole cluster's traffic.
 */
@Injectable()
export class EventSubscriber {
  private readonly logger = new Logger(EventSubscriber.name);
  private readonly refs = new Map<string, number>();
  private handler: EventHandler = () => undefined;
  private closed = false;
  received = 0;

  constructor(private readonly redis: RedisClient) {
    redis.on('smessage', (channel: string, payload: string) => {
      const target = parseEventChannel(channel);
      if (!target) return;
      this.received++;
      this.handler(target, payload);
    });
  }

  onEvent(handler: EventHandler): void {
    this.handler = handler;
  }

  get subscriptionCount(): number {
    return this.refs.size;
  }

  async ref(target: EventTarget): Promise<void> {
    const channel = eventChannel(target);
    const count = (this.refs.get(channel) ?? 0) + 1;
    this.refs.set(channel, count);
    if (count === 1) await this.redis.ssubscribe(channel);
  }

  async unref(target: EventTarget): Promise<void> {
    const channel = eventChannel(target);
    const count = (this.refs.get(channel) ?? 0) - 1;
    if (count > 0) {
      this.refs.set(channel, count);
      return;
    }
    this.refs.delete(channel);
    if (this.closed) return; // shutting down: the connection is going away with all its subscriptions
    await this.redis
      .sunsubscribe(channel)
      .catch((error: unknown) => this.logger.warn({ msg: 'sunsubscribe failed', channel, err: String(error) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.refs.clear();
    await this.redis.quit().catch(() => undefined);
  }
}
