import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  type CreatedAppTokenView,
  type CreatedSlackAppView,
  CreateSlackAppDto,
  CreateSlackAppTokenDto,
  type Principal,
  type SlackAppView,
  InternalRoutes,
} from '@switchboard/contracts';
import { IdParamPipe } from '@switchboard/platform';
import { CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { MessagingForwarder } from '../corteza/messaging-forwarder';
import { CortezaController } from '../corteza/corteza-controller.decorator';

/** Slack-style apps for organisation admins (messaging-service decides who may): secrets are shown once. */
@CortezaController('apps')
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
