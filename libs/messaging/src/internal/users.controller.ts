import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { INTERNAL_PREFIX, type Page, PageUsersQuery, type UserView } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { UserService } from '../users/user.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

/** The actor's organisation's users (directory for Slack users.list/info and Zulip clients). */
@Controller(`${INTERNAL_PREFIX}/users`)
@UseGuards(InternalAuthGuard)
export class InternalUsersController {
  constructor(private readonly users: UserService) {}

  @Get()
  page(@Actor() actor: UserEntity, @Query() query: PageUsersQuery): Promise<Page<UserView>> {
    return this.users.page(actor, query);
  }

  @Get(':userId')
  get(@Actor() actor: UserEntity, @Param('userId', IdParamPipe) userId: string): Promise<UserView> {
    return this.users.get(actor, userId);
  }
}
