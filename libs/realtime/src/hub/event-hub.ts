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

/**
 * One subscribed channel's listeners, with how many times each was added (a listener may follow a
 * channel for several owners). Most channels have one listener (a queue waker, a connection
 * registry), kept inline; a map only once a second one comes. Sized for thousands of channels.
 */
class Subscription {
  private single: HubListener | null = null;
  private singleCount = 0;
  private several: Map<HubListener, number> | null = null;
  /** Until Redis confirmed the SSUBSCRIBE (later listeners wait for it too); null once it did. */
  ready: Promise<void> | null = null;

  add(listener: HubListener): void {
    if (this.several) this.several.set(listener, (this.several.get(listener) ?? 0) + 1);
    else if (this.single === null || this.single === listener) {
      this.single = listener;
      this.singleCount++;
    } else {
      this.several = new Map([
        [this.single, this.singleCount],
        [listener, 1],
      ]);
      this.single = null;
    }
  }

  /** Removes one addition of `listener`; false when it was not there. */
  remove(listener: HubListener): boolean {
    if (this.several) {
      const count = this.several.get(listener);
      if (count === undefined) return false;
      if (count > 1) this.several.set(listener, count - 1);
      else this.several.delete(listener);
      return true;
    }
    if (this.single !== listener) return false;
    if (--this.singleCount === 0) this.single = null;
    return true;
  }

  get empty(): boolean {
    return this.several ? this.several.size === 0 : this.single === null;
  }

  /** Map iteration tolerates a listener unsubscribing (itself or another) meanwhile. */
  listeners(): Iterable<HubListener> {
    return this.several ? this.several.keys() : this.single ? [this.single] : [];
  }
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
      const created = new Subscription();
      created.ready = this.redis.ssubscribe(channel).then(() => {
        created.ready = null;
      });
      this.subscriptions.set(channel, (subscription = created));
    }
    subscription.add(listener);
    await subscription.ready;
  }

  /** Removes one addition of `listener` from `channel`; the last listener's removal unsubscribes. */
  async unsubscribe(channel: string, listener: HubListener): Promise<void> {
    const subscription = this.subscriptions.get(channel);
    if (!subscription?.remove(listener) || !subscription.empty) return;
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
    for (const listener of subscription.listeners()) {
      try {
        listener(message);
      } catch (error) {
        this.logger.warn({ msg: 'listener failed', channel, err: String(error) });
      }
    }
  }
}
