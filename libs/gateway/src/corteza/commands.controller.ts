import { Body, Controller, Get, HttpCode, Param, Post, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { type CommandResult, type CommandView, ExecCommandDto, type Principal, RegisterCommandDto } from '@switchboard/contracts';
import { IdParamPipe, JsonErrorFilter } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { MessagingForwarder } from './messaging-forwarder';

@Controller()
@UseGuards(AuthGuard)
@UseFilters(JsonErrorFilter)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class CommandsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /** Built-in commands and those registered by the organisation's bots. */
  @Get('commands')
  list(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string): Promise<CommandView[]> {
    return this.messaging.forward(principal, requestId, 'GET', '/commands');
  }

  /** Bots only: registers `/name`; running it sends the bot a `command.invoked` event. */
  @Post('commands')
  @HttpCode(200)
  register(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Body() body: RegisterCommandDto): Promise<CommandView> {
    return this.messaging.forward(principal, requestId, 'POST', '/commands', { body });
  }

  @Post('channels/:channelID/messages/command/:command/exec')
  @HttpCode(200)
  exec(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('channelID', IdParamPipe) channelId: string,
    @Param('command') command: string,
    @Body() body: ExecCommandDto,
  ): Promise<CommandResult> {
    return this.messaging.forward(principal, requestId, 'POST', `/channels/${channelId}/commands/${encodeURIComponent(command)}`, { body });
  }
}
