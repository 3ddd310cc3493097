import { Logger } from '@nestjs/common';
import { parseWithCurrentIdKeys } from '@switchboard/contracts';
import type { RedisClient } from '@switchboard/platform';

/** One message as every listener of its channel sees it. */
export interface HubMessage {
  channel: string;
  payload: string;
  /** The payload decoded once for all listeners; `undefined` when it is not JSON. */
  parsed: unknown;
}

export type HubListener = (message: HubMessage) => void;

interface Subscription {
  /** How many times each listener was added: a listener may follow a channel for several owners. */
  readonly listeners: Map<HubListener, number>;
  /** Settles once Redis confirmed the SSUBSCRIBE; later listeners wait for it too. */
  readonly ready: Promise<void>;
}

/**
 * The replica's one sharded pub/sub subscriber, shared by every dialect. A channel (`sb:ev:{conv:…}`,
 * `sb:ev:{user:…}`, a queue's poll channel, …) is subscribed while at least one listener follows it:
 * SSUBSCRIBE on the first, SUNSUBSCRIBE on the last. Each message is parsed once and handed to all
 * of its channel's listeners. After a reconnect the client resubscribes what is subscribed
 * (ioredis' autoResubscribe; a cluster's sharded subscribers do the same per node), so the
 * listeners stay in place.
 */
export class EventHub {
  private readonly logger = new Logger(EventHub.name);
  private readonly subscriptions = new Map<string, Subscription>();
  private closed = false;

  constructor(private readonly redis: RedisClient) {
    redis.on('smessage', (channel: string, payload: string) => this.dispatch(channel, payload));
  }

  /** Channels subscribed right now. */
  get channelCount(): number {
    return this.subscriptions.size;
  }

  /** Adds `listener` to `channel`; resolves once the channel is subscribed. */
  async subscribe(channel: string, listener: HubListener): Promise<void> {
    let subscription = this.subscriptions.get(channel);
    if (!subscription) {
      subscription = { listeners: new Map(), ready: this.redis.ssubscribe(channel).then(() => undefined) };
      this.subscriptions.set(channel, subscription);
    }
    subscription.listeners.set(listener, (subscription.listeners.get(listener) ?? 0) + 1);
    await subscription.ready;
  }

  /** Removes one addition of `listener` from `channel`; the last listener's removal unsubscribes. */
  async unsubscribe(channel: string, listener: HubListener): Promise<void> {
    const subscription = this.subscriptions.get(channel);
    const count = subscription?.listeners.get(listener);
    if (!subscription || count === undefined) return;
    if (count > 1) subscription.listeners.set(listener, count - 1);
    else subscription.listeners.delete(listener);
    if (subscription.listeners.size > 0) return;
    this.subscriptions.delete(channel);
    if (this.closed) return; // shutting down: the connection goes away with all its subscriptions
    await this.redis
      .sunsubscribe(channel)
      .catch((error: unknown) => this.logger.warn({ msg: 'sunsubscribe failed', channel, err: String(error) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriptions.clear();
    await this.redis.quit().catch(() => undefined);
  }

  private dispatch(channel: string, payload: string): void {
    const subscription = this.subscriptions.get(channel);
    if (!subscription) return;
    let parsed: unknown;
    try {
      parsed = parseWithCurrentIdKeys(payload);
    } catch {
      parsed = undefined;
    }
    const message: HubMessage = { channel, payload, parsed };
    // Map iteration tolerates a listener unsubscribing (itself or another) meanwhile.
    for (const listener of subscription.listeners.keys()) {
      try {
        listener(message);
      } catch (error) {
        this.logger.warn({ msg: 'listener failed', channel, err: String(error) });
      }
    }
  }
}
