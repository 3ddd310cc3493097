import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ChannelFlagDto,
  ChannelStateDto,
  CreateChannelDto,
  InviteDto,
  ListChannelsQuery,
  type Principal,
  UpdateChannelDto,
  InternalRoutes,
} from '@switchboard/contracts';
import { Dialect, IdParamPipe } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { type CortezaChannel, type CortezaMember, toCortezaChannel, toCortezaMember } from './corteza-views';
import { MessagingForwarder } from './messaging-forwarder';

@Dialect('corteza')
@Controller('channels')
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class ChannelsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Query() query: ListChannelsQuery,
  ): Promise<CortezaChannel[]> {
    return (
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.listChannels, {
        query: { query: query.query },
      })
    ).map(toCortezaChannel);
  }

  @Post()
  @HttpCode(200)
  async create(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Body() body: CreateChannelDto,
  ): Promise<CortezaChannel> {
    return toCortezaChannel(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.createChannel, { body }),
    );
  }

  @Get(':channelID')
  get(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
  ): Promise<CortezaChannel> {
    return this.read(principal, requestId, channelId);
  }

  @Put(':channelID')
  async update(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Body() body: UpdateChannelDto,
  ): Promise<CortezaChannel> {
    return toCortezaChannel(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.updateChannel, {
        params: { channelId },
        body,
      }),
    );
  }

  @Get(':channelID/members')
  async members(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
  ): Promise<CortezaMember[]> {
    return (
      await this.messaging.forward(principal, requestId, InternalRoutes.listMembers, { params: { channelId } })
    ).map(toCortezaMember);
  }

  @Put(':channelID/members/:userID')
  async join(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('userID', IdParamPipe) userId: string,
  ): Promise<CortezaMember> {
    return toCortezaMember(
      await this.messaging.forward(principal, requestId, InternalRoutes.addMember, { params: { channelId, userId } }),
    );
  }

  @Delete(':channelID/members/:userID')
  remove(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('userID', IdParamPipe) userId: string,
  ): Promise<unknown> {
    return this.messaging.forward(principal, requestId, InternalRoutes.removeMember, { params: { channelId, userId } });
  }

  @Post(':channelID/invite')
  @HttpCode(200)
  async invite(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Body() body: InviteDto,
  ): Promise<CortezaMember[]> {
    return (
      await this.messaging.forward(principal, requestId, InternalRoutes.inviteMembers, { params: { channelId }, body })
    ).map(toCortezaMember);
  }

  /** `state`: delete | undelete | archive | unarchive (owners and organisation admins). */
  @Put(':channelID/state')
  async setState(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Body() body: ChannelStateDto,
  ): Promise<CortezaChannel> {
    return toCortezaChannel(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.setChannelState, {
        params: { channelId },
        body,
      }),
    );
  }

  /** `flag`: pinned | hidden | ignored, the caller's own mark on a channel they belong to. Answers the channel with its new `membershipFlag`, as Corteza does. */
  @Put(':channelID/flag')
  async setFlag(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Body() body: ChannelFlagDto,
  ): Promise<CortezaChannel> {
    await this.messaging.forward(principal, requestId, InternalRoutes.setChannelFlag, { params: { channelId }, body });
    return this.read(principal, requestId, channelId);
  }

  @Delete(':channelID/flag')
  async removeFlag(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
  ): Promise<CortezaChannel> {
    await this.messaging.forward(principal, requestId, InternalRoutes.removeChannelFlag, { params: { channelId } });
    return this.read(principal, requestId, channelId);
  }

  private async read(principal: Principal, requestId: string, channelId: string): Promise<CortezaChannel> {
    return toCortezaChannel(
      await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.getChannel, { params: { channelId } }),
    );
  }
}
