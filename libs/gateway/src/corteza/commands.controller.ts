import { Body, Get, HttpCode, Post } from '@nestjs/common';
import {
  type CommandResult,
  type CommandView,
  ExecCommandDto,
  RegisterCommandDto,
  InternalRoutes,
  type CortezaIds,
  cortezaIds,
} from '@switchboard/contracts';
import { type Caller, CurrentCaller } from './caller';
import {
  type CortezaChannel,
  type CortezaMember,
  type CortezaMessage,
  toCortezaChannel,
  toCortezaMember,
  toCortezaMessage,
} from './corteza-views';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

type CortezaCommandResult = Omit<CommandResult, 'message' | 'channel' | 'members'> & {
  message?: CortezaMessage;
  channel?: CortezaChannel;
  members?: CortezaMember[];
};

@CortezaController()
export class CommandsController extends ForwardsToMessaging {
  /** Built-in commands and those registered by the organisation's bots. */
  @Get('commands')
  async list(@CurrentCaller() caller: Caller): Promise<CortezaIds<CommandView>[]> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.listCommands));
  }

  /** Bots only: registers `/name`; running it sends the bot a `command.invoked` event. */
  @Post('commands')
  @HttpCode(200)
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterCommandDto): Promise<CortezaIds<CommandView>> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.registerCommand, { body }));
  }

  @Post('channels/:channelID/messages/command/:command/exec')
  @HttpCode(200)
  async exec(@CurrentCaller() caller: Caller, @Body() body: ExecCommandDto): Promise<CortezaCommandResult> {
    const result = await this.messaging.callForViewer(caller, InternalRoutes.runCommand, { body });
    const { message, channel, members, ...rest } = result;
    return {
      ...rest,
      ...(message ? { message: toCortezaMessage(message) } : {}),
      ...(channel ? { channel: toCortezaChannel(channel) } : {}),
      ...(members ? { members: members.map(toCortezaMember) } : {}),
    };
  }
}
