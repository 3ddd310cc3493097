import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import {
  ChannelFlagDto,
  ChannelStateDto,
  type ChannelView,
  CreateChannelDto,
  INTERNAL_PREFIX,
  InviteDto,
  ListChannelsQuery,
  type MemberView,
  type Page,
  PageChannelsQuery,
  UpdateChannelDto,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelService } from '../channels/channel.service';
import { ChannelStateService } from '../channels/channel-state.service';
import { MemberService } from '../members/member.service';
import { MembershipFlagService } from '../members/membership-flag.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';
import { IdParamPipe } from '@switchboard/platform';

@Controller(`${INTERNAL_PREFIX}/channels`)
@UseGuards(InternalAuthGuard)
export class InternalChannelsController {
  constructor(
    private readonly channels: ChannelService,
    private readonly members: MemberService,
    private readonly states: ChannelStateService,
    private readonly flags: MembershipFlagService,
  ) {}

  @Get()
  list(@Actor() actor: UserEntity, @Query() query: ListChannelsQuery): Promise<ChannelView[]> {
    return this.channels.list(actor, query.query);
  }

  @Get('page')
  page(
    @Actor() actor: UserEntity,
    @Query() query: PageChannelsQuery,
  ): Promise<Page<ChannelView & { isMember: boolean }>> {
    return this.channels.page(actor, query);
  }

  @Post()
  create(@Actor() actor: UserEntity, @Body() body: CreateChannelDto): Promise<ChannelView> {
    return this.channels.create(actor, body);
  }

  @Get(':channelId')
  get(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string): Promise<ChannelView> {
    return this.channels.get(actor, channelId);
  }

  @Put(':channelId')
  update(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: UpdateChannelDto,
  ): Promise<ChannelView> {
    return this.channels.update(actor, channelId, body);
  }

  @Get(':channelId/members')
  listMembers(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string): Promise<MemberView[]> {
    return this.members.list(actor, channelId);
  }

  @Put(':channelId/members/:userId')
  addMember(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('userId', IdParamPipe) userId: string,
  ): Promise<MemberView> {
    return this.members.add(actor, channelId, userId);
  }

  @Delete(':channelId/members/:userId')
  @HttpCode(200)
  async removeMember(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('userId', IdParamPipe) userId: string,
  ): Promise<{ removed: true }> {
    await this.members.remove(actor, channelId, userId);
    return { removed: true };
  }

  @Post(':channelId/invite')
  @HttpCode(200)
  invite(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: InviteDto,
  ): Promise<MemberView[]> {
    return this.members.invite(actor, channelId, body.userID);
  }

  @Put(':channelId/state')
  setState(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: ChannelStateDto,
  ): Promise<ChannelView> {
    return this.states.setState(actor, channelId, body.state);
  }

  @Put(':channelId/flag')
  setFlag(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Body() body: ChannelFlagDto,
  ): Promise<MemberView> {
    return this.flags.setFlag(actor, channelId, body.flag);
  }

  @Delete(':channelId/flag')
  @HttpCode(200)
  removeFlag(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string): Promise<MemberView> {
    return this.flags.setFlag(actor, channelId, null);
  }
}
