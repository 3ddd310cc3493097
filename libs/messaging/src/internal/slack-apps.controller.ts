import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  type CreatedAppTokenView,
  type CreatedSlackAppView,
  CreateSlackAppDto,
  CreateSlackAppTokenDto,
  INTERNAL_PREFIX,
  type SlackAppView,
  type SlackEventsTarget,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { SlackAppService } from '../apps/slack-app.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

/** Slack-style apps: admin management (with an actor) and the dispatcher's delivery target (without). */
@Controller(`${INTERNAL_PREFIX}/apps`)
@UseGuards(InternalAuthGuard)
export class InternalSlackAppsController {
  constructor(private readonly apps: SlackAppService) {}

  @Get()
  list(@Actor() actor: UserEntity): Promise<SlackAppView[]> {
    return this.apps.list(actor);
  }

  @Post()
  create(@Actor() actor: UserEntity, @Body() body: CreateSlackAppDto): Promise<CreatedSlackAppView> {
    return this.apps.createAsAdmin(actor, body);
  }

  @Post(':appId/tokens')
  createToken(
    @Actor() actor: UserEntity,
    @Param('appId', IdParamPipe) appId: string,
    @Body() body: CreateSlackAppTokenDto,
  ): Promise<CreatedAppTokenView> {
    return this.apps.createTokenAsAdmin(actor, appId, body.kind);
  }

  @Get(':appId/events-target')
  @HttpCode(200)
  eventsTarget(@Param('appId', IdParamPipe) appId: string): Promise<SlackEventsTarget> {
    return this.apps.eventsTarget(appId);
  }
}
