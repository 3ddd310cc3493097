import type { OrgRole } from '../views';

/**
 * Roles and permission rules. Resources are `messaging` (the organisation's messaging as a whole)
 * and `messaging:channel:<id>`; a rule's resource may end in `*` to cover every channel
 * (`messaging:channel:*`). Evaluation: explicit rules of the caller's role that match the resource;
 * any `deny` wins, then any `allow`, otherwise the built-in default of the role.
 */
export const ORG_RESOURCE = 'messaging';
export const CHANNEL_RESOURCE_PREFIX = 'messaging:channel:';
export const ALL_CHANNELS_RESOURCE = 'messaging:channel:*';

export const channelResource = (channelId: string): string => `${CHANNEL_RESOURCE_PREFIX}${channelId}`;

export const ORG_OPERATIONS = [
  'channel.public.create',
  'channel.private.create',
  'channel.group.create',
  'command.register',
  'activity.send',
  'permissions.read',
  'permissions.manage',
] as const;
export const CHANNEL_OPERATIONS = [
  'read',
  'join',
  'update',
  'members.manage',
  'message.send',
  'message.update.all',
  'message.delete.all',
  'attachment.upload',
  'command.exec',
  'webhooks.manage',
] as const;

export type OrgOperation = (typeof ORG_OPERATIONS)[number];
export type ChannelOperation = (typeof CHANNEL_OPERATIONS)[number];
export type Operation = OrgOperation | ChannelOperation;
export const ALL_OPERATIONS: readonly Operation[] = [...ORG_OPERATIONS, ...CHANNEL_OPERATIONS];

export type RuleAccess = 'allow' | 'deny';
/** In a PATCH, `inherit` removes the rule so the default applies again. */
export const RULE_ACCESS_VALUES = ['allow', 'deny', 'inherit'] as const;

export interface PermissionRule {
  resource: string;
  operation: Operation;
  access: RuleAccess;
}

/** Built-in roles with fixed ids; a user's organisation role maps to one of them. */
export const BUILTIN_ROLES: Record<OrgRole, { roleId: string; name: OrgRole }> = {
  admin: { roleId: '1', name: 'admin' },
  member: { roleId: '2', name: 'member' },
};

export function roleOf(orgRole: OrgRole): string {
  return BUILTIN_ROLES[orgRole].roleId;
}

export function roleName(roleId: string): OrgRole | null {
  return (Object.values(BUILTIN_ROLES).find((role) => role.roleId === roleId)?.name as OrgRole | undefined) ?? null;
}

/**
 * What a role may do when no rule says otherwise. Admins may do everything; members what users of a
 * team chat expect: read, join, post, invite, upload, create channels, register commands (bots),
 * send activity. Changing others' channels or messages and managing permissions is for admins;
 * channel owners manage their own channels whatever this says (unless a rule denies it).
 */
const MEMBER_DEFAULTS: ReadonlySet<Operation> = new Set<Operation>([
  'channel.public.create',
  'channel.private.create',
  'channel.group.create',
  'command.register',
  'activity.send',
  'read',
  'join',
  'members.manage',
  'message.send',
  'attachment.upload',
  'command.exec',
]);

export function defaultAccess(orgRole: OrgRole, operation: Operation): boolean {
  return orgRole === 'admin' || MEMBER_DEFAULTS.has(operation);
}

export function isOrgOperation(operation: string): operation is OrgOperation {
  return (ORG_OPERATIONS as readonly string[]).includes(operation);
}

export function isChannelOperation(operation: string): operation is ChannelOperation {
  return (CHANNEL_OPERATIONS as readonly string[]).includes(operation);
}

/** Whether `pattern` (a rule's resource) covers `resource`: equal, or a `*` suffix wildcard. */
export function resourceMatches(pattern: string, resource: string): boolean {
  return pattern.endsWith('*') ? resource.startsWith(pattern.slice(0, -1)) : pattern === resource;
}

/** A rule's resource must fit its operation: org operations on `messaging`, channel ones on channels. */
export function validRuleResource(operation: Operation, resource: string): boolean {
  if (isOrgOperation(operation)) return resource === ORG_RESOURCE;
  return resource === ALL_CHANNELS_RESOURCE || /^messaging:channel:[0-9]{1,20}$/.test(resource);
}

export interface OperationView {
  resource: string;
  operation: Operation;
  defaults: Record<OrgRole, RuleAccess>;
}

export interface EffectiveRuleView {
  resource: string;
  operation: Operation;
  access: RuleAccess;
  /** `rule` when a stored rule decided, `default` when the role's default did. */
  source: 'rule' | 'default';
}

export interface RoleRulesView {
  roleId: string;
  name: OrgRole;
  rules: PermissionRule[];
}
