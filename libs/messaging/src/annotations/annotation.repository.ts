import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReactionView } from '@switchboard/contracts';
import { changesRow, returnsRow } from '../sql/statement-results';
import type { MessageAnnotations } from '../views/view-mappers';

/** Reactions, pins and bookmarks: small tables keyed by message, read in one batch per page. */
@Injectable()
export class AnnotationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** True when the row was new (one reaction per user per name). */
  async addReaction(em: EntityManager, messageId: string, userId: string, reaction: string): Promise<boolean> {
    return returnsRow(
      em,
      `INSERT INTO message_reactions (message_id, user_id, reaction) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [messageId, userId, reaction],
    );
  }

  async removeReaction(em: EntityManager, messageId: string, userId: string, reaction: string): Promise<boolean> {
    return changesRow(em, `DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND reaction = $3`, [
      messageId,
      userId,
      reaction,
    ]);
  }

  async pin(em: EntityManager, messageId: string, channelId: string, userId: string): Promise<boolean> {
    return returnsRow(
      em,
      `INSERT INTO message_pins (message_id, channel_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [messageId, channelId, userId],
    );
  }

  async unpin(em: EntityManager, messageId: string): Promise<boolean> {
    return changesRow(em, `DELETE FROM message_pins WHERE message_id = $1`, [messageId]);
  }

  async hasPins(em: EntityManager, channelId: string): Promise<boolean> {
    return returnsRow(em, `SELECT 1 FROM message_pins WHERE channel_id = $1 LIMIT 1`, [channelId]);
  }

  async bookmark(em: EntityManager, messageId: string, channelId: string, userId: string): Promise<boolean> {
    return returnsRow(
      em,
      `INSERT INTO message_bookmarks (user_id, message_id, channel_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [userId, messageId, channelId],
    );
  }

  async unbookmark(em: EntityManager, messageId: string, userId: string): Promise<boolean> {
    return changesRow(em, `DELETE FROM message_bookmarks WHERE user_id = $1 AND message_id = $2`, [userId, messageId]);
  }

  /** Bookmarks many messages; returns the ids that were not bookmarked yet. */
  async bookmarkMany(
    em: EntityManager,
    userId: string,
    messages: { id: string; channelId: string }[],
  ): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows = (await em.query(
      `INSERT INTO message_bookmarks (user_id, message_id, channel_id) SELECT $1, v.message, v.channel FROM unnest($2::bigint[], $3::bigint[]) AS v(message, channel)
       ON CONFLICT DO NOTHING RETURNING message_id::text AS id`,
      [userId, messages.map((message) => message.id), messages.map((message) => message.channelId)],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Removes many bookmarks; returns the ids that were bookmarked. */
  async unbookmarkMany(em: EntityManager, userId: string, messageIds: string[]): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const [rows] = (await em.query(
      `DELETE FROM message_bookmarks WHERE user_id = $1 AND message_id = ANY($2::bigint[]) RETURNING message_id::text AS id`,
      [userId, messageIds],
    )) as [{ id: string }[], number];
    return rows.map((row) => row.id);
  }

  /** Whether anyone reacted to the message with this name. */
  async hasReaction(em: EntityManager, messageId: string, reaction: string): Promise<boolean> {
    return returnsRow(em, `SELECT 1 FROM message_reactions WHERE message_id = $1 AND reaction = $2 LIMIT 1`, [
      messageId,
      reaction,
    ]);
  }

  /**
   * Annotations of a page of messages. With `viewerId` the viewer's own bookmarks are included;
   * without it (events, seen by many) they are left out.
   */
  async load(
    messageIds: string[],
    viewerId: string | null,
    em: EntityManager = this.db.manager,
  ): Promise<Map<string, MessageAnnotations>> {
    const result = new Map<string, MessageAnnotations>(
      messageIds.map((id) => [id, { reactions: [], pinned: false, ...(viewerId ? { bookmarked: false } : {}) }]),
    );
    if (messageIds.length === 0) return result;
    const reactions = (await em.query(
      `SELECT message_id::text AS "messageId", reaction, array_agg(user_id::text ORDER BY created_at, user_id) AS "userIds"
         FROM message_reactions WHERE message_id = ANY($1::bigint[])
        GROUP BY message_id, reaction ORDER BY message_id, min(created_at), reaction`,
      [messageIds],
    )) as { messageId: string; reaction: string; userIds: string[] }[];
    for (const row of reactions) {
      const view: ReactionView = { reaction: row.reaction, count: row.userIds.length, userIds: row.userIds };
      result.get(row.messageId)?.reactions?.push(view);
    }
    const pins = (await em.query(
      `SELECT message_id::text AS id FROM message_pins WHERE message_id = ANY($1::bigint[])`,
      [messageIds],
    )) as { id: string }[];
    for (const { id } of pins) {
      const annotations = result.get(id);
      if (annotations) annotations.pinned = true;
    }
    if (viewerId) {
      const marks = (await em.query(
        `SELECT message_id::text AS id FROM message_bookmarks WHERE user_id = $1 AND message_id = ANY($2::bigint[])`,
        [viewerId, messageIds],
      )) as { id: string }[];
      for (const { id } of marks) {
        const annotations = result.get(id);
        if (annotations) annotations.bookmarked = true;
      }
    }
    return result;
  }
}
