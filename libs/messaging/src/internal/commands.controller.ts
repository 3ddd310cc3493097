import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  type CommandResult,
  type CommandView,
  ExecCommandDto,
  INTERNAL_PREFIX,
  RegisterCommandDto,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { CommandService } from '../commands/command.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(INTERNAL_PREFIX)
@UseGuards(InternalAuthGuard)
export class InternalCommandsController {
  constructor(private readonly commands: CommandService) {}

  @Get('commands')
  list(@Actor() actor: UserEntity): Promise<CommandView[]> {
    return this.commands.list(actor);
  }

  @Post('commands')
  @HttpCode(200)
  register(@Actor() actor: UserEntity, @Body() body: RegisterCommandDto): Promise<CommandView> {
    return this.commands.register(actor, body);
  }

  @Post('channels/:channelId/commands/:command')
  @HttpCode(200)
  exec(
    @Actor() actor: UserEntity,
    @Param('channelId', IdParamPipe) channelId: string,
    @Param('command') command: string,
    @Body() body: ExecCommandDto,
  ): Promise<CommandResult> {
    return this.commands.exec(actor, channelId, command, body);
  }
}
