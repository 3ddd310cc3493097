import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NarrowTerm } from '@switchboard/narrow';

/** What a viewer's narrow terms and Zulip flags need to know about one message. */
export interface ViewerState {
  read: boolean;
  historical: boolean;
  starred: boolean;
  /** A row in message_mentions (`@handle`, `<@id>`); Zulip-style `@**Name**` is matched on the text. */
  mentioned: boolean;
  hasReaction: boolean;
  hasAttachment: boolean;
  hasImage: boolean;
}

/**
 * The marker covering message `m` for member row `cm`: the channel's for top-level messages, the
 * thread's (`tr`, absent until the viewer reads or writes in it) for replies. No marker reads as 0.
 */
const COVERING_MARKER = `coalesce(CASE WHEN m.reply_to IS NULL THEN cm.last_read_message_id ELSE tr.last_read_message_id END, 0)`;

/** `m` is unread for `viewer` (a bound parameter): not theirs, in a conversation they belong to, past its marker. */
export function unreadSql(viewer: string): string {
  return `(m.user_id <> ${viewer} AND EXISTS (SELECT 1 FROM channel_members cm LEFT JOIN thread_reads tr ON tr.user_id = cm.user_id AND tr.thread_id = m.reply_to
            WHERE cm.channel_id = m.channel_id AND cm.user_id = ${viewer} AND m.id > ${COVERING_MARKER}))`;
}

const STARRED = (viewer: string) =>
  `EXISTS (SELECT 1 FROM message_bookmarks b WHERE b.message_id = m.id AND b.user_id = ${viewer})`;
const HAS_REACTION = `EXISTS (SELECT 1 FROM message_reactions r WHERE r.message_id = m.id)`;
const HAS_ATTACHMENT = `EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id)`;
const HAS_IMAGE = `EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id AND a.content_type LIKE 'image/%')`;

/**
 * SQL conditions (on alias `m`) for the positive flag terms of a narrow, so a scan reads only
 * candidates. The narrow matcher still decides; these only keep rare flags from exhausting the scan.
 */
export function flagTermsSql(terms: NarrowTerm[], viewer: string): string[] {
  const conditions: string[] = [];
  for (const term of terms) {
    if (term.negated) continue;
    if (term.operator === 'is' && term.operand === 'unread') conditions.push(unreadSql(viewer));
    if (term.operator === 'is' && term.operand === 'starred') conditions.push(STARRED(viewer));
    if (term.operator === 'has' && term.operand === 'reaction') conditions.push(HAS_REACTION);
    if (term.operator === 'has' && term.operand === 'attachment') conditions.push(HAS_ATTACHMENT);
    if (term.operator === 'has' && term.operand === 'image') conditions.push(HAS_IMAGE);
  }
  return conditions;
}

/** Per-viewer message state for a page or scan batch: one query per batch, never one per message. */
@Injectable()
export class ViewerStateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(viewerId: string, messageIds: string[]): Promise<Map<string, ViewerState>> {
    if (messageIds.length === 0) return new Map();
    const rows = (await this.db.query(
      `SELECT m.id::text AS id, cm.user_id IS NULL AS historical,
              (m.user_id = $1 OR cm.user_id IS NULL OR m.id <= ${COVERING_MARKER}) AS read,
              ${STARRED('$1')} AS starred,
              EXISTS (SELECT 1 FROM message_mentions mm WHERE mm.message_id = m.id AND mm.user_id = $1) AS mentioned,
              ${HAS_REACTION} AS "hasReaction", ${HAS_ATTACHMENT} AS "hasAttachment", ${HAS_IMAGE} AS "hasImage"
         FROM messages m
         LEFT JOIN channel_members cm ON cm.channel_id = m.channel_id AND cm.user_id = $1
         LEFT JOIN thread_reads tr ON tr.user_id = $1 AND tr.thread_id = m.reply_to
        WHERE m.id = ANY($2::bigint[])`,
      [viewerId, messageIds],
    )) as (ViewerState & { id: string })[];
    return new Map(rows.map(({ id, ...state }) => [id, state]));
  }

  /**
   * The compact id of the oldest unread message in the given conversations (of a topic, when
   * given), or null. One index walk per conversation the viewer belongs to (messages_channel_zulip_idx,
   * or messages_channel_topic_idx with a topic), stopping at its first unread message.
   */
  async firstUnread(viewerId: string, channelIds: string[], topic: string | undefined): Promise<number | null> {
    if (channelIds.length === 0) return null;
    const [row] = (await this.db.query(
      `SELECT min(f.zid)::text AS id FROM channel_members cm
        CROSS JOIN LATERAL (
          SELECT m.zulip_id AS zid FROM messages m
            LEFT JOIN thread_reads tr ON tr.user_id = cm.user_id AND tr.thread_id = m.reply_to
           WHERE m.channel_id = cm.channel_id AND m.deleted_at IS NULL AND m.user_id <> cm.user_id
             ${topic === undefined ? '' : 'AND lower(m.topic) = lower($3)'}
             AND m.id > ${COVERING_MARKER}
           ORDER BY m.zulip_id LIMIT 1) f
        WHERE cm.user_id = $1 AND cm.channel_id = ANY($2::bigint[])`,
      topic === undefined ? [viewerId, channelIds] : [viewerId, channelIds, topic],
    )) as { id: string | null }[];
    return row?.id ? Number(row.id) : null;
  }
}
