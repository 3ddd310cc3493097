import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ThreadUnreadView, UnreadView } from '@switchboard/contracts';

interface UnreadRow {
  id: string;
  lastRead: string | null;
  count: number;
  mentions: number;
}

/** Counts stop here ("1000+"): walking a huge backlog per channel on every list would cost more than it tells. */
export const UNREAD_CAP = 1000;

const toUnread = (row: UnreadRow): UnreadView => ({
  count: row.count,
  mentions: row.mentions,
  lastReadMessageId: row.lastRead,
});

/** A thread marker row `tr` with its unread replies and unread mentions in them. */
const THREAD_UNREAD_COLUMNS = `tr.thread_id::text AS id, tr.last_read_message_id::text AS "lastRead",
  (SELECT count(*) FROM (SELECT 1 FROM messages m WHERE m.reply_to = tr.thread_id AND m.deleted_at IS NULL
      AND m.id > coalesce(tr.last_read_message_id, 0) AND m.user_id <> tr.user_id LIMIT ${UNREAD_CAP}) capped)::int AS count,
  (SELECT count(*) FROM message_mentions mm JOIN messages m ON m.id = mm.message_id
    WHERE mm.user_id = tr.user_id AND mm.channel_id = tr.channel_id AND m.reply_to = tr.thread_id
      AND m.deleted_at IS NULL AND m.id > coalesce(tr.last_read_message_id, 0))::int AS mentions`;

/**
 * Read markers and unread counts. A channel's marker (channel_members.last_read_message_id) covers
 * its top-level messages, a thread's marker (thread_reads) its replies. Counts skip the user's own
 * messages; a mention is unread while it is newer than the marker that covers it. Counting walks
 * messages_history_idx / messages_thread_idx from the marker, and message_mentions_user_idx.
 */
@Injectable()
export class ReadStateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async channels(
    userId: string,
    channelIds: string[],
    em: EntityManager = this.db.manager,
  ): Promise<Map<string, UnreadView>> {
    if (channelIds.length === 0) return new Map();
    const rows = (await em.query(
      `SELECT cm.channel_id::text AS id, cm.last_read_message_id::text AS "lastRead",
              (SELECT count(*) FROM (SELECT 1 FROM messages m
                WHERE m.channel_id = cm.channel_id AND m.reply_to IS NULL AND m.deleted_at IS NULL
                  AND m.id > coalesce(cm.last_read_message_id, 0) AND m.user_id <> cm.user_id LIMIT ${UNREAD_CAP}) capped)::int AS count,
              (SELECT count(*) FROM message_mentions mm
                 JOIN messages m ON m.id = mm.message_id
                 LEFT JOIN thread_reads tr ON tr.user_id = mm.user_id AND tr.thread_id = m.reply_to
                WHERE mm.user_id = cm.user_id AND mm.channel_id = cm.channel_id AND m.deleted_at IS NULL
                  AND m.id > CASE WHEN m.reply_to IS NULL THEN coalesce(cm.last_read_message_id, 0) ELSE coalesce(tr.last_read_message_id, 0) END)::int AS mentions
         FROM channel_members cm WHERE cm.user_id = $1 AND cm.channel_id = ANY($2::bigint[])`,
      [userId, channelIds],
    )) as UnreadRow[];
    return new Map(rows.map((row) => [row.id, toUnread(row)]));
  }

  /** Threads of a channel the user follows (marked read, or wrote in), with their unread replies. */
  async threads(
    userId: string,
    channelId: string,
    threadId?: string,
    em: EntityManager = this.db.manager,
  ): Promise<ThreadUnreadView[]> {
    const rows = (await em.query(
      `SELECT ${THREAD_UNREAD_COLUMNS} FROM thread_reads tr
        WHERE tr.user_id = $1 AND tr.channel_id = $2 AND ($3::bigint IS NULL OR tr.thread_id = $3::bigint)
        ORDER BY tr.thread_id DESC LIMIT 200`,
      [userId, channelId, threadId ?? null],
    )) as UnreadRow[];
    return rows.map((row) => ({ threadId: row.id, ...toUnread(row) }));
  }

  /** The user's read state of the given threads (those they have a marker for), by thread id. */
  async threadsById(
    userId: string,
    threadIds: string[],
    em: EntityManager = this.db.manager,
  ): Promise<Map<string, ThreadUnreadView>> {
    if (threadIds.length === 0) return new Map();
    const rows = (await em.query(
      `SELECT ${THREAD_UNREAD_COLUMNS} FROM thread_reads tr WHERE tr.user_id = $1 AND tr.thread_id = ANY($2::bigint[])`,
      [userId, threadIds],
    )) as UnreadRow[];
    return new Map(rows.map((row) => [row.id, { threadId: row.id, ...toUnread(row) }]));
  }

  async markChannel(
    em: EntityManager,
    userId: string,
    channelId: string,
    lastReadMessageId: string | null,
  ): Promise<void> {
    await em.query(`UPDATE channel_members SET last_read_message_id = $3 WHERE channel_id = $1 AND user_id = $2`, [
      channelId,
      userId,
      lastReadMessageId,
    ]);
  }

  async markThread(
    em: EntityManager,
    userId: string,
    channelId: string,
    threadId: string,
    lastReadMessageId: string | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO thread_reads (user_id, thread_id, channel_id, last_read_message_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_message_id = EXCLUDED.last_read_message_id, updated_at = now()`,
      [userId, threadId, channelId, lastReadMessageId],
    );
  }

  /** The newest live top-level message of a channel, or the newest live reply of a thread. */
  async newest(em: EntityManager, channelId: string, threadId: string | null): Promise<string | null> {
    const rows = (await em.query(
      threadId
        ? `SELECT id::text AS id FROM messages WHERE reply_to = $1 AND deleted_at IS NULL ORDER BY id DESC LIMIT 1`
        : `SELECT id::text AS id FROM messages WHERE channel_id = $1 AND reply_to IS NULL AND deleted_at IS NULL ORDER BY id DESC LIMIT 1`,
      [threadId ?? channelId],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** The user's current marker of a channel or thread, locked until the transaction ends. */
  async marker(em: EntityManager, userId: string, channelId: string, threadId: string | null): Promise<string | null> {
    const rows = (await em.query(
      threadId
        ? `SELECT last_read_message_id::text AS id FROM thread_reads WHERE user_id = $1 AND thread_id = $2 FOR UPDATE`
        : `SELECT last_read_message_id::text AS id FROM channel_members WHERE user_id = $1 AND channel_id = $2 FOR UPDATE`,
      [userId, threadId ?? channelId],
    )) as { id: string | null }[];
    return rows[0]?.id ?? null;
  }

  /**
   * Compact ids of the messages (not the user's own) that moving a marker from `from` to `to`
   * flips, oldest first, at most `limit` (+1 to tell truncation).
   */
  async between(
    em: EntityManager,
    userId: string,
    channelId: string,
    threadId: string | null,
    from: string | null,
    to: string | null,
    limit: number,
  ): Promise<number[]> {
    const [low, high] = BigInt(from ?? 0) < BigInt(to ?? 0) ? [from ?? '0', to ?? '0'] : [to ?? '0', from ?? '0'];
    if (low === high) return [];
    const rows = (await em.query(
      `SELECT zulip_id::text AS id FROM messages
        WHERE ${threadId ? 'reply_to = $1' : 'channel_id = $1 AND reply_to IS NULL'}
          AND deleted_at IS NULL AND user_id <> $2 AND id > $3 AND id <= $4
        ORDER BY id LIMIT $5`,
      [threadId ?? channelId, userId, low, high, limit + 1],
    )) as { id: string }[];
    return rows.map((row) => Number(row.id));
  }
}
