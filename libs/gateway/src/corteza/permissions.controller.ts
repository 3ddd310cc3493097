import { Body, Controller, Delete, Get, Param, Patch, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  type EffectiveRuleView,
  EffectiveQuery,
  type OperationView,
  PatchRulesDto,
  type Principal,
  type RoleRulesView,
  InternalRoutes,
} from '@switchboard/contracts';
import { Dialect, IdParamPipe } from '@switchboard/platform';
import { AuthGuard, CurrentPrincipal, RequestId } from '../auth/auth.guard';
import { CortezaEnvelopeInterceptor } from './corteza-envelope.interceptor';
import { MessagingForwarder } from './messaging-forwarder';

/** Corteza serialises each rule with its roleID (rbac.Rule); our role view names the role once, so it is repeated here. */
function withRoleOnRules(
  view: RoleRulesView,
): RoleRulesView & { rules: (RoleRulesView['rules'][number] & { roleID: string })[] } {
  return { ...view, rules: view.rules.map((rule) => ({ roleID: view.roleID, ...rule })) };
}

@Dialect('corteza')
@Controller('permissions')
@UseGuards(AuthGuard)
@UseInterceptors(CortezaEnvelopeInterceptor)
export class PermissionsController {
  constructor(private readonly messaging: MessagingForwarder) {}

  /** The operations that exist, with each built-in role's default. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string): Promise<OperationView[]> {
    return this.messaging.forward(principal, requestId, InternalRoutes.listOperations);
  }

  /** What the caller may do, optionally for one resource. */
  @Get('effective')
  effective(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Query() query: EffectiveQuery,
  ): Promise<EffectiveRuleView[]> {
    return this.messaging.forward(principal, requestId, InternalRoutes.effectiveRules, {
      query: query.resource === undefined ? {} : { resource: query.resource },
    });
  }

  @Get(':roleID/rules')
  async rules(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('roleID', IdParamPipe) roleId: string,
  ): Promise<RoleRulesView> {
    return withRoleOnRules(
      await this.messaging.forward(principal, requestId, InternalRoutes.roleRules, { params: { roleId } }),
    );
  }

  @Patch(':roleID/rules')
  async patch(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('roleID', IdParamPipe) roleId: string,
    @Body() body: PatchRulesDto,
  ): Promise<RoleRulesView> {
    return withRoleOnRules(
      await this.messaging.forward(principal, requestId, InternalRoutes.patchRoleRules, { params: { roleId }, body }),
    );
  }

  /** Removes every rule of the role: its defaults apply again. */
  @Delete(':roleID/rules')
  async reset(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('roleID', IdParamPipe) roleId: string,
  ): Promise<RoleRulesView> {
    return withRoleOnRules(
      await this.messaging.forward(principal, requestId, InternalRoutes.resetRoleRules, { params: { roleId } }),
    );
  }
}
