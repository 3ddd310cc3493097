import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ALL_CHANNELS_RESOURCE,
  BUILTIN_ROLES,
  CHANNEL_OPERATIONS,
  CHANNEL_RESOURCE_PREFIX,
  DomainError,
  type EffectiveRuleView,
  ErrorCode,
  ORG_OPERATIONS,
  ORG_RESOURCE,
  type Operation,
  type OperationView,
  type OrgOperation,
  type PatchRulesDto,
  PermissionSet,
  type RoleRulesView,
  defaultAccess,
  roleName,
  roleOf,
  validRuleResource,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { PermissionRepository } from './permission.repository';

/**
 * Permission rules of the built-in roles. `forActor` is what every decision uses: it loads the
 * rules of the actor's role once per request (the actor object is created per request by the
 * internal guard, so a WeakMap keyed by it is a per-request cache that no rule change can outlive).
 */
@Injectable()
export class PermissionService {
  private readonly perRequest = new WeakMap<UserEntity, Promise<PermissionSet>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: PermissionRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  forActor(actor: UserEntity, em?: EntityManager): Promise<PermissionSet> {
    let loaded = this.perRequest.get(actor);
    if (!loaded) {
      loaded = this.rules
        .rulesOf(actor.organisationId, roleOf(actor.role), em)
        .then((rules) => new PermissionSet(actor.role, rules));
      this.perRequest.set(actor, loaded);
    }
    return loaded;
  }

  /** Throws 403 `forbidden` unless the actor's role may do `operation` (organisation-wide operations). */
  async assert(actor: UserEntity, operation: OrgOperation, em?: EntityManager): Promise<void> {
    if (!(await this.forActor(actor, em)).can(operation, ORG_RESOURCE))
      throw new DomainError(ErrorCode.Forbidden, `Your role may not ${operation}`);
  }

  listOperations(): OperationView[] {
    const view = (resource: string, operation: Operation): OperationView => ({
      resource,
      operation,
      defaults: {
        admin: defaultAccess('admin', operation) ? 'allow' : 'deny',
        member: defaultAccess('member', operation) ? 'allow' : 'deny',
      },
    });
    return [
      ...ORG_OPERATIONS.map((op) => view(ORG_RESOURCE, op)),
      ...CHANNEL_OPERATIONS.map((op) => view(ALL_CHANNELS_RESOURCE, op)),
    ];
  }

  /** The caller's effective access, for every operation or those of one resource. */
  async effective(actor: UserEntity, resource?: string): Promise<EffectiveRuleView[]> {
    const perms = await this.forActor(actor);
    const targets: [string, readonly Operation[]][] = [];
    if (resource === undefined || resource === '') {
      targets.push([ORG_RESOURCE, ORG_OPERATIONS], [ALL_CHANNELS_RESOURCE, CHANNEL_OPERATIONS]);
    } else if (resource === ORG_RESOURCE) {
      targets.push([ORG_RESOURCE, ORG_OPERATIONS]);
    } else if (resource.startsWith(CHANNEL_RESOURCE_PREFIX) && validRuleResource('read', resource)) {
      targets.push([resource, CHANNEL_OPERATIONS]);
    } else {
      throw new DomainError(ErrorCode.ValidationFailed, `Unknown resource ${resource}`, [
        { field: 'resource', message: 'resource must be messaging, messaging:channel:* or messaging:channel:<id>' },
      ]);
    }
    return targets.flatMap(([res, operations]) =>
      operations.map((operation) => {
        const explicit = perms.explicit(operation, res);
        return {
          resource: res,
          operation,
          access: perms.can(operation, res) ? 'allow' : 'deny',
          source: explicit === undefined ? 'default' : 'rule',
        } satisfies EffectiveRuleView;
      }),
    );
  }

  async roleRules(actor: UserEntity, roleId: string): Promise<RoleRulesView> {
    await this.assert(actor, 'permissions.read');
    const name = this.knownRole(roleId);
    return { roleId: roleId, name, rules: await this.rules.rulesOf(actor.organisationId, roleId) };
  }

  /** PATCH: sets each listed rule (`inherit` removes it); the others stay. All or nothing. */
  async patch(actor: UserEntity, roleId: string, input: PatchRulesDto): Promise<RoleRulesView> {
    const name = this.knownRole(roleId);
    for (const [index, rule] of input.rules.entries()) {
      if (!validRuleResource(rule.operation, rule.resource)) {
        throw new DomainError(
          ErrorCode.ValidationFailed,
          `Rule ${index}: ${rule.operation} does not apply to ${rule.resource}`,
          [{ field: `rules.${index}.resource`, message: 'resource does not fit the operation' }],
        );
      }
      // An admin must not be able to lock every admin out of permission management.
      if (name === 'admin' && rule.operation === 'permissions.manage' && rule.access === 'deny') {
        throw new DomainError(ErrorCode.ValidationFailed, 'The admin role cannot be denied permissions.manage', [
          { field: `rules.${index}.access`, message: 'would lock out every admin' },
        ]);
      }
    }
    return this.db.transaction(async (em) => {
      await this.assert(actor, 'permissions.manage', em);
      await this.rules.lockRole(em, actor.organisationId, roleId);
      for (const rule of input.rules) {
        if (rule.access === 'inherit')
          await this.rules.remove(em, actor.organisationId, roleId, rule.resource, rule.operation);
        else
          await this.rules.upsert(em, actor.organisationId, roleId, {
            resource: rule.resource,
            operation: rule.operation,
            access: rule.access,
          });
      }
      const rules = await this.rules.rulesOf(actor.organisationId, roleId, em);
      await this.outbox.append(em, actor.organisationId, [
        pendingEvent(
          'permissions.rules_changed',
          actor.id,
          { organisation: true },
          { roleId: roleId, role: name, rules },
        ),
      ]);
      return { roleId: roleId, name, rules };
    });
  }

  /** DELETE: removes every rule of the role, so its defaults apply again. */
  async reset(actor: UserEntity, roleId: string): Promise<RoleRulesView> {
    const name = this.knownRole(roleId);
    return this.db.transaction(async (em) => {
      await this.assert(actor, 'permissions.manage', em);
      await this.rules.lockRole(em, actor.organisationId, roleId);
      const removed = await this.rules.removeAll(em, actor.organisationId, roleId);
      if (removed > 0)
        await this.outbox.append(em, actor.organisationId, [
          pendingEvent(
            'permissions.rules_changed',
            actor.id,
            { organisation: true },
            { roleId: roleId, role: name, rules: [] },
          ),
        ]);
      return { roleId: roleId, name, rules: [] };
    });
  }

  private knownRole(roleId: string) {
    const name = roleName(roleId);
    if (!name)
      throw new DomainError(
        ErrorCode.NotFound,
        `Role ${roleId} not found (built-in roles: ${Object.values(BUILTIN_ROLES)
          .map((r) => `${r.roleId} ${r.name}`)
          .join(', ')})`,
      );
    return name;
  }
}
