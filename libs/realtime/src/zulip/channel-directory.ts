import { InternalRoutes } from '@switchboard/contracts';
import type { InternalClient } from '@switchboard/platform';

const MAX_ENTRIES = 10_000;

/**
 * Compact (Zulip) ids of channels, cached per replica: they never change. Transient events carry
 * only our channel id (a Slack client's typing knows no other), Zulip's typing events need both.
 */
export class ChannelDirectory {
  private readonly cache = new Map<string, Promise<number>>();

  constructor(private readonly messaging: InternalClient) {}

  zulipId(channelId: string, actorId: string): Promise<number | null> {
    let entry = this.cache.get(channelId);
    if (!entry) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      entry = this.messaging
        .call({ actorId }, InternalRoutes.getChannel, { params: { channelId } })
        .then((channel) => channel.zulipId);
      entry.catch(() => this.cache.delete(channelId));
      this.cache.set(channelId, entry);
    }
    return entry.catch(() => null);
  }
}
