import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query, UseGuards } from '@nestjs/common';
import {
  type EffectiveRuleView,
  EffectiveQuery,
  INTERNAL_PREFIX,
  type OperationView,
  PatchRulesDto,
  type RoleRulesView,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { IdParamPipe } from '@switchboard/platform';
import { PermissionService } from '../permissions/permission.service';
import { Actor, InternalAuthGuard } from './internal-auth.guard';

@Controller(`${INTERNAL_PREFIX}/permissions`)
@UseGuards(InternalAuthGuard)
export class InternalPermissionsController {
  constructor(private readonly permissions: PermissionService) {}

  @Get()
  list(@Actor() _actor: UserEntity): OperationView[] {
    return this.permissions.listOperations();
  }

  @Get('effective')
  effective(@Actor() actor: UserEntity, @Query() query: EffectiveQuery): Promise<EffectiveRuleView[]> {
    return this.permissions.effective(actor, query.resource);
  }

  @Get(':roleId/rules')
  rules(@Actor() actor: UserEntity, @Param('roleId', IdParamPipe) roleId: string): Promise<RoleRulesView> {
    return this.permissions.roleRules(actor, roleId);
  }

  @Patch(':roleId/rules')
  patch(
    @Actor() actor: UserEntity,
    @Param('roleId', IdParamPipe) roleId: string,
    @Body() body: PatchRulesDto,
  ): Promise<RoleRulesView> {
    return this.permissions.patch(actor, roleId, body);
  }

  @Delete(':roleId/rules')
  @HttpCode(200)
  reset(@Actor() actor: UserEntity, @Param('roleId', IdParamPipe) roleId: string): Promise<RoleRulesView> {
    return this.permissions.reset(actor, roleId);
  }
}
