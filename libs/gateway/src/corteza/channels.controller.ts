import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ChannelFlagDto, ChannelStateDto, type ChannelView, CreateChannelDto, InviteDto, ListChannelsQuery, type MemberView, type Principal, UpdateChannelDto } from '@switchboard/contracts';
import { IdParamPipe, JsonErrorFilter } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { MessagingForwarder } from './messaging-forwarder';

@Controller('channels')
@UseGuards(AuthGuard)
@UseFilters(JsonErrorFilter)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class ChannelsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Query() query: ListChannelsQuery): Promise<ChannelView[]> {
    return this.messaging.forward(principal, requestId, 'GET', '/channels', { query: { query: query.query } });
  }

  @Post()
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Body() body: CreateChannelDto): Promise<ChannelView> {
    return this.messaging.forward(principal, requestId, 'POST', '/channels', { body });
  }

  @Get(':channelID')
  get(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string): Promise<ChannelView> {
    return this.messaging.forward(principal, requestId, 'GET', `/channels/${channelId}`);
  }

  @Put(':channelID')
  update(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Body() body: UpdateChannelDto): Promise<ChannelView> {
    return this.messaging.forward(principal, requestId, 'PUT', `/channels/${channelId}`, { body });
  }

  @Get(':channelID/members')
  members(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string): Promise<MemberView[]> {
    return this.messaging.forward(principal, requestId, 'GET', `/channels/${channelId}/members`);
  }

  @Put(':channelID/members/:userID')
  join(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('userID', IdParamPipe) userId: string,
  ): Promise<MemberView> {
    return this.messaging.forward(principal, requestId, 'PUT', `/channels/${channelId}/members/${userId}`);
  }

  @Delete(':channelID/members/:userID')
  remove(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('userID', IdParamPipe) userId: string,
  ): Promise<unknown> {
    return this.messaging.forward(principal, requestId, 'DELETE', `/channels/${channelId}/members/${userId}`);
  }

  @Post(':channelID/invite')
  @HttpCode(200)
  invite(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Body() body: InviteDto): Promise<MemberView[]> {
    return this.messaging.forward(principal, requestId, 'POST', `/channels/${channelId}/invite`, { body });
  }

  /** `state`: delete | undelete | archive | unarchive (owners and organisation admins). */
  @Put(':channelID/state')
  setState(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Body() body: ChannelStateDto): Promise<ChannelView> {
    return this.messaging.forward(principal, requestId, 'PUT', `/channels/${channelId}/state`, { body });
  }

  /** `flag`: pinned | hidden | ignored, the caller's own mark on a channel they belong to. */
  @Put(':channelID/flag')
  setFlag(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string, @Body() body: ChannelFlagDto): Promise<MemberView> {
    return this.messaging.forward(principal, requestId, 'PUT', `/channels/${channelId}/flag`, { body });
  }

  @Delete(':channelID/flag')
  removeFlag(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('channelID', IdParamPipe) channelId: string): Promise<MemberView> {
    return this.messaging.forward(principal, requestId, 'DELETE', `/channels/${channelId}/flag`);
  }
}
