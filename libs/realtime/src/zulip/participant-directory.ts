import type { InternalClient } from '@switchboard/platform';
import { InternalRoutes } from '@switchboard/contracts';
import type { UserView } from '@switchboard/contracts';

const MAX_ENTRIES = 10_000;

/**
 * Participants of group conversations (Zulip direct-message recipients), cached per replica: group
 * membership never changes once created; only a participant's profile change makes an entry stale
 * (`forgetUser`). Fetched acting for a member.
 */
export class ParticipantDirectory {
  private readonly cache = new Map<string, Promise<UserView[]>>();

  constructor(private readonly messaging: InternalClient) {}

  get(channelId: string, actorId: string): Promise<UserView[]> {
    let entry = this.cache.get(channelId);
    if (!entry) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      entry = this.messaging.call({ actorId }, InternalRoutes.conversationParticipants, { params: { channelId } });
      entry.catch(() => this.cache.delete(channelId));
      this.cache.set(channelId, entry);
    }
    return entry;
  }

  /** Drops the conversations that list this user, whose name just changed. */
  async forgetUser(userId: string): Promise<void> {
    await Promise.all(
      [...this.cache].map(async ([channelId, entry]) => {
        const users = await entry.catch(() => []);
        if (this.cache.get(channelId) === entry && users.some((user) => user.userId === userId))
          this.cache.delete(channelId);
      }),
    );
  }
}
