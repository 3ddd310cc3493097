import { Body, HttpCode, Post } from '@nestjs/common';
import { ActivityDto, type Principal, InternalRoutes } from '@switchboard/contracts';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { MessagingForwarder } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

@CortezaController('activity')
export class ActivityController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /** Broadcasts the caller's activity (`kind`, e.g. typing) to a channel's members or the organisation; never stored. */
  @Post()
  @HttpCode(200)
  send(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Body() body: ActivityDto,
  ): Promise<{ delivered: boolean }> {
    return this.messaging.forward(principal, requestId, InternalRoutes.broadcastActivity, { body });
  }
}
