import type { UserView } from '@switchboard/contracts';
import { InternalRoutes } from '@switchboard/contracts';
import type { InternalClient } from '@switchboard/platform';

const REFRESH_AFTER_MS = 60_000;
const MIN_REFETCH_MS = 2_000;

interface Entry {
  users: Promise<Map<string, UserView>>;
  fetchedAt: number;
}

/**
 * The organisation's users by our id, cached per replica, to show peers' compact ids in Zulip
 * subscription and reaction events. Compact ids never change; an unknown id (a new user) triggers a
 * refetch, at most every two seconds, and a profile change drops the organisation's entry.
 */
export class UserDirectory {
  private readonly cache = new Map<string, Entry>();
  /** Per organisation, the newest `user.updated` event this replica has acted on. */
  private readonly updatesSeen = new Map<string, bigint>();

  constructor(private readonly messaging: InternalClient) {}

  /**
   * A profile changed: the organisation's cached names are stale, so the next lookup refetches.
   * Queues replay the same event many times; only a newer one than any seen drops the cache.
   * Returns whether this event was news to this replica.
   */
  userUpdated(organisationId: string, eventId: string): boolean {
    const id = BigInt(eventId);
    if (id <= (this.updatesSeen.get(organisationId) ?? -1n)) return false;
    this.updatesSeen.set(organisationId, id);
    this.cache.delete(organisationId);
    return true;
  }

  async get(organisationId: string, actorId: string, wanted: string[]): Promise<Map<string, UserView>> {
    let entry = this.cache.get(organisationId);
    const stale = !entry || Date.now() - entry.fetchedAt > REFRESH_AFTER_MS;
    if (!stale && entry) {
      const users = await entry.users.catch(() => new Map<string, UserView>());
      if (wanted.every((id) => users.has(id)) || Date.now() - entry.fetchedAt < MIN_REFETCH_MS) return users;
    }
    entry = { users: this.fetch(actorId), fetchedAt: Date.now() };
    this.cache.set(organisationId, entry);
    return entry.users.catch(() => new Map<string, UserView>());
  }

  private async fetch(actorId: string): Promise<Map<string, UserView>> {
    const users = await this.messaging.call({ actorId }, InternalRoutes.directoryUsers);
    return new Map(users.map((user) => [user.userId, user]));
  }
}
