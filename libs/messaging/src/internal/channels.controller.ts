import { Body, HttpCode, Query } from '@nestjs/common';
import { type IdsOf, InternalRoute } from './internal-route.decorator';
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
import { Actor } from './internal-auth.guard';
import { PathIds } from '@switchboard/platform';
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
  get(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'getChannel'>): Promise<ChannelWithStateView> {
    return this.channels.get(actor, ids.channelId);
  }

  @InternalRoute(InternalRoutes.updateChannel)
  update(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'updateChannel'>,
    @Body() body: UpdateChannelDto,
  ): Promise<ChannelView> {
    return this.channels.update(actor, ids.channelId, body);
  }

  @InternalRoute(InternalRoutes.listMembers)
  listMembers(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'listMembers'>): Promise<MemberView[]> {
    return this.members.list(actor, ids.channelId);
  }

  @InternalRoute(InternalRoutes.addMember)
  addMember(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'addMember'>): Promise<MemberView> {
    return this.members.add(actor, ids.channelId, ids.userId);
  }

  @InternalRoute(InternalRoutes.removeMember)
  @HttpCode(200)
  async removeMember(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'removeMember'>): Promise<{ removed: true }> {
    await this.members.remove(actor, ids.channelId, ids.userId);
    return { removed: true };
  }

  @InternalRoute(InternalRoutes.inviteMembers)
  @HttpCode(200)
  invite(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'inviteMembers'>,
    @Body() body: InviteDto,
  ): Promise<MemberView[]> {
    return this.members.invite(actor, ids.channelId, body.userID);
  }

  @InternalRoute(InternalRoutes.setChannelState)
  setState(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'setChannelState'>,
    @Body() body: ChannelStateDto,
  ): Promise<ChannelView> {
    return this.states.setState(actor, ids.channelId, body.state);
  }

  @InternalRoute(InternalRoutes.setChannelFlag)
  setFlag(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'setChannelFlag'>,
    @Body() body: ChannelFlagDto,
  ): Promise<MemberView> {
    return this.flags.setFlag(actor, ids.channelId, body.flag);
  }

  @InternalRoute(InternalRoutes.removeChannelFlag)
  @HttpCode(200)
  removeFlag(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'removeChannelFlag'>): Promise<MemberView> {
    return this.flags.setFlag(actor, ids.channelId, null);
  }
}
