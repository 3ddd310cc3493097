import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserEntity } from '@switchboard/db';
import { MessagingConfig } from '../messaging.config';
import { preparedRows } from '../sql/prepared-rows';
import { ROW_VERSION } from '../views/row-version';
import { USER_COLUMNS, type UserRow, toUserEntity } from './user-row';

export interface CachedActor {
  user: UserEntity;
  /** The row's version (see ROW_VERSION): statements that trust the cached row check it. */
  version: string;
  /** When the user's `when-active` status was set, if they have one. */
  whenActiveSetAt: Date | null;
}

/**
 * The internal API's actors, remembered per process for a few seconds: every call used to load the
 * user and look for a `when-active` status, two round trips before any work. Each request gets its
 * own copy of the entity, so per-request caches keyed by the actor object stay per request.
 */
const ACTOR_BY_ID = `SELECT ${USER_COLUMNS('u')}, ${ROW_VERSION('u')} AS row_version,
       (SELECT s.set_at FROM user_statuses s WHERE s.user_id = u.id AND s.clear_when_active) AS when_active_set_at
  FROM users u WHERE u.id = $1`;

@Injectable()
export class ActorCache {
  private readonly entries = new Map<string, { actor: CachedActor; expires: number }>();
  private readonly ttlMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: MessagingConfig,
  ) {
    this.ttlMs = Math.min(config.ACTOR_CACHE_SECONDS * 1000, (config.STATUS_WHEN_ACTIVE_GRACE_SECONDS * 1000) / 2);
  }

  async get(userId: string): Promise<CachedActor | null> {
    const now = Date.now();
    const hit = this.entries.get(userId);
    if (hit && hit.expires > now) return copy(hit.actor);
    return this.load(userId, now);
  }

  /** Reads the row again (after a failed version check, or a change made here). */
  async refresh(userId: string): Promise<CachedActor | null> {
    return this.load(userId, Date.now());
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }

  private async load(userId: string, now: number): Promise<CachedActor | null> {
    // Hand-written: TypeORM's query builder cost more CPU than the query (this runs every few seconds per active user).
    const rows = await preparedRows<UserRow & { row_version: string; when_active_set_at: Date | null }>(
      this.db,
      'actor_by_id',
      ACTOR_BY_ID,
      [userId],
    );
    if (rows.length === 0) {
      this.entries.delete(userId);
      return null;
    }
    const actor: CachedActor = {
      user: toUserEntity(rows[0]),
      version: rows[0].row_version,
      whenActiveSetAt: rows[0].when_active_set_at,
    };
    if (this.ttlMs > 0) {
      if (this.entries.size > 100_000) this.entries.clear();
      // Spread over 80–100 % of the TTL, so users first seen together are not all read again together.
      this.entries.set(userId, { actor, expires: now + this.ttlMs * (0.8 + 0.2 * Math.random()) });
    }
    return copy(actor);
  }
}

function copy(actor: CachedActor): CachedActor {
  return { ...actor, user: Object.assign(new UserEntity(), actor.user) };
}
