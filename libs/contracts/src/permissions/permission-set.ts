import type { OrgRole } from '../views';
import { type Operation, type PermissionRule, type RuleAccess, defaultAccess, resourceMatches } from './permissions';

/**
 * The rules of one role, evaluated. Pure: built once per request from the stored rules, then asked
 * as often as needed. Deny wins over allow; without a matching rule the role's default applies.
 */
export class PermissionSet {
  constructor(
    readonly orgRole: OrgRole,
    private readonly rules: readonly PermissionRule[],
  ) {}

  static defaults(orgRole: OrgRole): PermissionSet {
    return new PermissionSet(orgRole, []);
  }

  /** The access a stored rule gives, if any rule matches. */
  explicit(operation: Operation, resource: string): RuleAccess | undefined {
    let allowed = false;
    for (const rule of this.rules) {
      if (rule.operation !== operation || !resourceMatches(rule.resource, resource)) continue;
      if (rule.access === 'deny') return 'deny';
      allowed = true;
    }
    return allowed ? 'allow' : undefined;
  }

  can(operation: Operation, resource: string): boolean {
    const explicit = this.explicit(operation, resource);
    return explicit === undefined ? defaultAccess(this.orgRole, operation) : explicit === 'allow';
  }

  deniedExplicitly(operation: Operation, resource: string): boolean {
    return this.explicit(operation, resource) === 'deny';
  }
}
