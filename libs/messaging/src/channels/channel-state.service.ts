import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type ChannelState, type ChannelView, DomainError, ErrorCode } from '@switchboard/contracts';
import { type UserEntity } from '@switchboard/db';
import { canManageChannel } from '../access/access-policy';
import { OutboxWriter } from '../outbox/outbox.writer';
import { toChannelView } from '../views/view-mappers';
import { ChannelAccess } from './channel-access';
import { ChannelRepository } from './channel.repository';
import { saveAndAnnounce } from './channel.service';

/**
 * PUT /channels/{id}/state. Archived channels stay readable but take no writes; deleted channels
 * vanish from lists and reads (404 like an unknown id) until an owner or admin undeletes them.
 * Each state is idempotent: setting the state a channel already has changes nothing and emits nothing.
 */
@Injectable()
export class ChannelStateService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelRepository,
    private readonly access: ChannelAccess,
    private readonly outbox: OutboxWriter,
  ) {}

  async setState(actor: UserEntity, channelId: string, state: ChannelState): Promise<ChannelView> {
    return this.db.transaction(async (em) =>
      state === 'undelete' ? this.undelete(em, actor, channelId) : this.change(em, actor, channelId, state),
    );
  }

  private async change(
    em: EntityManager,
    actor: UserEntity,
    channelId: string,
    state: Exclude<ChannelState, 'undelete'>,
  ): Promise<ChannelView> {
    const { channel, membership, perms } = await this.access.readable(actor, channelId, em, true);
    if (!canManageChannel(actor, channel, membership, perms))
      throw new DomainError(
        ErrorCode.Forbidden,
        'Only channel owners and organisation admins can change the state of a channel',
      );
    const now = new Date();
    if (state === 'archive' || state === 'unarchive') {
      const archive = state === 'archive';
      if (Boolean(channel.archivedAt) === archive) return toChannelView(channel);
      channel.archivedAt = archive ? now : null;
    } else {
      channel.deletedAt = now;
    }
    const type =
      state === 'archive' ? 'channel.archived' : state === 'unarchive' ? 'channel.unarchived' : 'channel.deleted';
    return saveAndAnnounce(em, this.channels, this.outbox, { channel, type, actorId: actor.id, now }, () => ({
      channel: toChannelView(channel),
      actorId: actor.id,
    }));
  }

  private async undelete(em: EntityManager, actor: UserEntity, channelId: string): Promise<ChannelView> {
    const channel = await this.channels.findById(channelId, em, true);
    if (!channel || channel.organisationId !== actor.organisationId)
      throw new DomainError(ErrorCode.ChannelNotFound, `Channel ${channelId} not found`);
    if (!channel.deletedAt) {
      const { membership, perms } = await this.access.readable(actor, channelId, em);
      if (!canManageChannel(actor, channel, membership, perms))
        throw new DomainError(
          ErrorCode.Forbidden,
          'Only channel owners and organisation admins can change the state of a channel',
        );
      return toChannelView(channel);
    }
    const membership = await this.channels.findMembership(channel.id, actor.id, em);
    // A deleted channel is visible to nobody; only those who could manage it learn that it exists.
    if (actor.role !== 'admin' && membership?.role !== 'owner')
      throw new DomainError(ErrorCode.ChannelNotFound, `Channel ${channelId} not found`);
    if (
      channel.type !== 'group' &&
      (await this.channels.nameTaken(em, channel.organisationId, channel.name, channel.id))
    ) {
      throw new DomainError(ErrorCode.NameTaken, `Another channel is now named "${channel.name}"; rename it first`);
    }
    channel.deletedAt = null;
    return saveAndAnnounce(
      em,
      this.channels,
      this.outbox,
      { channel, type: 'channel.undeleted', actorId: actor.id },
      (memberIds) => ({
        channel: toChannelView(channel),
        actorId: actor.id,
        memberIds,
      }),
    );
  }
}
