import { Param, Query } from '@nestjs/common';
import { InternalRoute } from '../internal/internal-route.decorator';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
import {
  type ClientSnapshot,
  type MessageContext,
  type MessageSearchResult,
  type UserView,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { ChannelRepository } from '../channels/channel.repository';
import { Actor } from '../internal/internal-auth.guard';
import { InternalController } from '../internal/internal-controller.decorator';
import { UserRepository } from '../users/user.repository';
import { toUserView } from '../views/view-mappers';
import { ClientSnapshotService } from './client-snapshot.service';
import { MessageSearchService } from './message-search.service';
import { OptionalFlagField, OptionalIntegerField, OptionalTextField } from '@switchboard/contracts';

class MessageSearchParams {
  @OptionalTextField(20000)
  narrow?: string;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @Matches(/^([0-9]{1,15}|newest|oldest|first_unread)$/, {
    message: 'anchor must be a message id, newest, oldest or first_unread',
  })
  anchor?: string;

  @OptionalIntegerField(0, 5000)
  numBefore?: number;

  @OptionalIntegerField(0, 5000)
  numAfter?: number;

  @OptionalFlagField()
  includeAnchor?: boolean;
}

/**
 * What the Zulip surfaces (event queues and message lists) read to sync state: a consistent initial
 * snapshot, the organisation's users, conversation participants and messages by compact id.
 */
@InternalController()
export class InternalZulipSyncController {
  constructor(
    private readonly snapshots: ClientSnapshotService,
    private readonly search: MessageSearchService,
    private readonly users: UserRepository,
    private readonly channels: ChannelRepository,
    private readonly access: ChannelAccess,
  ) {}

  @InternalRoute(InternalRoutes.clientSnapshot)
  snapshot(@Actor() actor: UserEntity): Promise<ClientSnapshot> {
    return this.snapshots.snapshot(actor);
  }

  @InternalRoute(InternalRoutes.directoryUsers)
  async listUsers(@Actor() actor: UserEntity): Promise<UserView[]> {
    return (await this.users.listByOrganisation(actor.organisationId)).map(toUserView);
  }

  /** Members of a conversation the actor may read, as users (Zulip shows direct-message participants). */
  @InternalRoute(InternalRoutes.conversationParticipants)
  async participants(@Actor() actor: UserEntity, @Param('channelId') channelId: string): Promise<UserView[]> {
    const { channel } = await this.access.readable(actor, /^[0-9]{1,20}$/.test(channelId) ? channelId : '0');
    const ids = await this.channels.memberIds(channel.id);
    return (await this.users.findActiveInOrganisation(actor.organisationId, ids)).map(toUserView);
  }

  /** Topics of a channel, newest activity first (Zulip `GET /users/me/{stream_id}/topics`). */
  @InternalRoute(InternalRoutes.channelTopics)
  async topics(
    @Actor() actor: UserEntity,
    @Param('channelId') channelId: string,
  ): Promise<{ name: string; maxZulipId: number }[]> {
    const { channel } = await this.access.readable(actor, /^[0-9]{1,20}$/.test(channelId) ? channelId : '0');
    return this.search.topics(channel.id);
  }

  @InternalRoute(InternalRoutes.searchMessagesByNarrow)
  messages(@Actor() actor: UserEntity, @Query() query: MessageSearchParams): Promise<MessageSearchResult> {
    return this.search.search(actor, query);
  }

  @InternalRoute(InternalRoutes.messageByZulipId)
  byZulipId(@Actor() actor: UserEntity, @Param('zulipId') zulipId: string): Promise<MessageContext> {
    return this.search.byZulipId(actor, /^[0-9]{1,15}$/.test(zulipId) ? zulipId : '0');
  }
}
