import { Body, HttpCode, Query } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  ChannelFlagDto,
  ChannelStateDto,
  type ChannelView,
  type ChannelWithStateView,
  CreateChannelDto,
  InviteDto,
  ListChannelsQuery,
  type MemberView,
  type Page,
  PageChannelsQuery,
  UpdateChannelDto,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelService } from '../channels/channel.service';
import { ChannelStateService } from '../channels/channel-state.service';
import { MemberService } from '../members/member.service';
import { MembershipFlagService } from '../members/membership-flag.service';
import { Actor, ActorCall, type ActorCallOf } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalChannelsController {
  constructor(
    private readonly channels: ChannelService,
    private readonly members: MemberService,
    private readonly states: ChannelStateService,
    private readonly flags: MembershipFlagService,
  ) {}

  @InternalRoute(InternalRoutes.listChannels)
  list(@Actor() actor: UserEntity, @Query() query: ListChannelsQuery): Promise<ChannelWithStateView[]> {
    return this.channels.list(actor, query.query);
  }

  @InternalRoute(InternalRoutes.pageChannels)
  page(
    @Actor() actor: UserEntity,
    @Query() query: PageChannelsQuery,
  ): Promise<Page<ChannelView & { isMember: boolean }>> {
    return this.channels.page(actor, query);
  }

  @InternalRoute(InternalRoutes.createChannel)
  create(@Actor() actor: UserEntity, @Body() body: CreateChannelDto): Promise<ChannelView> {
    return this.channels.create(actor, body);
  }

  @InternalRoute(InternalRoutes.getChannel)
  get(@ActorCall() { actor, ids }: ActorCallOf<'getChannel'>): Promise<ChannelWithStateView> {
    return this.channels.get(actor, ids.channelId);
  }

  @InternalRoute(InternalRoutes.updateChannel)
  update(
    @ActorCall() { actor, ids }: ActorCallOf<'updateChannel'>,
    @Body() body: UpdateChannelDto,
  ): Promise<ChannelView> {
    return this.channels.update(actor, ids.channelId, body);
  }

  @InternalRoute(InternalRoutes.listMembers)
  listMembers(@ActorCall() { actor, ids }: ActorCallOf<'listMembers'>): Promise<MemberView[]> {
    return this.members.list(actor, ids.channelId);
  }

  @InternalRoute(InternalRoutes.addMember)
  addMember(@ActorCall() { actor, ids }: ActorCallOf<'addMember'>): Promise<MemberView> {
    return this.members.add(actor, ids.channelId, ids.userId);
  }

  @InternalRoute(InternalRoutes.removeMember)
  @HttpCode(200)
  async removeMember(@ActorCall() { actor, ids }: ActorCallOf<'removeMember'>): Promise<{ removed: true }> {
    await this.members.remove(actor, ids.channelId, ids.userId);
    return { removed: true };
  }

  @InternalRoute(InternalRoutes.inviteMembers)
  @HttpCode(200)
  invite(@ActorCall() { actor, ids }: ActorCallOf<'inviteMembers'>, @Body() body: InviteDto): Promise<MemberView[]> {
    return this.members.invite(actor, ids.channelId, body.userID);
  }

  @InternalRoute(InternalRoutes.setChannelState)
  setState(
    @ActorCall() { actor, ids }: ActorCallOf<'setChannelState'>,
    @Body() body: ChannelStateDto,
  ): Promise<ChannelView> {
    return this.states.setState(actor, ids.channelId, body.state);
  }

  @InternalRoute(InternalRoutes.setChannelFlag)
  setFlag(
    @ActorCall() { actor, ids }: ActorCallOf<'setChannelFlag'>,
    @Body() body: ChannelFlagDto,
  ): Promise<MemberView> {
    return this.flags.setFlag(actor, ids.channelId, body.flag);
  }

  @InternalRoute(InternalRoutes.removeChannelFlag)
  @HttpCode(200)
  removeFlag(@ActorCall() { actor, ids }: ActorCallOf<'removeChannelFlag'>): Promise<MemberView> {
    return this.flags.setFlag(actor, ids.channelId, null);
  }
}
