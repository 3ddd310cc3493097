import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type MarkerScope, type MarkerTarget, type MovedMarker, scopeKey } from './marker-moves';

/** The messages a marker covers, for a row `v` whose `scope` is the channel or the thread id. */
const IN_SCOPE = { channel: 'm.channel_id = v.scope AND m.reply_to IS NULL', thread: 'm.reply_to = v.scope' } as const;
type ScopeKind = keyof typeof IN_SCOPE;

function byKind<T extends MarkerScope>(items: T[]): [ScopeKind, T[]][] {
  const entries: [ScopeKind, T[]][] = [
    ['channel', items.filter((item) => item.threadId === null)],
    ['thread', items.filter((item) => item.threadId !== null)],
  ];
  return entries.filter(([, list]) => list.length > 0);
}

const scopeId = (scope: MarkerScope): string => scope.threadId ?? scope.channelId;

/**
 * Read markers of many channels and threads at once (one statement per kind, never one per
 * message): locking them, moving them, and listing what a move flipped.
 */
@Injectable()
export class ReadMarkerRepository {
  /**
   * Locks the user's membership rows of `channelIds` (which serialises their read-state changes in
   * those channels, thread markers included) and returns their channel markers and their markers
   * of `threadIds`, by scope key. Channels the user is not a member of are absent.
   */
  async lock(
    em: EntityManager,
    userId: string,
    channelIds: string[],
    threadIds: string[],
  ): Promise<{ members: Set<string>; markers: Map<string, string | null> }> {
    const channels = (await em.query(
      `SELECT channel_id::text AS id, last_read_message_id::text AS marker FROM channel_members WHERE user_id = $1 AND channel_id = ANY($2::bigint[]) ORDER BY channel_id FOR UPDATE`,
      [userId, channelIds],
    )) as { id: string; marker: string | null }[];
    const threads = threadIds.length
      ? ((await em.query(
          `SELECT thread_id::text AS id, last_read_message_id::text AS marker FROM thread_reads WHERE user_id = $1 AND thread_id = ANY($2::bigint[])`,
          [userId, threadIds],
        )) as { id: string; marker: string | null }[])
      : [];
    const markers = new Map<string, string | null>();
    for (const row of channels) markers.set(scopeKey({ channelId: row.id, threadId: null }), row.marker);
    for (const row of threads) markers.set(scopeKey({ channelId: '', threadId: row.id }), row.marker);
    return { members: new Set(channels.map((row) => row.id)), markers };
  }

  async set(em: EntityManager, userId: string, moves: MovedMarker[]): Promise<void> {
    for (const [kind, list] of byKind(moves)) {
      if (kind === 'channel') {
        await em.query(
          `UPDATE channel_members cm SET last_read_message_id = v.marker FROM unnest($2::bigint[], $3::bigint[]) AS v(channel, marker) WHERE cm.user_id = $1 AND cm.channel_id = v.channel`,
          [userId, list.map((move) => move.channelId), list.map((move) => move.to)],
        );
      } else {
        await em.query(
          `INSERT INTO thread_reads (user_id, thread_id, channel_id, last_read_message_id)
           SELECT $1, v.thread, v.channel, v.marker FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) AS v(thread, channel, marker)
           ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_message_id = EXCLUDED.last_read_message_id, updated_at = now()`,
          [userId, list.map((move) => move.threadId), list.map((move) => move.channelId), list.map((move) => move.to)],
        );
      }
    }
  }

  /**
   * Per moved marker (by scope key), the compact ids of the messages (not the user's own) between
   * its old and new place, oldest first, at most `limit` + 1 (to tell truncation). As
   * ReadStateRepository.between, for many markers in one statement per kind.
   */
  async flipped(
    em: EntityManager,
    userId: string,
    moves: MovedMarker[],
    limit: number,
  ): Promise<Map<string, number[]>> {
    const result = new Map<string, number[]>(moves.map((move) => [scopeKey(move), []]));
    for (const [kind, list] of byKind(moves)) {
      const bounds = list.map((move) =>
        BigInt(move.from ?? 0) < BigInt(move.to ?? 0)
          ? [move.from ?? '0', move.to ?? '0']
          : [move.to ?? '0', move.from ?? '0'],
      );
      const rows = (await em.query(
        `SELECT v.scope::text AS scope, f.zid::text AS id
           FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) AS v(scope, low, high)
          CROSS JOIN LATERAL (
            SELECT m.id, m.zulip_id AS zid FROM messages m
             WHERE ${IN_SCOPE[kind]} AND m.deleted_at IS NULL AND m.user_id <> $1 AND m.id > v.low AND m.id <= v.high
             ORDER BY m.id LIMIT $5) f
          ORDER BY v.scope, f.id`,
        [userId, list.map(scopeId), bounds.map(([low]) => low), bounds.map(([, high]) => high), limit + 1],
      )) as { scope: string; id: string }[];
      for (const row of rows)
        result
          .get(
            scopeKey(
              kind === 'channel' ? { channelId: row.scope, threadId: null } : { channelId: '', threadId: row.scope },
            ),
          )
          ?.push(Number(row.id));
    }
    return result;
  }

  /** Per target (by scope key), the newest live message under its marker older than the target message, or null. */
  async before(em: EntityManager, targets: MarkerTarget[]): Promise<Map<string, string | null>> {
    const result = new Map<string, string | null>(targets.map((target) => [scopeKey(target), null]));
    for (const [kind, list] of byKind(targets)) {
      const rows = (await em.query(
        `SELECT v.scope::text AS scope, p.id::text AS id
           FROM unnest($1::bigint[], $2::bigint[]) AS v(scope, target)
          CROSS JOIN LATERAL (SELECT m.id FROM messages m WHERE ${IN_SCOPE[kind]} AND m.deleted_at IS NULL AND m.id < v.target ORDER BY m.id DESC LIMIT 1) p`,
        [list.map(scopeId), list.map((target) => target.messageId)],
      )) as { scope: string; id: string }[];
      for (const row of rows)
        result.set(
          scopeKey(
            kind === 'channel' ? { channelId: row.scope, threadId: null } : { channelId: '', threadId: row.scope },
          ),
          row.id,
        );
    }
    return result;
  }

  /**
   * Where "mark all as read" puts the user's markers in the conversations they belong to (or in
   * one): each channel marker at its newest top-level message, each thread's at its newest reply,
   * for the markers that are behind (a thread without a marker is behind when it has replies).
   */
  async newestTargets(em: EntityManager, userId: string, channelId: string | null): Promise<MarkerTarget[]> {
    const channels = (await em.query(
      `SELECT cm.channel_id::text AS "channelId", n.id::text AS "messageId" FROM channel_members cm
        CROSS JOIN LATERAL (SELECT m.id FROM messages m WHERE m.channel_id = cm.channel_id AND m.reply_to IS NULL AND m.deleted_at IS NULL ORDER BY m.id DESC LIMIT 1) n
        WHERE cm.user_id = $1 AND ($2::bigint IS NULL OR cm.channel_id = $2::bigint) AND n.id > coalesce(cm.last_read_message_id, 0)`,
      [userId, channelId],
    )) as { channelId: string; messageId: string }[];
    const threads = (await em.query(
      `SELECT m.channel_id::text AS "channelId", m.reply_to::text AS "threadId", max(m.id)::text AS "messageId"
         FROM channel_members cm
         JOIN messages m ON m.channel_id = cm.channel_id AND m.reply_to IS NOT NULL AND m.deleted_at IS NULL
         LEFT JOIN thread_reads tr ON tr.user_id = cm.user_id AND tr.thread_id = m.reply_to
        WHERE cm.user_id = $1 AND ($2::bigint IS NULL OR cm.channel_id = $2::bigint)
        GROUP BY m.channel_id, m.reply_to
       HAVING max(m.id) > coalesce(max(tr.last_read_message_id), 0)`,
      [userId, channelId],
    )) as { channelId: string; threadId: string; messageId: string }[];
    return [...channels.map((row) => ({ ...row, threadId: null })), ...threads];
  }
}
