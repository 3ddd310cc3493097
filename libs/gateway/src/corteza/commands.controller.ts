import { Body, Controller, Get, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  type CommandResult,
  type CommandView,
  ExecCommandDto,
  type Principal,
  RegisterCommandDto,
  InternalRoutes,
} from '@switchboard/contracts';
import { Dialect, IdParamPipe } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import {
  type CortezaChannel,
  type CortezaMember,
  type CortezaMessage,
  toCortezaChannel,
  toCortezaMember,
  toCortezaMessage,
} from './corteza-views';
import { MessagingForwarder } from './messaging-forwarder';

type CortezaCommandResult = Omit<CommandResult, 'message' | 'channel' | 'members'> & {
  message?: CortezaMessage;
  channel?: CortezaChannel;
  members?: CortezaMember[];
};

@Dialect('corteza')
@Controller()
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class CommandsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /** Built-in commands and those registered by the organisation's bots. */
  @Get('commands')
  list(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string): Promise<CommandView[]> {
    return this.messaging.forward(principal, requestId, InternalRoutes.listCommands);
  }

  /** Bots only: registers `/name`; running it sends the bot a `command.invoked` event. */
  @Post('commands')
  @HttpCode(200)
  register(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Body() body: RegisterCommandDto,
  ): Promise<CommandView> {
    return this.messaging.forward(principal, requestId, InternalRoutes.registerCommand, { body });
  }

  @Post('channels/:channelID/messages/command/:command/exec')
  @HttpCode(200)
  async exec(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('command') command: string,
    @Body() body: ExecCommandDto,
  ): Promise<CortezaCommandResult> {
    const result = await this.messaging.forwardForViewer(principal, requestId, InternalRoutes.runCommand, {
      params: { channelId, command },
      body,
    });
    const { message, channel, members, ...rest } = result;
    return {
      ...rest,
      ...(message ? { message: toCortezaMessage(message) } : {}),
      ...(channel ? { channel: toCortezaChannel(channel) } : {}),
      ...(members ? { members: members.map(toCortezaMember) } : {}),
    };
  }
}
