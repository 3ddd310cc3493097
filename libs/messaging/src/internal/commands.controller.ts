import { Body, HttpCode } from '@nestjs/common';
import { type IdsOf, InternalRoute } from './internal-route.decorator';
import {
  type CommandResult,
  type CommandView,
  ExecCommandDto,
  RegisterCommandDto,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { PathIds } from '@switchboard/platform';
import { CommandService } from '../commands/command.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalCommandsController {
  constructor(private readonly commands: CommandService) {}

  @InternalRoute(InternalRoutes.listCommands)
  list(@Actor() actor: UserEntity): Promise<CommandView[]> {
    return this.commands.list(actor);
  }

  @InternalRoute(InternalRoutes.registerCommand)
  @HttpCode(200)
  register(@Actor() actor: UserEntity, @Body() body: RegisterCommandDto): Promise<CommandView> {
    return this.commands.register(actor, body);
  }

  @InternalRoute(InternalRoutes.runCommand)
  @HttpCode(200)
  exec(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'runCommand'>,
    @Body() body: ExecCommandDto,
  ): Promise<CommandResult> {
    return this.commands.exec(actor, ids.channelId, ids.command, body);
  }
}
