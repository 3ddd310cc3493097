import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ClientSnapshot } from '@switchboard/contracts';
import { ChannelEntity, UserEntity } from '@switchboard/db';
import { toChannelView, toUserView } from '../views/view-mappers';

/**
 * The initial state of an event-queue client. Everything, including the organisation's last event
 * id, is read in one REPEATABLE READ transaction: the state is exactly the result of events up to
 * that id (event ids follow commit order), so the queue starts there without gap or overlap.
 */
@Injectable()
export class ClientSnapshotService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  snapshot(actor: UserEntity): Promise<ClientSnapshot> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const [counter] = (await em.query(
        'SELECT last_event_id::text AS id FROM org_event_counters WHERE organisation_id = $1',
        [actor.organisationId],
      )) as { id: string }[];
      const users = await em.find(UserEntity, {
        where: { organisationId: actor.organisationId },
        order: { id: 'ASC' },
      });
      const memberRows = (await em.query(
        `SELECT m.channel_id::text AS id FROM channel_members m JOIN channels c ON c.id = m.channel_id WHERE m.user_id = $1 AND c.deleted_at IS NULL`,
        [actor.id],
      )) as { id: string }[];
      const memberOf = memberRows.map((row) => row.id);
      const channels = await em
        .createQueryBuilder(ChannelEntity, 'c')
        .where('c.organisation_id = :org', { org: actor.organisationId })
        .andWhere('c.deleted_at IS NULL')
        .andWhere("c.type <> 'group'")
        .andWhere("(c.type = 'public' OR c.id IN (:...mine))", { mine: memberOf.length ? memberOf : ['0'] })
        .orderBy('c.id', 'ASC')
        .getMany();
      const subscriberRows = (await em.query(
        `SELECT m.channel_id::text AS channel, m.user_id::text AS "user" FROM channel_members m JOIN channels c ON c.id = m.channel_id
          WHERE m.channel_id = ANY($1::bigint[]) AND c.type <> 'group' ORDER BY m.user_id`,
        [memberOf],
      )) as { channel: string; user: string }[];
      const subscribers: Record<string, string[]> = {};
      for (const row of subscriberRows) (subscribers[row.channel] ??= []).push(row.user);
      const readable = [...new Set([...memberOf, ...channels.map((channel) => channel.id)])];
      // One index probe per readable conversation (messages_channel_zulip_idx) instead of a scan.
      const [max] = (await em.query(
        `SELECT coalesce(max((SELECT max(zulip_id) FROM messages m WHERE m.channel_id = c AND m.deleted_at IS NULL)), 0)::text AS id FROM unnest($1::bigint[]) AS c`,
        [readable],
      )) as { id: string }[];
      return {
        lastEventId: counter?.id ?? '0',
        user: toUserView(actor),
        users: users.map(toUserView),
        channels: channels.map(toChannelView),
        memberOf,
        subscribers,
        maxMessageZulipId: Number(max.id),
      };
    });
  }
}
