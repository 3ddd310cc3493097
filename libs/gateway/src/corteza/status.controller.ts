import { Body, Controller, Delete, Get, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { type Principal, SetStatusDto, type StatusView, InternalRoutes } from '@switchboard/contracts';
import { Dialect } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { MessagingForwarder } from './messaging-forwarder';

@Dialect('corteza')
@Controller('status')
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor)
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
