import { Body, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ChannelFlagDto,
  ChannelStateDto,
  CreateChannelDto,
  InviteDto,
  ListChannelsQuery,
  UpdateChannelDto,
  InternalRoutes,
} from '@switchboard/contracts';
import { type Caller, CurrentCaller } from './caller';
import { type CortezaChannel, type CortezaMember, toCortezaChannel, toCortezaMember } from './corteza-views';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

@CortezaController('channels')
export class ChannelsController extends ForwardsToMessaging {
  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: ListChannelsQuery): Promise<CortezaChannel[]> {
    return (
      await this.messaging.callForViewer(caller, InternalRoutes.listChannels, {
        query: { query: query.query },
      })
    ).map(toCortezaChannel);
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateChannelDto): Promise<CortezaChannel> {
    return toCortezaChannel(await this.messaging.callForViewer(caller, InternalRoutes.createChannel, { body }));
  }

  @Get(':channelID')
  get(@CurrentCaller() caller: Caller): Promise<CortezaChannel> {
    return this.read(caller);
  }

  @Put(':channelID')
  async update(@CurrentCaller() caller: Caller, @Body() body: UpdateChannelDto): Promise<CortezaChannel> {
    return toCortezaChannel(await this.messaging.callForViewer(caller, InternalRoutes.updateChannel, { body }));
  }

  @Get(':channelID/members')
  async members(@CurrentCaller() caller: Caller): Promise<CortezaMember[]> {
    return (await this.messaging.call(caller, InternalRoutes.listMembers)).map(toCortezaMember);
  }

  @Put(':channelID/members/:userID')
  async join(@CurrentCaller() caller: Caller): Promise<CortezaMember> {
    return toCortezaMember(await this.messaging.call(caller, InternalRoutes.addMember));
  }

  @Delete(':channelID/members/:userID')
  remove(@CurrentCaller() caller: Caller): Promise<unknown> {
    return this.messaging.call(caller, InternalRoutes.removeMember);
  }

  @Post(':channelID/invite')
  @HttpCode(200)
  async invite(@CurrentCaller() caller: Caller, @Body() body: InviteDto): Promise<CortezaMember[]> {
    return (await this.messaging.call(caller, InternalRoutes.inviteMembers, { body })).map(toCortezaMember);
  }

  /** `state`: delete | undelete | archive | unarchive (owners and organisation admins). */
  @Put(':channelID/state')
  async setState(@CurrentCaller() caller: Caller, @Body() body: ChannelStateDto): Promise<CortezaChannel> {
    return toCortezaChannel(await this.messaging.callForViewer(caller, InternalRoutes.setChannelState, { body }));
  }

  /** `flag`: pinned | hidden | ignored, the caller's own mark on a channel they belong to. Answers the channel with its new `membershipFlag`, as Corteza does. */
  @Put(':channelID/flag')
  async setFlag(@CurrentCaller() caller: Caller, @Body() body: ChannelFlagDto): Promise<CortezaChannel> {
    await this.messaging.call(caller, InternalRoutes.setChannelFlag, { body });
    return this.read(caller);
  }

  @Delete(':channelID/flag')
  async removeFlag(@CurrentCaller() caller: Caller): Promise<CortezaChannel> {
    await this.messaging.call(caller, InternalRoutes.removeChannelFlag);
    return this.read(caller);
  }

  private async read(caller: Caller): Promise<CortezaChannel> {
    return toCortezaChannel(await this.messaging.callForViewer(caller, InternalRoutes.getChannel));
  }
}
