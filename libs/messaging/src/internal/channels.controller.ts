import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { type ChannelView, CreateChannelDto, INTERNAL_PREFIX, InviteDto, ListChannelsQuery, type MemberView, type Page, PageChannelsQuery, UpdateChannelDto } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelService } from '../channels/channel.service';
import { MemberService } from '../members/member.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';
import { IdParamPipe } from '@switchboard/platform';

@Controller(`${INTERNAL_PREFIX}/channels`)
@UseGuards(InternalAuthGuard)
export class InternalChannelsController {
  constructor(
    private readonly channels: ChannelService,
    private readonly members: MemberService,
  ) {}

  @Get()
  list(@Actor() actor: UserEntity, @Query() query: ListChannelsQuery): Promise<ChannelView[]> {
    return this.channels.list(actor, query.query);
  }

  @Get('page')
  page(@Actor() actor: UserEntity, @Query() query: PageChannelsQuery): Promise<Page<ChannelView & { isMember: boolean }>> {
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
  update(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Body() body: UpdateChannelDto): Promise<ChannelView> {
    return this.channels.update(actor, channelId, body);
  }

  @Get(':channelId/members')
  listMembers(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string): Promise<MemberView[]> {
    return this.members.list(actor, channelId);
  }

  @Put(':channelId/members/:userId')
  addMember(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Param('userId', IdParamPipe) userId: string): Promise<MemberView> {
    return this.members.add(actor, channelId, userId);
  }

  @Delete(':channelId/members/:userId')
  @HttpCode(200)
  async removeMember(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Param('userId', IdParamPipe) userId: string): Promise<{ removed: true }> {
    await this.members.remove(actor, channelId, userId);
    return { removed: true };
  }

  @Post(':channelId/invite')
  @HttpCode(200)
  invite(@Actor() actor: UserEntity, @Param('channelId', IdParamPipe) channelId: string, @Body() body: InviteDto): Promise<MemberView[]> {
    return this.members.invite(actor, channelId, body.userID);
  }
}
