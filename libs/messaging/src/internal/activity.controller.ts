import { Body, Controller, HttpCode, UseGuards } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { ActivityDto, INTERNAL_PREFIX, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ActivityService } from '../activity/activity.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(INTERNAL_PREFIX)
@UseGuards(InternalAuthGuard)
export class InternalActivityController {
  constructor(private readonly activity: ActivityService) {}

  @InternalRoute(InternalRoutes.broadcastActivity)
  @HttpCode(200)
  broadcast(@Actor() actor: UserEntity, @Body() body: ActivityDto): Promise<{ delivered: boolean }> {
    return this.activity.broadcast(actor, body);
  }
}
