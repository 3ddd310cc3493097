import type { UserView } from '@switchboard/contracts';
import type { MessagingClient } from '@switchboard/platform';

const REFRESH_AFTER_MS = 60_000;
const MIN_REFETCH_MS = 2_000;

interface Entry {
  users: Promise<Map<string, UserView>>;
  fetchedAt: number;
}

/**
 * The organisation's users by our id, cached per replica, to show peers' compact ids in Zulip
 * subscription events. Compact ids never change; an unknown id (a new user) triggers a refetch,
 * at most every two seconds.
 */
export class UserDirectory {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly messaging: MessagingClient) {}

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
    const users = await this.messaging.call<UserView[]>('GET', '/directory/users', { actorId });
    return new Map(users.map((user) => [user.userID, user]));
  }
}
