import type { EventHub, HubMessage } from '../hub/event-hub';

/** `parsed()` is the payload decoded once by the hub, however many waiting polls look at it. */
type Listener = (payload: string, parsed: () => unknown, channel: string) => void;

/**
 * Wakes waiting long-polls. Follows, on the replica's event hub, the channels a waiting queue cares
 * about — its user's, its organisation's and its conversations' event channels, and its own poll
 * channel — so any process that publishes wakes the poll on whichever replica holds it, and a
 * replica only receives its waiting queues' traffic.
 */
export class QueueWaker {
  constructor(private readonly hub: EventHub) {}

  /** Calls `listener` for every message on `channels` until the returned function is called. */
  async watch(channels: string[], listener: Listener): Promise<() => Promise<void>> {
    // Unparseable payloads read as null, as the poll's filters expect.
    const onMessage = ({ payload, parsed, channel }: HubMessage) =>
      listener(payload, () => (parsed === undefined ? null : parsed), channel);
    const unique = [...new Set(channels)];
    // One SSUBSCRIBE per channel: sharded subscriptions must not span hash slots in one command.
    await Promise.all(unique.map((channel) => this.hub.subscribe(channel, onMessage)));
    return async () => {
      await Promise.all(unique.map((channel) => this.hub.unsubscribe(channel, onMessage)));
    };
  }
}
