import type { RedisClient } from '../redis/redis';
import { type Presence, type TransientEvent, eventChannel } from '@switchboard/contracts';
import { TransientLog } from '../events/transient-log';

const userKey = (userId: string) => `sb:presence:{user:${userId}}`;
const manualKey = (userId: string) => `sb:presence-manual:{user:${userId}}`;
const INDEX_KEY = 'sb:presence-index';
/** Members per ZADD when refreshing: bounded so one command never blocks Redis for long. */
const REFRESH_CHUNK = 1000;

/**
 * Who is active. A user is active while any of their connections (sockets, event queues) on any
 * replica is alive and they have not set themselves away. Each connection is an entry with an
 * expiry in the user's sorted set, refreshed by the replica holding it; entries of a replica that
 * died expire, and `sweep` announces those users as away. Changes are published on the user's
 * presence channel for subscribers on every replica.
 */
export class PresenceStore {
  private readonly transients: TransientLog;

  constructor(
    private readonly redis: RedisClient,
    private readonly ttlMs = 90_000,
  ) {
    this.transients = new TransientLog(redis);
  }

  async online(organisationId: string, userId: string, connection: string): Promise<void> {
    const now = Date.now();
    const wasOnline = (await this.redis.zcount(userKey(userId), now, '+inf')) > 0;
    await this.redis.zadd(userKey(userId), now + this.ttlMs, connection);
    await this.redis.zadd(INDEX_KEY, 'GT', now + this.ttlMs, `${organisationId}:${userId}`);
    if (!wasOnline && !(await this.manualAway(userId))) await this.announce(organisationId, userId, 'active');
  }

  async refresh(entries: { organisationId: string; userId: string; connection: string }[]): Promise<void> {
    const expires = Date.now() + this.ttlMs;
    // One command per user (all their connections) and one per REFRESH_CHUNK index members, not
    // two per connection: a replica holding 20,000 bot sockets of a few users sends a few commands.
    // Single commands, not one pipeline: the keys live in different cluster slots (auto-pipelining batches them per node).
    const byUser = new Map<string, (string | number)[]>();
    const index = new Set<string>();
    for (const entry of entries) {
      const members = byUser.get(entry.userId) ?? [];
      if (members.length === 0) byUser.set(entry.userId, members);
      members.push(expires, entry.connection);
      index.add(`${entry.organisationId}:${entry.userId}`);
    }
    const indexed = [...index].flatMap((member) => [expires, member]);
    const commands: Promise<unknown>[] = [];
    for (const [userId, members] of byUser)
      for (let i = 0; i < members.length; i += REFRESH_CHUNK * 2)
        commands.push(this.redis.zadd(userKey(userId), 'XX', ...members.slice(i, i + REFRESH_CHUNK * 2)));
    for (let i = 0; i < indexed.length; i += REFRESH_CHUNK * 2)
      commands.push(this.redis.zadd(INDEX_KEY, 'GT', ...indexed.slice(i, i + REFRESH_CHUNK * 2)));
    await Promise.all(commands);
  }

  async offline(organisationId: string, userId: string, connection: string): Promise<void> {
    await this.redis.zrem(userKey(userId), connection);
    if ((await this.redis.zcount(userKey(userId), Date.now(), '+inf')) > 0) return;
    if (!(await this.manualAway(userId))) await this.announce(organisationId, userId, 'away');
  }

  /** Users whose every connection expired (their replica died): away, announced once by whichever replica removes them. */
  async sweep(): Promise<number> {
    const now = Date.now();
    const stale = await this.redis.zrangebyscore(INDEX_KEY, '-inf', now, 'LIMIT', 0, 1000);
    let announced = 0;
    for (const member of stale) {
      const [organisationId, userId] = member.split(':');
      if ((await this.redis.zcount(userKey(userId), now, '+inf')) > 0) continue;
      if ((await this.redis.zrem(INDEX_KEY, member)) !== 1) continue;
      await this.redis.zremrangebyscore(userKey(userId), '-inf', now);
      if (!(await this.manualAway(userId))) await this.announce(organisationId, userId, 'away');
      announced++;
    }
    return announced;
  }

  async status(
    userIds: string[],
  ): Promise<Map<string, { presence: Presence; online: boolean; manualAway: boolean; connections: number }>> {
    const now = Date.now();
    const counts = await Promise.all(
      userIds.map((userId) =>
        Promise.all([this.redis.zcount(userKey(userId), now, '+inf'), this.redis.exists(manualKey(userId))]),
      ),
    );
    const statuses = new Map<
      string,
      { presence: Presence; online: boolean; manualAway: boolean; connections: number }
    >();
    userIds.forEach((userId, index) => {
      const [connections, manual] = counts[index];
      const manualAway = manual === 1;
      statuses.set(userId, {
        presence: connections > 0 && !manualAway ? 'active' : 'away',
        online: connections > 0,
        manualAway,
        connections,
      });
    });
    return statuses;
  }

  /** users.setPresence: `away` forces away; `auto` returns to presence by connections. */
  async setManual(organisationId: string, userId: string, mode: 'away' | 'auto'): Promise<Presence> {
    const before = (await this.status([userId])).get(userId)!.presence;
    if (mode === 'away') await this.redis.set(manualKey(userId), '1');
    else await this.redis.del(manualKey(userId));
    const after = (await this.status([userId])).get(userId)!.presence;
    await this.publish(
      { kind: 'user', id: userId },
      { transient: 'manual_presence', organisationId, userId, presence: mode === 'away' ? 'away' : 'active' },
    );
    if (after !== before) await this.announce(organisationId, userId, after);
    return after;
  }

  private async manualAway(userId: string): Promise<boolean> {
    return (await this.redis.exists(manualKey(userId))) === 1;
  }

  /** Changes go to the user's presence channel (socket subscribers) and the transient log (event queues). */
  private announce(organisationId: string, userId: string, presence: Presence): Promise<unknown> {
    return this.transients.publish({ transient: 'presence', organisationId, userId, presence }, [
      { kind: 'presence', id: userId },
    ]);
  }

  private publish(target: { kind: 'user' | 'presence'; id: string }, event: TransientEvent): Promise<unknown> {
    return this.redis.spublish(eventChannel(target), JSON.stringify(event));
  }
}
