import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { ConversationRef, PageChannelsQuery } from '@switchboard/contracts';
import { ChannelEntity, ChannelMemberEntity } from '@switchboard/db';

@Injectable()
export class ChannelRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** `lock` takes a row lock so concurrent changes to one channel apply one after another. */
  findById(id: string, em: EntityManager = this.db.manager, lock = false): Promise<ChannelEntity | null> {
    return lock
      ? em.createQueryBuilder(ChannelEntity, 'c').where('c.id = :id', { id }).setLock('pessimistic_write').getOne()
      : em.findOneBy(ChannelEntity, { id });
  }

  findMembership(
    channelId: string,
    userId: string,
    em: EntityManager = this.db.manager,
  ): Promise<ChannelMemberEntity | null> {
    return em.findOneBy(ChannelMemberEntity, { channelId, userId });
  }

  findByIds(ids: string[], em: EntityManager = this.db.manager): Promise<ChannelEntity[]> {
    return ids.length ? em.findBy(ChannelEntity, { id: In(ids) }) : Promise.resolve([]);
  }

  findMemberships(
    userId: string,
    channelIds: string[],
    em: EntityManager = this.db.manager,
  ): Promise<ChannelMemberEntity[]> {
    return channelIds.length
      ? em.findBy(ChannelMemberEntity, { userId, channelId: In(channelIds) })
      : Promise.resolve([]);
  }

  /** Channels a user can see: public ones of the organisation and those they belong to. */
  listVisible(organisationId: string, userId: string, query?: string): Promise<ChannelEntity[]> {
    const builder = this.db.manager
      .createQueryBuilder(ChannelEntity, 'c')
      .leftJoin(ChannelMemberEntity, 'm', 'm.channel_id = c.id AND m.user_id = :userId', { userId })
      .where('c.organisation_id = :organisationId', { organisationId })
      .andWhere('c.deleted_at IS NULL')
      .andWhere("(c.type = 'public' OR m.user_id IS NOT NULL)")
      .orderBy('c.id', 'ASC')
      .limit(1000);
    if (query)
      builder.andWhere('(c.name ILIKE :q OR c.topic ILIKE :q)', {
        q: `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
      });
    return builder.getMany();
  }

  /** One page of the channels a user can see, by id, with whether they are a member. */
  async page(
    organisationId: string,
    userId: string,
    query: PageChannelsQuery,
  ): Promise<{ channel: ChannelEntity; isMember: boolean }[]> {
    const builder = this.db.manager
      .createQueryBuilder(ChannelEntity, 'c')
      .leftJoin(ChannelMemberEntity, 'm', 'm.channel_id = c.id AND m.user_id = :userId', { userId })
      .addSelect('m.user_id IS NOT NULL', 'is_member')
      .where('c.organisation_id = :organisationId', { organisationId })
      .andWhere('c.deleted_at IS NULL')
      .andWhere(query.memberOnly ? 'm.user_id IS NOT NULL' : "(c.type = 'public' OR m.user_id IS NOT NULL)")
      .orderBy('c.id', 'ASC')
      .limit(query.limit ?? 100);
    if (query.afterChannelId) builder.andWhere('c.id > :after', { after: query.afterChannelId });
    if (query.types?.length) builder.andWhere('c.type IN (:...types)', { types: query.types });
    if (query.excludeArchived) builder.andWhere('c.archived_at IS NULL');
    const { entities, raw } = await builder.getRawAndEntities<{ is_member: boolean }>();
    return entities.map((channel, index) => ({ channel, isMember: raw[index].is_member }));
  }

  async nameTaken(em: EntityManager, organisationId: string, name: string, exceptId?: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM channels WHERE organisation_id = $1 AND lower(name) = lower($2) AND type <> 'group' AND deleted_at IS NULL AND id <> $3`,
      [organisationId, name, exceptId ?? '0'],
    );
    return rows.length > 0;
  }

  /** The group conversation between exactly these users, if it exists (direct messages are reused). */
  async findGroupByMembers(
    em: EntityManager,
    organisationId: string,
    userIds: string[],
  ): Promise<ChannelEntity | null> {
    const sorted = [...new Set(userIds)].sort();
    const rows = (await em.query(
      `SELECT c.id::text AS id FROM channels c JOIN channel_members m ON m.channel_id = c.id
        WHERE c.organisation_id = $1 AND c.type = 'group' AND c.deleted_at IS NULL
        GROUP BY c.id HAVING array_agg(m.user_id::text ORDER BY m.user_id::text) = $2::text[] LIMIT 1`,
      [organisationId, sorted],
    )) as { id: string }[];
    return rows.length ? this.findById(rows[0].id, em) : null;
  }

  membershipsOf(userId: string, channelIds: string[]): Promise<ChannelMemberEntity[]> {
    if (channelIds.length === 0) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(ChannelMemberEntity, 'm')
      .where('m.user_id = :userId', { userId })
      .andWhere('m.channel_id IN (:...channelIds)', { channelIds })
      .getMany();
  }

  listMembers(channelId: string, em: EntityManager = this.db.manager): Promise<ChannelMemberEntity[]> {
    return em.find(ChannelMemberEntity, { where: { channelId }, order: { createdAt: 'ASC', userId: 'ASC' } });
  }

  async memberIds(channelId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows = (await em.query('SELECT user_id::text AS id FROM channel_members WHERE channel_id = $1', [
      channelId,
    ])) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Member ids of several channels at once, oldest membership first. */
  async memberIdsOf(channelIds: string[], em: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const byChannel = new Map<string, string[]>(channelIds.map((id) => [id, []]));
    if (channelIds.length === 0) return byChannel;
    const rows = (await em.query(
      'SELECT channel_id::text AS channel, user_id::text AS id FROM channel_members WHERE channel_id = ANY($1::bigint[]) ORDER BY created_at, user_id',
      [channelIds],
    )) as { channel: string; id: string }[];
    for (const row of rows) byChannel.get(row.channel)?.push(row.id);
    return byChannel;
  }

  async addMembers(
    em: EntityManager,
    channelId: string,
    members: { userId: string; role: 'owner' | 'member' }[],
  ): Promise<void> {
    if (members.length === 0) return;
    // Joining does not make a channel's history unread: the marker starts at its newest message.
    const [newest] = (await em.query(
      `SELECT id::text AS id FROM messages WHERE channel_id = $1 AND reply_to IS NULL AND deleted_at IS NULL ORDER BY id DESC LIMIT 1`,
      [channelId],
    )) as { id: string }[];
    await em.insert(
      ChannelMemberEntity,
      members.map((member) => ({
        channelId,
        userId: member.userId,
        role: member.role,
        flag: null,
        lastReadMessageId: newest?.id ?? null,
      })),
    );
  }

  async removeMember(em: EntityManager, channelId: string, userId: string): Promise<boolean> {
    const result = await em.delete(ChannelMemberEntity, { channelId, userId });
    return (result.affected ?? 0) > 0;
  }

  async conversationsOf(userId: string): Promise<ConversationRef[]> {
    const rows = (await this.db.query(
      `SELECT c.id::text AS "channelId", c.type FROM channel_members m JOIN channels c ON c.id = m.channel_id
        WHERE m.user_id = $1 AND c.deleted_at IS NULL ORDER BY c.id`,
      [userId],
    )) as ConversationRef[];
    return rows;
  }
}
