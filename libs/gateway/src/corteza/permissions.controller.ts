import { Body, Delete, Get, Patch, Query } from '@nestjs/common';
import {
  type EffectiveRuleView,
  EffectiveQuery,
  type OperationView,
  PatchRulesDto,
  type RoleRulesView,
  InternalRoutes,
  type CortezaIds,
  cortezaIds,
} from '@switchboard/contracts';
import { type Caller, CurrentCaller } from './caller';
import { ForwardsToMessaging } from './messaging-forwarder';
import { CortezaController } from './corteza-controller.decorator';

/** Corteza serialises each rule with its roleID (rbac.Rule); our role view names the role once, so it is repeated here. */
function withRoleOnRules(
  view: RoleRulesView,
): CortezaIds<RoleRulesView> & { rules: (RoleRulesView['rules'][number] & { roleID: string })[] } {
  return cortezaIds({ ...view, rules: view.rules.map((rule) => ({ roleID: view.roleId, ...rule })) });
}

@CortezaController('permissions')
export class PermissionsController extends ForwardsToMessaging {
  /** The operations that exist, with each built-in role's default. */
  @Get()
  list(@CurrentCaller() caller: Caller): Promise<OperationView[]> {
    return this.messaging.call(caller, InternalRoutes.listOperations);
  }

  /** What the caller may do, optionally for one resource. */
  @Get('effective')
  effective(@CurrentCaller() caller: Caller, @Query() query: EffectiveQuery): Promise<EffectiveRuleView[]> {
    return this.messaging.call(caller, InternalRoutes.effectiveRules, {
      query: query.resource === undefined ? {} : { resource: query.resource },
    });
  }

  @Get(':roleID/rules')
  async rules(@CurrentCaller() caller: Caller): Promise<CortezaIds<RoleRulesView>> {
    return withRoleOnRules(await this.messaging.call(caller, InternalRoutes.roleRules));
  }

  @Patch(':roleID/rules')
  async patch(@CurrentCaller() caller: Caller, @Body() body: PatchRulesDto): Promise<CortezaIds<RoleRulesView>> {
    return withRoleOnRules(await this.messaging.call(caller, InternalRoutes.patchRoleRules, { body }));
  }

  /** Removes every rule of the role: its defaults apply again. */
  @Delete(':roleID/rules')
  async reset(@CurrentCaller() caller: Caller): Promise<CortezaIds<RoleRulesView>> {
    return withRoleOnRules(await this.messaging.call(caller, InternalRoutes.resetRoleRules));
  }
}
