import { Logger } from '@nestjs/common';
import type { EventHub, HubMessage } from '../hub/event-hub';

/** A waiting poll, as the waker reaches it. */
export interface Waiter {
  hear(message: HubMessage): void;
}

/**
 * Wakes waiting long-polls. Follows, on the replica's event hub, the channels a waiting queue cares
 * about — its user's, its organisation's and its conversations' event channels, and its own poll
 * channel — so any process that publishes wakes the poll on whichever replica holds it, and a
 * replica only receives its waiting queues' traffic. The hub knows one listener (this waker) per
 * channel; the waker keeps which polls wait on it, so a parked poll costs an entry per channel,
 * not a closure.
 */
export class QueueWaker {
  private readonly logger = new Logger(QueueWaker.name);
  /** Channel → the polls waiting on it: one directly, several in a set. */
  private readonly waiters = new Map<string, Waiter | Set<Waiter>>();
  private readonly deliver = (message: HubMessage): void => {
    const waiting = this.waiters.get(message.channel);
    if (!(waiting instanceof Set)) return this.tell(waiting, message);
    // Set iteration tolerates a poll leaving (itself or another) meanwhile.
    for (const waiter of waiting) this.tell(waiter, message);
  };

  constructor(private readonly hub: EventHub) {}

  /** Delivers every message on `channels` to `waiter` until `unwatch`; resolves once all are subscribed. */
  async watch(channels: string[], waiter: Waiter): Promise<void> {
    const unique = [...new Set(channels)];
    for (const channel of unique) {
      const present = this.waiters.get(channel);
      if (present === undefined) this.waiters.set(channel, waiter);
      else if (present instanceof Set) present.add(waiter);
      else this.waiters.set(channel, new Set([present, waiter]));
    }
    // One SSUBSCRIBE per channel: sharded subscriptions must not span hash slots in one command.
    await Promise.all(unique.map((channel) => this.hub.subscribe(channel, this.deliver)));
  }

  async unwatch(channels: string[], waiter: Waiter): Promise<void> {
    const unique = [...new Set(channels)];
    for (const channel of unique) {
      const present = this.waiters.get(channel);
      if (present === waiter || (present instanceof Set && present.delete(waiter) && present.size === 0))
        this.waiters.delete(channel);
    }
    await Promise.all(unique.map((channel) => this.hub.unsubscribe(channel, this.deliver)));
  }

  /**
   * Moves `waiter` from `before` to `after`: the new channels are subscribed before the old ones are
   * left. When subscribing fails, the waiter stays on `before` alone.
   */
  async rewatch(before: string[], after: string[], waiter: Waiter): Promise<void> {
    const added = after.filter((channel) => !before.includes(channel));
    try {
      await this.watch(added, waiter);
    } catch (error) {
      await this.unwatch(added, waiter);
      throw error;
    }
    await this.unwatch(
      before.filter((channel) => !after.includes(channel)),
      waiter,
    );
  }

  private tell(waiter: Waiter | undefined, message: HubMessage): void {
    try {
      waiter?.hear(message);
    } catch (error) {
      this.logger.warn({ msg: 'waiter failed', channel: message.channel, err: String(error) });
    }
  }
}
