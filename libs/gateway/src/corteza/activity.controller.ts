import { Body, Controller, HttpCode, Post, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ActivityDto, type Principal, InternalRoutes } from '@switchboard/contracts';
import { JsonErrorFilter } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { MessagingForwarder } from './messaging-forwarder';

@Controller('activity')
@UseGuards(AuthGuard)
@UseFilters(JsonErrorFilter)
@UseInterceptors(CortezaEnvelopeInterceptor)
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
