import { Body, HttpCode } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { SetStatusDto, StatusExpireJobDto, type StatusView, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { StatusService } from '../status/status.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalStatusController {
  constructor(private readonly statuses: StatusService) {}

  @InternalRoute(InternalRoutes.listStatuses)
  list(@Actor() actor: UserEntity): Promise<StatusView[]> {
    return this.statuses.list(actor);
  }

  @InternalRoute(InternalRoutes.setStatus)
  @HttpCode(200)
  set(@Actor() actor: UserEntity, @Body() body: SetStatusDto): Promise<StatusView> {
    return this.statuses.set(actor, body);
  }

  @InternalRoute(InternalRoutes.clearStatus)
  @HttpCode(200)
  clear(@Actor() actor: UserEntity): Promise<{ cleared: boolean }> {
    return this.statuses.clear(actor);
  }

  /** Called by the dispatcher's delayed status.expire job; acts for no user. */
  @InternalRoute(InternalRoutes.expireStatusJob)
  @HttpCode(200)
  expire(@Body() body: StatusExpireJobDto): Promise<{ cleared: boolean }> {
    return this.statuses.expire(body.userId, body.setAt);
  }
}
