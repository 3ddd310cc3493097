import { Body, HttpCode, Query } from '@nestjs/common';
import { InternalRoute } from './internal-route.decorator';
import {
  type EffectiveRuleView,
  EffectiveQuery,
  type OperationView,
  PatchRulesDto,
  type RoleRulesView,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { PermissionService } from '../permissions/permission.service';
import { Actor, ActorCall, type ActorCallOf } from './internal-auth.guard';
import { InternalController } from './internal-controller.decorator';

@InternalController()
export class InternalPermissionsController {
  constructor(private readonly permissions: PermissionService) {}

  @InternalRoute(InternalRoutes.listOperations)
  list(@Actor() _actor: UserEntity): OperationView[] {
    return this.permissions.listOperations();
  }

  @InternalRoute(InternalRoutes.effectiveRules)
  effective(@Actor() actor: UserEntity, @Query() query: EffectiveQuery): Promise<EffectiveRuleView[]> {
    return this.permissions.effective(actor, query.resource);
  }

  @InternalRoute(InternalRoutes.roleRules)
  rules(@ActorCall() { actor, ids }: ActorCallOf<'roleRules'>): Promise<RoleRulesView> {
    return this.permissions.roleRules(actor, ids.roleId);
  }

  @InternalRoute(InternalRoutes.patchRoleRules)
  patch(
    @ActorCall() { actor, ids }: ActorCallOf<'patchRoleRules'>,
    @Body() body: PatchRulesDto,
  ): Promise<RoleRulesView> {
    return this.permissions.patch(actor, ids.roleId, body);
  }

  @InternalRoute(InternalRoutes.resetRoleRules)
  @HttpCode(200)
  reset(@ActorCall() { actor, ids }: ActorCallOf<'resetRoleRules'>): Promise<RoleRulesView> {
    return this.permissions.reset(actor, ids.roleId);
  }
}
