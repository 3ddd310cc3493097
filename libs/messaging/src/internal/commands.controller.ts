import { Body, HttpCode } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  type CommandResult,
  type CommandView,
  ExecCommandDto,
  RegisterCommandDto,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { CommandService } from '../commands/command.service';
import { Actor, ActorCall, type ActorCallOf } from './internal-auth.guard';
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
  exec(@ActorCall() { actor, ids }: ActorCallOf<'runCommand'>, @Body() body: ExecCommandDto): Promise<CommandResult> {
    return this.commands.exec(actor, ids.channelId, ids.command, body);
  }
}
