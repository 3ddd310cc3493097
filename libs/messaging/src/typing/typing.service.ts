import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type TypingDto, type TypingEvent, type TypingResult } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { TransientLog } from '@switchboard/platform';
import { canPost } from '../access/access-policy';
import { ChannelAccess } from '../channels/channel-access';
import { ChannelRepository } from '../channels/channel.repository';
import { PermissionService } from '../permissions/permission.service';
import { UserRepository } from '../users/user.repository';

/**
 * Typing notifications: authorised here (only someone who may post in a conversation may say they
 * are typing in it), then published as a transient event — live to sockets, and into the short
 * transient log that event queues read. Never stored with the messages, never replayed.
 */
@Injectable()
export class TypingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ChannelAccess,
    private readonly channels: ChannelRepository,
    private readonly users: UserRepository,
    private readonly permissions: PermissionService,
    private readonly transients: TransientLog,
  ) {}

  async announce(actor: UserEntity, input: TypingDto): Promise<TypingResult> {
    if ((input.channelId === undefined) === (input.memberIds === undefined))
      throw new DomainError(ErrorCode.ValidationFailed, 'Give either channelId or memberIds', [
        { field: 'channelId', message: 'exactly one of channelId and memberIds' },
      ]);
    const channelId = input.channelId ?? (await this.directConversation(actor, input.memberIds!));
    if (channelId === null) return this.announceToNewConversation(actor, input.memberIds!, input.op);
    const { channel, membership, perms } = await this.access.readable(actor, channelId);
    if (!canPost(actor, channel, membership, perms))
      throw new DomainError(
        membership ? ErrorCode.Forbidden : ErrorCode.NotAMember,
        'You may not post in this channel',
      );
    if (channel.type === 'group' && input.topic)
      throw new DomainError(ErrorCode.ValidationFailed, 'Direct conversations have no topics', [
        { field: 'topic', message: 'not allowed for direct conversations' },
      ]);
    const event: TypingEvent = {
      transient: 'typing',
      organisationId: actor.organisationId,
      channelId: channel.id,
      channelType: channel.type,
      userId: actor.id,
      op: input.op,
      topic: channel.type === 'group' ? null : (input.topic ?? ''),
    };
    const delivered = await this.transients.publish(event, [{ kind: 'conv', id: channel.id }]);
    return { announced: true, delivered };
  }

  /**
   * Typing to people one has no conversation with yet (Zulip shows it): typing creates nothing, so
   * it goes to the recipients' own channels, if the typist could start that conversation.
   */
  private async announceToNewConversation(
    actor: UserEntity,
    memberIds: string[],
    op: 'start' | 'stop',
  ): Promise<TypingResult> {
    await this.permissions.assert(actor, 'channel.group.create');
    const others = [...new Set(memberIds.filter((id) => id !== actor.id))];
    const found = await this.users.findActiveInOrganisation(actor.organisationId, others);
    if (found.length !== others.length)
      throw new DomainError(ErrorCode.UserNotFound, 'Unknown users among the recipients');
    const event: TypingEvent = {
      transient: 'typing',
      organisationId: actor.organisationId,
      channelId: null,
      channelType: 'group',
      userId: actor.id,
      op,
      topic: null,
      recipientIds: [actor.id, ...others],
    };
    const delivered = await this.transients.publish(
      event,
      others.map((id) => ({ kind: 'user' as const, id })),
    );
    return { announced: true, delivered };
  }

  private async directConversation(actor: UserEntity, memberIds: string[]): Promise<string | null> {
    const group = await this.channels.findGroupByMembers(this.db.manager, actor.organisationId, [
      actor.id,
      ...memberIds,
    ]);
    return group?.id ?? null;
  }
}
