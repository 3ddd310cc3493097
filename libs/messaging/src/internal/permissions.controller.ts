import { Body, HttpCode, Query } from '@nestjs/common';
import { type IdsOf, InternalRoute } from './internal-route.decorator';
import {
  type EffectiveRuleView,
  EffectiveQuery,
  type OperationView,
  PatchRulesDto,
  type RoleRulesView,
  InternalRoutes,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { PathIds } from '@switchboard/platform';
import { PermissionService } from '../permissions/permission.service';
import { Actor } from './internal-auth.guard';
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
  rules(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'roleRules'>): Promise<RoleRulesView> {
    return this.permissions.roleRules(actor, ids.roleId);
  }

  @InternalRoute(InternalRoutes.patchRoleRules)
  patch(
    @Actor() actor: UserEntity,
    @PathIds() ids: IdsOf<'patchRoleRules'>,
    @Body() body: PatchRulesDto,
  ): Promise<RoleRulesView> {
    return this.permissions.patch(actor, ids.roleId, body);
  }

  @InternalRoute(InternalRoutes.resetRoleRules)
  @HttpCode(200)
  reset(@Actor() actor: UserEntity, @PathIds() ids: IdsOf<'resetRoleRules'>): Promise<RoleRulesView> {
    return this.permissions.reset(actor, ids.roleId);
  }
}
