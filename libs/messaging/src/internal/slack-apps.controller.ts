import { Body, HttpCode } from '@nestjs/common';
import { type IdsOf, InternalRoute } from './internal-route.decorator';
import {
  type CreatedAppTokenView,
  type CreatedSlackAppView,
  CreateSlackAppDto,
  CreateSlackAppTokenDto,
  type SlackAppView,
  type SlackEventsTarget,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { PathIds } from '@switchboard/platform';
import { SlackAppService } from '../apps/slack-app.service';
import { Actor, ActorCall, type ActorCallOf } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

/** Slack-style apps: admin management (with an actor) and the dispatcher's delivery target (without). */
@InternalController()
export class InternalSlackAppsController {
  constructor(private readonly apps: SlackAppService) {}

  @InternalRoute(InternalRoutes.listSlackApps)
  list(@Actor() actor: UserEntity): Promise<SlackAppView[]> {
    return this.apps.list(actor);
  }

  @InternalRoute(InternalRoutes.createSlackApp)
  create(@Actor() actor: UserEntity, @Body() body: CreateSlackAppDto): Promise<CreatedSlackAppView> {
    return this.apps.createAsAdmin(actor, body);
  }

  @InternalRoute(InternalRoutes.createSlackAppToken)
  createToken(
    @ActorCall() { actor, ids }: ActorCallOf<'createSlackAppToken'>,
    @Body() body: CreateSlackAppTokenDto,
  ): Promise<CreatedAppTokenView> {
    return this.apps.createTokenAsAdmin(actor, ids.appId, body.kind);
  }

  @InternalRoute(InternalRoutes.slackAppEventsTarget)
  @HttpCode(200)
  eventsTarget(@PathIds() ids: IdsOf<'slackAppEventsTarget'>): Promise<SlackEventsTarget> {
    return this.apps.eventsTarget(ids.appId);
  }
}
