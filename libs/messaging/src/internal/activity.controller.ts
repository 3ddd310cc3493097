import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ActivityDto, INTERNAL_PREFIX } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ActivityService } from '../activity/activity.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(`${INTERNAL_PREFIX}/activity`)
@UseGuards(InternalAuthGuard)
export class InternalActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Post()
  @HttpCode(200)
  broadcast(@Actor() actor: UserEntity, @Body() body: ActivityDto): Promise<{ delivered: boolean }> {
    return this.activity.broadcast(actor, body);
  }
}
