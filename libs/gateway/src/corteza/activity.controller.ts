import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ActivityDto, type Principal, InternalRoutes } from '@switchboard/contracts';
import { Dialect } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { MessagingForwarder } from './messaging-forwarder';

@Dialect('corteza')
@Controller('activity')
@UseGuards(AuthGuard)
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
