import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ChannelView,
  type ChannelWithStateView,
  type CreateChannelDto,
  channelResource,
  DomainError,
  ErrorCode,
  type DomainEventPayloads,
  type DomainEventType,
  type EventAudience,
  type Page,
  type PageChannelsQuery,
  type UpdateChannelDto,
} from '@switchboard/contracts';
import { ChannelEntity, type ChannelMemberEntity, type UserEntity } from '@switchboard/db';
import { canManageChannel } from '../access/access-policy';
import { IdGenerator } from '../ids/id-generator';
import { ReadStateRepository } from '../read-state/read-state.repository';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { PermissionService } from '../permissions/permission.service';
import { UserRepository } from '../users/user.repository';
import { toChannelView } from '../views/view-mappers';
import { ChannelAccess } from './channel-access';
import { ChannelRepository } from './channel.repository';

/** Public channels concern the whole organisation; the others only their members. */
export function channelAudience(channel: ChannelEntity, memberIds: string[]): EventAudience {
  return channel.type === 'public'
    ? { organisation: true, conversationId: channel.id }
    : { conversationId: channel.id, userIds: memberIds };
}

/**
 * Saves a changed channel (updated `now`) and appends `type` for its audience in the caller's
 * transaction; `payload` is built with the member ids that audience names.
 */
export async function saveAndAnnounce<T extends DomainEventType>(
  em: EntityManager,
  channels: ChannelRepository,
  outbox: OutboxWriter,
  change: { channel: ChannelEntity; type: T; actorId: string; now?: Date },
  payload: (memberIds: string[]) => DomainEventPayloads[T],
): Promise<ChannelView> {
  const { channel } = change;
  channel.updatedAt = change.now ?? new Date();
  await em.save(ChannelEntity, channel);
  const memberIds = await channels.memberIds(channel.id, em);
  await outbox.append(em, channel.organisationId, [
    pendingEvent(change.type, change.actorId, channelAudience(channel, memberIds), payload(memberIds)),
  ]);
  return toChannelView(channel);
}

function withState(
  channel: ChannelEntity,
  membership: ChannelMemberEntity | null,
  unread: ChannelWithStateView['unread'],
): ChannelWithStateView {
  return { ...toChannelView(channel), membershipFlag: membership?.flag ?? null, unread };
}

@Injectable()
export class ChannelService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelRepository,
    private readonly users: UserRepository,
    private readonly access: ChannelAccess,
    private readonly ids: IdGenerator,
    private readonly outbox: OutboxWriter,
    private readonly reads: ReadStateRepository,
    private readonly permissions: PermissionService,
  ) {}

  /** The channels the caller can see (and whose `read` their role allows), each with their flag and unread counts (null where not a member). */
  async list(actor: UserEntity, query?: string): Promise<ChannelWithStateView[]> {
    const perms = await this.permissions.forActor(actor);
    const channels = (
      await this.channels.listVisible(actor.organisationId, actor.id, query?.trim() || undefined)
    ).filter((channel) => perms.can('read', channelResource(channel.id)));
    const memberships = new Map(
      (
        await this.channels.membershipsOf(
          actor.id,
          channels.map((channel) => channel.id),
        )
      ).map((member) => [member.channelId, member]),
    );
    const unread = await this.reads.channels(actor.id, [...memberships.keys()]);
    return channels.map((channel) =>
      withState(channel, memberships.get(channel.id) ?? null, unread.get(channel.id) ?? null),
    );
  }

  async page(actor: UserEntity, query: PageChannelsQuery): Promise<Page<ChannelView & { isMember: boolean }>> {
    const limit = query.limit ?? 100;
    const rows = await this.channels.page(actor.organisationId, actor.id, { ...query, limit });
    const perms = await this.permissions.forActor(actor);
    // The page is cut by id before the rules filter it, so a page may hold fewer than `limit`.
    const items = rows
      .filter(({ channel }) => perms.can('read', channelResource(channel.id)))
      .map(({ channel, isMember }) => ({ ...toChannelView(channel), isMember }));
    return { items, next: rows.length === limit ? rows[rows.length - 1].channel.id : null };
  }

  /** One channel with the caller's flag, unread counts and followed threads with their unread replies. */
  async get(actor: UserEntity, channelId: string): Promise<ChannelWithStateView> {
    const { channel, membership } = await this.access.readable(actor, channelId);
    if (!membership) return withState(channel, null, null);
    const unread = (await this.reads.channels(actor.id, [channel.id])).get(channel.id) ?? null;
    return { ...withState(channel, membership, unread), threads: await this.reads.threads(actor.id, channel.id) };
  }

  async create(actor: UserEntity, input: CreateChannelDto): Promise<ChannelView> {
    const type = input.type ?? 'public';
    const name = (input.name ?? '').trim();
    if (type !== 'group' && !name)
      throw new DomainError(ErrorCode.ValidationFailed, 'A public or private channel needs a name', [
        { field: 'name', message: 'name is required' },
      ]);
    const requested = [...new Set((input.members ?? []).filter((id) => id !== actor.id))];
    if (type === 'group' && requested.length === 0)
      throw new DomainError(ErrorCode.ValidationFailed, 'A group needs at least one other member', [
        { field: 'members', message: 'members is required for groups' },
      ]);

    await this.permissions.assert(actor, `channel.${type}.create`);
    return this.db.transaction(async (em) => {
      await this.users.requireActiveInOrganisation(actor.organisationId, requested, em);
      if (type === 'group') {
        const existing = await this.channels.findGroupByMembers(em, actor.organisationId, [actor.id, ...requested]);
        if (existing) return toChannelView(existing);
      } else if (await this.channels.nameTaken(em, actor.organisationId, name)) {
        throw new DomainError(ErrorCode.NameTaken, `A channel named "${name}" already exists`);
      }
      const channel = await em.save(
        ChannelEntity,
        em.create(ChannelEntity, {
          id: await this.ids.next(em),
          organisationId: actor.organisationId,
          name,
          topic: (input.topic ?? '').trim(),
          type,
          creatorId: actor.id,
          updatedAt: null,
          archivedAt: null,
          deletedAt: null,
        }),
      );
      await this.channels.addMembers(em, channel.id, [
        { userId: actor.id, role: 'owner' },
        ...requested.map((userId) => ({ userId, role: 'member' as const })),
      ]);
      const memberIds = [actor.id, ...requested];
      await this.outbox.append(em, actor.organisationId, [
        pendingEvent('channel.created', actor.id, channelAudience(channel, memberIds), {
          channel: toChannelView(channel),
          memberIds,
        }),
      ]);
      return toChannelView(channel);
    });
  }

  async update(actor: UserEntity, channelId: string, input: UpdateChannelDto): Promise<ChannelView> {
    return this.db.transaction(async (em) => {
      const { channel, membership, perms } = await this.access.readable(actor, channelId, em, true);
      if (!canManageChannel(actor, channel, membership, perms))
        throw new DomainError(ErrorCode.Forbidden, 'Only channel owners and organisation admins can change a channel');
      ChannelAccess.assertWritable(channel);
      if (input.organisationID !== undefined && input.organisationID !== channel.organisationId) {
        throw new DomainError(
          ErrorCode.Forbidden,
          'Moving a channel to another organisation is not permitted for this user',
        );
      }
      const previous = toChannelView(channel);
      const changed = await this.applyChanges(em, channel, input);
      if (!changed) return previous;
      return saveAndAnnounce(
        em,
        this.channels,
        this.outbox,
        { channel, type: 'channel.updated', actorId: actor.id },
        () => ({
          channel: toChannelView(channel),
          previous,
          actorId: actor.id,
        }),
      );
    });
  }

  private async applyChanges(em: EntityManager, channel: ChannelEntity, input: UpdateChannelDto): Promise<boolean> {
    let changed = false;
    if (input.type !== undefined && input.type !== channel.type) {
      if (channel.type === 'group' || input.type === 'group')
        throw new DomainError(
          ErrorCode.ValidationFailed,
          'Groups cannot change type, and channels cannot become groups',
        );
      channel.type = input.type;
      changed = true;
    }
    if (input.name !== undefined && input.name.trim() !== channel.name) {
      const name = input.name.trim();
      if (!name && channel.type !== 'group')
        throw new DomainError(ErrorCode.ValidationFailed, 'A channel name cannot be empty');
      if (channel.type !== 'group' && (await this.channels.nameTaken(em, channel.organisationId, name, channel.id)))
        throw new DomainError(ErrorCode.NameTaken, `A channel named "${name}" already exists`);
      channel.name = name;
      changed = true;
    }
    if (input.topic !== undefined && input.topic.trim() !== channel.topic) {
      channel.topic = input.topic.trim();
      changed = true;
    }
    return changed;
  }
}
