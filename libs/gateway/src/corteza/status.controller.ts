import { Body, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { type Principal, SetStatusDto, type StatusView, InternalRoutes } from '@switchboard/contracts';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { MessagingForwarder } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

@CortezaController('status')
export class StatusController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /** The organisation's current statuses. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string): Promise<StatusView[]> {
    return this.messaging.forward(principal, requestId, InternalRoutes.listStatuses);
  }

  /** Sets the caller's status; `expires` as in parseStatusExpiry (when-active, afternoon, tomorrow, 1h, 30m, 1 PM, 2019-05-20). */
  @Post()
  @HttpCode(200)
  set(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Body() body: SetStatusDto,
  ): Promise<StatusView> {
    return this.messaging.forward(principal, requestId, InternalRoutes.setStatus, { body });
  }

  @Delete()
  clear(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string): Promise<{ cleared: boolean }> {
    return this.messaging.forward(principal, requestId, InternalRoutes.clearStatus);
  }
}
