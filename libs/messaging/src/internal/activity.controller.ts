import { Body, HttpCode } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { ActivityDto, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ActivityService } from '../activity/activity.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalActivityController {
  constructor(private readonly activity: ActivityService) {}

  @InternalRoute(InternalRoutes.broadcastActivity)
  @HttpCode(200)
  broadcast(@Actor() actor: UserEntity, @Body() body: ActivityDto): Promise<{ delivered: boolean }> {
    return this.activity.broadcast(actor, body);
  }
}
