import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ChannelOperation,
  DomainError,
  ErrorCode,
  type PermissionSet,
  channelResource,
} from '@switchboard/contracts';
import type { ChannelEntity, UserEntity } from '@switchboard/db';
import { type Membership, canRead } from '../access/access-policy';
import { PermissionService } from '../permissions/permission.service';
import { ChannelRepository } from './channel.repository';

export interface ChannelContext {
  channel: ChannelEntity;
  membership: Membership;
  /** The actor's evaluated permission rules; pass them to the access-policy functions. */
  perms: PermissionSet;
}

/**
 * Loads a channel with the actor's membership and permission rules, and refuses channels the actor
 * may not read with the same 404 an unknown id gets, so private channels do not reveal that they
 * exist. `authorize` is the one call for "may this actor do <operation> in this channel".
 */
@Injectable()
export class ChannelAccess {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly permissions: PermissionService,
  ) {}

  async readable(actor: UserEntity, channelId: string, em?: EntityManager, lock = false): Promise<ChannelContext> {
    const channel = await this.channels.findById(channelId, em, lock);
    const membership = channel ? await this.channels.findMembership(channel.id, actor.id, em) : null;
    const perms = await this.permissions.forActor(actor, em);
    if (!channel || !canRead(actor, channel, membership, perms))
      throw new DomainError(ErrorCode.ChannelNotFound, `Channel ${channelId} not found`);
    return { channel, membership, perms };
  }

  /** Of many channels, those the actor may read, by id (unreadable and unknown ones are left out, never an error). */
  async readableMany(
    actor: UserEntity,
    channelIds: string[],
    em?: EntityManager,
  ): Promise<Map<string, Omit<ChannelContext, 'perms'>>> {
    const ids = [...new Set(channelIds)];
    const channels = await this.channels.findByIds(ids, em);
    const memberships = new Map(
      (await this.channels.findMemberships(actor.id, ids, em)).map((membership) => [membership.channelId, membership]),
    );
    const perms = await this.permissions.forActor(actor, em);
    const readable = new Map<string, Omit<ChannelContext, 'perms'>>();
    for (const channel of channels) {
      const membership = memberships.get(channel.id) ?? null;
      if (canRead(actor, channel, membership, perms)) readable.set(channel.id, { channel, membership });
    }
    return readable;
  }

  /**
   * The channel, readable, and the actor's role allowed `operation` on it (403 `forbidden`
   * otherwise). Structural conditions (membership to post, ownership) stay with the caller or the
   * access-policy functions.
   */
  async authorize(
    actor: UserEntity,
    channelId: string,
    operation: ChannelOperation,
    em?: EntityManager,
    lock = false,
  ): Promise<ChannelContext> {
    const context = await this.readable(actor, channelId, em, lock);
    if (!context.perms.can(operation, channelResource(context.channel.id)))
      throw new DomainError(ErrorCode.Forbidden, `Your role may not ${operation} in this channel`);
    return context;
  }

  static assertWritable(channel: ChannelEntity): void {
    if (channel.archivedAt) throw new DomainError(ErrorCode.ChannelArchived, 'The channel is archived and read-only');
  }
}
