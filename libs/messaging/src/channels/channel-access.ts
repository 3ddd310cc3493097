import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { ChannelEntity, UserEntity } from '@switchboard/db';
import { type Membership, canRead } from '../access/access-policy';
import { ChannelRepository } from './channel.repository';

export interface ChannelContext {
  channel: ChannelEntity;
  membership: Membership;
}

/**
 * Loads a channel with the actor's membership and refuses channels the actor may not read with the
 * same 404 an unknown id gets, so private channels do not reveal that they exist.
 */
@Injectable()
export class ChannelAccess {
  constructor(private readonly channels: ChannelRepository) {}

  async readable(actor: UserEntity, channelId: string, em?: EntityManager, lock = false): Promise<ChannelContext> {
    const channel = await this.channels.findById(channelId, em, lock);
    const membership = channel ? await this.channels.findMembership(channel.id, actor.id, em) : null;
    if (!channel || !canRead(actor, channel, membership)) throw new DomainError(ErrorCode.ChannelNotFound, `Channel ${channelId} not found`);
    return { channel, membership };
  }

  static assertWritable(channel: ChannelEntity): void {
    if (channel.archivedAt) throw new DomainError(ErrorCode.ChannelArchived, 'The channel is archived and read-only');
  }
}
