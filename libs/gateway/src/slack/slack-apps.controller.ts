import { Body, Get, HttpCode, Post } from '@nestjs/common';
import {
  type CreatedAppTokenView,
  type CreatedSlackAppView,
  CreateSlackAppDto,
  CreateSlackAppTokenDto,
  type SlackAppView,
  InternalRoutes,
  type CortezaIds,
  cortezaIds,
} from '@switchboard/contracts';
import { ForwardsToMessaging } from '../corteza/messaging-forwarder';
import { CortezaController } from '../corteza/corteza-controller.decorator';
import { type Caller, CurrentCaller } from '../corteza/caller';

/** Slack-style apps for organisation admins (messaging-service decides who may): secrets are shown once. */
@CortezaController('apps')
export class SlackAppsController extends ForwardsToMessaging {
  @Get()
  async list(@CurrentCaller() caller: Caller): Promise<CortezaIds<SlackAppView>[]> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.listSlackApps));
  }

  @Post()
  @HttpCode(200)
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateSlackAppDto,
  ): Promise<CortezaIds<CreatedSlackAppView>> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.createSlackApp, { body }));
  }

  @Post(':appID/tokens')
  @HttpCode(200)
  async createToken(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateSlackAppTokenDto,
  ): Promise<CortezaIds<CreatedAppTokenView>> {
    return cortezaIds(await this.messaging.call(caller, InternalRoutes.createSlackAppToken, { body }));
  }
}
