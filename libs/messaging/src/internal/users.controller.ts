import { Body, Param, Query } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import { type Page, PageUsersQuery, UpdateProfileDto, type UserView, InternalRoutes } from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { ProfileService } from '../users/profile.service';
import { UserService } from '../users/user.service';
import { Actor } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

/** The actor's organisation's users (directory for Slack users.list/info and Zulip clients), and the actor's own profile. */
@InternalController()
export class InternalUsersController {
  constructor(
    private readonly users: UserService,
    private readonly profiles: ProfileService,
  ) {}

  @InternalRoute(InternalRoutes.pageUsers)
  page(@Actor() actor: UserEntity, @Query() query: PageUsersQuery): Promise<Page<UserView>> {
    return this.users.page(actor, query);
  }

  /** The caller's own name and handle (Slack users.profile.set, Zulip PATCH /settings). */
  @InternalRoute(InternalRoutes.updateMyProfile)
  updateMe(@Actor() actor: UserEntity, @Body() body: UpdateProfileDto): Promise<UserView> {
    return this.profiles.update(actor, body);
  }

  @InternalRoute(InternalRoutes.getUser)
  get(@Actor() actor: UserEntity, @Param('userId', IdParamPipe) userId: string): Promise<UserView> {
    return this.users.get(actor, userId);
  }
}
