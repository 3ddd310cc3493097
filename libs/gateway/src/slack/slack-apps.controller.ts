import { Body, Controller, Get, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  type CreatedAppTokenView,
  type CreatedSlackAppView,
  CreateSlackAppDto,
  CreateSlackAppTokenDto,
  type Principal,
  type SlackAppView,
  InternalRoutes,
} from '@switchboard/contracts';
import { Dialect, IdParamPipe } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from '../corteza/corteza-envelope.interceptor';
import { MessagingForwarder } from '../corteza/messaging-forwarder';

/** Slack-style apps for organisation admins (messaging-service decides who may): secrets are shown once. */
@Dialect('corteza')
@Controller('apps')
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class SlackAppsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string): Promise<SlackAppView[]> {
    return this.messaging.forward(principal, requestId, InternalRoutes.listSlackApps);
  }

  @Post()
  @HttpCode(200)
  create(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Body() body: CreateSlackAppDto,
  ): Promise<CreatedSlackAppView> {
    return this.messaging.forward(principal, requestId, InternalRoutes.createSlackApp, { body });
  }

  @Post(':appID/tokens')
  @HttpCode(200)
  createToken(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('appID', IdParamPipe) appId: string,
    @Body() body: CreateSlackAppTokenDto,
  ): Promise<CreatedAppTokenView> {
    return this.messaging.forward(principal, requestId, InternalRoutes.createSlackAppToken, {
      params: { appId },
      body,
    });
  }
}
