import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { SlackAppEntity, SlackAppTokenEntity } from '@switchboard/db';
import { preparedRows } from '../sql/prepared-rows';

/** A live app with what the event consumer needs of its bot. */
export interface AppWithBot {
  id: string;
  organisationId: string;
  botUserId: string;
  botHandle: string;
  eventTypes: string[];
  requestUrl: string | null;
  socketMode: boolean;
}

interface AppRow {
  id: string;
  organisation_id: string;
  bot_user_id: string;
  handle: string;
  event_types: string[];
  request_url: string | null;
  socket_mode: boolean;
}

const LIVE_APPS_OF = `SELECT a.id::text, a.organisation_id::text, a.bot_user_id::text, u.handle, a.event_types, a.request_url, a.socket_mode
  FROM slack_apps a JOIN users u ON u.id = a.bot_user_id
 WHERE a.organisation_id = ANY($1::bigint[]) AND a.deleted_at IS NULL AND u.deactivated_at IS NULL`;
const BOT_MEMBERSHIPS = `SELECT channel_id::text, user_id::text FROM channel_members WHERE user_id = ANY($1::bigint[]) AND channel_id = ANY($2::bigint[])`;

@Injectable()
export class SlackAppRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(em: EntityManager, app: Omit<SlackAppEntity, 'createdAt' | 'deletedAt'>): Promise<unknown> {
    return em.insert(SlackAppEntity, app);
  }

  insertToken(em: EntityManager, token: Omit<SlackAppTokenEntity, 'createdAt' | 'revokedAt'>): Promise<unknown> {
    return em.insert(SlackAppTokenEntity, token);
  }

  findLive(id: string, em: EntityManager = this.db.manager): Promise<SlackAppEntity | null> {
    return em.findOneBy(SlackAppEntity, { id, deletedAt: IsNull() });
  }

  listLive(organisationId: string): Promise<SlackAppEntity[]> {
    return this.db.manager.find(SlackAppEntity, {
      where: { organisationId, deletedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  findToken(tokenHash: string): Promise<SlackAppTokenEntity | null> {
    return this.db.manager.findOneBy(SlackAppTokenEntity, { tokenHash, revokedAt: IsNull() });
  }

  /** One query per relay batch: the live apps of these organisations, with their bot's handle. */
  async liveAppsOf(organisationIds: string[]): Promise<AppWithBot[]> {
    if (organisationIds.length === 0) return [];
    const rows = await preparedRows<AppRow>(this.db, 'live_apps_of', LIVE_APPS_OF, [organisationIds]);
    return rows.map((row) => ({
      id: row.id,
      organisationId: row.organisation_id,
      botUserId: row.bot_user_id,
      botHandle: row.handle,
      eventTypes: row.event_types,
      requestUrl: row.request_url,
      socketMode: row.socket_mode,
    }));
  }

  /** One query per relay batch: which of these channels each bot is a member of, as `channel:user` keys. */
  async memberships(userIds: string[], channelIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0 || channelIds.length === 0) return new Set();
    const rows = await preparedRows<{ channel_id: string; user_id: string }>(
      this.db,
      'bot_memberships',
      BOT_MEMBERSHIPS,
      [userIds, channelIds],
    );
    return new Set(rows.map((row) => `${row.channel_id}:${row.user_id}`));
  }
}
