import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageEntity } from '@switchboard/db';

export interface MessageSearch {
  organisationId: string;
  viewerId: string;
  query?: string;
  channelIds?: string[];
  threadIds?: string[];
  userIds?: string[];
  types?: string[];
  afterId?: string;
  beforeId?: string;
  fromId?: string;
  toId?: string;
  pinnedOnly?: boolean;
  bookmarkedOnly?: boolean;
  limit: number;
}

/**
 * Only channels the viewer may read: the organisation's live public channels and the live channels
 * the viewer belongs to (the same rule as access-policy canRead, expressed in SQL).
 */
const READABLE = `c.organisation_id = $1 AND c.deleted_at IS NULL
  AND (c.type = 'public' OR EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = $2))`;

const FEW_MATCHES = 2000;

/** One channel as `=`, so the planner can walk messages_channel_all_idx newest first and stop at the limit. */
function inChannels(channelIds: string[], param: (value: unknown) => string): string {
  return channelIds.length === 1
    ? `m.channel_id = ${param(channelIds[0])}::bigint`
    : `m.channel_id = ANY(${param(channelIds)}::bigint[])`;
}

/**
 * Full-text search over messages.search_vector (`simple` configuration, messages_search_idx GIN),
 * with websearch syntax ("quoted phrases", -excluded, or). Newest first.
 */
@Injectable()
export class SearchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async messages(search: MessageSearch): Promise<MessageEntity[]> {
    const params: unknown[] = [search.organisationId, search.viewerId];
    const where: string[] = ['m.deleted_at IS NULL', READABLE];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (search.query) {
      where.push(`m.search_vector @@ websearch_to_tsquery('simple', ${param(search.query)})`);
      const few = await this.fewMatches(search.organisationId, search.query, search.channelIds);
      if (few) where.push(`m.id = ANY(${param(few)}::bigint[])`);
    }
    if (search.channelIds?.length) where.push(inChannels(search.channelIds, param));
    if (search.threadIds?.length) {
      const threads = param(search.threadIds);
      where.push(`(m.reply_to = ANY(${threads}::bigint[]) OR m.id = ANY(${threads}::bigint[]))`);
    }
    if (search.userIds?.length) where.push(`m.user_id = ANY(${param(search.userIds)}::bigint[])`);
    if (search.types?.length) where.push(`m.type = ANY(${param(search.types)}::text[])`);
    if (search.afterId) where.push(`m.id > ${param(search.afterId)}::bigint`);
    if (search.beforeId) where.push(`m.id < ${param(search.beforeId)}::bigint`);
    if (search.fromId) where.push(`m.id >= ${param(search.fromId)}::bigint`);
    if (search.toId) where.push(`m.id <= ${param(search.toId)}::bigint`);
    if (search.pinnedOnly) where.push(`EXISTS (SELECT 1 FROM message_pins p WHERE p.message_id = m.id)`);
    if (search.bookmarkedOnly)
      where.push(`EXISTS (SELECT 1 FROM message_bookmarks b WHERE b.message_id = m.id AND b.user_id = $2)`);
    const rows = (await this.db.query(
      `SELECT m.id::text AS id FROM messages m JOIN channels c ON c.id = m.channel_id
        WHERE ${where.join(' AND ')} ORDER BY m.id DESC LIMIT ${param(search.limit)}`,
      params,
    )) as { id: string }[];
    return this.load(rows.map((row) => row.id));
  }

  /** Thread roots (messages with replies) whose text or any reply matches; newest activity first. */
  async threads(
    search: Pick<MessageSearch, 'organisationId' | 'viewerId' | 'query' | 'channelIds' | 'limit'>,
  ): Promise<MessageEntity[]> {
    const params: unknown[] = [search.organisationId, search.viewerId];
    const where: string[] = ['m.deleted_at IS NULL', '(m.reply_to IS NOT NULL OR m.reply_count > 0)', READABLE];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (search.query) where.push(`m.search_vector @@ websearch_to_tsquery('simple', ${param(search.query)})`);
    if (search.channelIds?.length) where.push(inChannels(search.channelIds, param));
    const rows = (await this.db.query(
      `SELECT root.id::text AS id FROM (
          SELECT coalesce(m.reply_to, m.id) AS root_id, max(m.id) AS latest
            FROM messages m JOIN channels c ON c.id = m.channel_id
           WHERE ${where.join(' AND ')}
           GROUP BY 1 ORDER BY latest DESC LIMIT ${param(search.limit)}
        ) hits JOIN messages root ON root.id = hits.root_id AND root.deleted_at IS NULL
        ORDER BY hits.latest DESC`,
      params,
    )) as { id: string }[];
    return this.load(rows.map((row) => row.id));
  }

  /**
   * PostgreSQL guesses a word's frequency from statistics; for words missing from them it guesses
   * high and walks the newest messages hoping to meet matches soon, which for a truly rare word
   * means reading most of the table. So ask the GIN index first: when a word has at most
   * FEW_MATCHES hits (in the searched channels: messages_channel_search_idx, or in the whole
   * organisation: messages_search_idx), return them and let the main query look only at those.
   */
  private async fewMatches(organisationId: string, query: string, channelIds?: string[]): Promise<string[] | null> {
    const scoped = channelIds !== undefined && channelIds.length > 0;
    const rows = (await this.db.query(
      `SELECT m.id::text AS id FROM messages m
        WHERE m.search_vector @@ websearch_to_tsquery('simple', $2) AND m.deleted_at IS NULL AND m.organisation_id = $1
          ${scoped ? 'AND m.channel_id = ANY($3::bigint[])' : ''} LIMIT ${FEW_MATCHES + 1}`,
      scoped ? [organisationId, query, channelIds] : [organisationId, query],
    )) as { id: string }[];
    return rows.length <= FEW_MATCHES ? rows.map((row) => row.id) : null;
  }

  private async load(ids: string[]): Promise<MessageEntity[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.manager
      .createQueryBuilder(MessageEntity, 'm')
      .where('m.id IN (:...ids)', { ids })
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)).filter((row): row is MessageEntity => row !== undefined);
  }
}
