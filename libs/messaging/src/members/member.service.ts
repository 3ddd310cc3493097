import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode, type MemberView } from '@switchboard/contracts';
import type { ChannelEntity, UserEntity } from '@switchboard/db';
import { canInvite, canJoin, canManageChannel } from '../access/access-policy';
import { ChannelAccess } from '../channels/channel-access';
import { ChannelRepository } from '../channels/channel.repository';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { UserRepository } from '../users/user.repository';
import { toChannelView, toMemberView } from '../views/view-mappers';

@Injectable()
export class MemberService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelRepository,
    private readonly users: UserRepository,
    private readonly access: ChannelAccess,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(actor: UserEntity, channelId: string): Promise<MemberView[]> {
    const { channel } = await this.access.readable(actor, channelId);
    return (await this.channels.listMembers(channel.id)).map(toMemberView);
  }

  /** PUT /channels/{id}/members/{userID}: join oneself, or add someone else. Idempotent. */
  async add(actor: UserEntity, channelId: string, userId: string): Promise<MemberView> {
    return this.db.transaction(async (em) => {
      const { channel, membership, perms } = await this.access.readable(actor, channelId, em, true);
      const allowed =
        userId === actor.id
          ? membership !== null || canJoin(actor, channel, perms)
          : canInvite(actor, channel, membership, perms);
      if (!allowed)
        throw new DomainError(
          ErrorCode.Forbidden,
          channel.type === 'group' ? 'Group members are fixed' : 'You cannot add members to this channel',
        );
      ChannelAccess.assertWritable(channel);
      const [added] = await this.addUsers(em, actor, channel, [userId]);
      return added;
    });
  }

  /** POST /channels/{id}/invite: adds several users at once, all or none. */
  async invite(actor: UserEntity, channelId: string, userIds: string[]): Promise<MemberView[]> {
    return this.db.transaction(async (em) => {
      const { channel, membership, perms } = await this.access.readable(actor, channelId, em, true);
      if (!canInvite(actor, channel, membership, perms))
        throw new DomainError(
          ErrorCode.Forbidden,
          channel.type === 'group' ? 'Group members are fixed' : 'You cannot invite to this channel',
        );
      ChannelAccess.assertWritable(channel);
      return this.addUsers(em, actor, channel, userIds);
    });
  }

  /** DELETE /channels/{id}/members/{userID}: leave, or remove someone (owners and admins). */
  async remove(actor: UserEntity, channelId: string, userId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const { channel, membership, perms } = await this.access.readable(actor, channelId, em, true);
      if (channel.type === 'group') throw new DomainError(ErrorCode.Forbidden, 'Group members are fixed');
      if (userId !== actor.id && !canManageChannel(actor, channel, membership, perms))
        throw new DomainError(ErrorCode.Forbidden, 'Only channel owners and organisation admins can remove members');
      if (!(await this.channels.removeMember(em, channel.id, userId)))
        throw new DomainError(ErrorCode.NotFound, `User ${userId} is not a member of this channel`);
      const removedById = userId === actor.id ? null : actor.id;
      await this.outbox.append(em, channel.organisationId, [
        pendingEvent(
          'channel.member_left',
          actor.id,
          { conversationId: channel.id, userIds: [userId] },
          { channel: toChannelView(channel), userId, removedById },
        ),
      ]);
    });
  }

  private async addUsers(
    em: EntityManager,
    actor: UserEntity,
    channel: ChannelEntity,
    userIds: string[],
  ): Promise<MemberView[]> {
    const wanted = [...new Set(userIds)];
    await this.users.requireActiveInOrganisation(channel.organisationId, wanted, em);
    const existing = new Set(await this.channels.memberIds(channel.id, em));
    const fresh = wanted.filter((id) => !existing.has(id));
    await this.channels.addMembers(
      em,
      channel.id,
      fresh.map((id) => ({ userId: id, role: 'member' as const })),
    );
    const view = toChannelView(channel);
    await this.outbox.append(
      em,
      channel.organisationId,
      fresh.map((userId) =>
        pendingEvent(
          'channel.member_joined',
          actor.id,
          { conversationId: channel.id, userIds: [userId] },
          { channel: view, userId, inviterId: userId === actor.id ? null : actor.id },
        ),
      ),
    );
    const members = await this.channels.listMembers(channel.id, em);
    return members.filter((member) => wanted.includes(member.userId)).map(toMemberView);
  }
}
