import { type Operation, defaultAccess } from '@switchboard/contracts';

/**
 * The authorisation matrix derived from the permission model (libs/contracts permissions: role
 * defaults; libs/messaging access policy: structure first — organisation, membership, ownership —
 * then the rules). The matrix test compares this against the table it keeps and against the
 * running system on every surface, and renders it as docs/authorisation-matrix.md.
 */
export const ROLES = [
  'admin',
  'member',
  'bot',
  'non-member',
  'removed member',
  'deactivated user',
  'other organisation',
] as const;
export type Role = (typeof ROLES)[number];

/** Each role's relation to the private channel the operations target (its owner is the admin). */
interface RoleFacts {
  orgRole: 'admin' | 'member';
  inChannel: boolean;
  owner: boolean;
  active: boolean;
  sameOrg: boolean;
}

export const ROLE_FACTS: Record<Role, RoleFacts> = {
  admin: { orgRole: 'admin', inChannel: true, owner: true, active: true, sameOrg: true },
  member: { orgRole: 'member', inChannel: true, owner: false, active: true, sameOrg: true },
  bot: { orgRole: 'member', inChannel: true, owner: false, active: true, sameOrg: true },
  'non-member': { orgRole: 'member', inChannel: false, owner: false, active: true, sameOrg: true },
  'removed member': { orgRole: 'member', inChannel: false, owner: false, active: true, sameOrg: true },
  'deactivated user': { orgRole: 'member', inChannel: true, owner: false, active: false, sameOrg: true },
  // An admin of another organisation: their role never reaches across organisations.
  'other organisation': { orgRole: 'admin', inChannel: false, owner: false, active: true, sameOrg: false },
};

export const SURFACES = [
  'Corteza REST',
  'Slack Web API',
  'RTM socket',
  'Zulip REST',
  'Zulip queue (narrow)',
  'search',
  'webhooks',
  'attachment links',
] as const;
export type Surface = (typeof SURFACES)[number];

export interface MatrixOperation {
  name: string;
  /** The permission the rules decide. */
  permission: Operation;
  /** The channel's structure requires membership (a private channel). */
  needsMembership: boolean;
  /** Channel owners may, whatever the role default says (unless a rule denies it). */
  ownerMay: boolean;
  surfaces: Surface[];
}

export const OPERATIONS: MatrixOperation[] = [
  {
    name: 'read messages of a private channel',
    permission: 'read',
    needsMembership: true,
    ownerMay: false,
    surfaces: ['Corteza REST', 'Slack Web API', 'RTM socket', 'Zulip REST', 'Zulip queue (narrow)', 'search'],
  },
  {
    name: 'open an attachment link of a private channel',
    permission: 'read',
    needsMembership: true,
    ownerMay: false,
    surfaces: ['attachment links'],
  },
  {
    name: 'post to a private channel',
    permission: 'message.send',
    needsMembership: true,
    ownerMay: false,
    surfaces: ['Corteza REST', 'Slack Web API', 'RTM socket', 'Zulip REST'],
  },
  {
    name: "edit someone else's message",
    permission: 'message.update.all',
    needsMembership: true,
    ownerMay: false,
    surfaces: ['Corteza REST', 'Slack Web API', 'Zulip REST'],
  },
  {
    name: "delete someone else's message",
    permission: 'message.delete.all',
    needsMembership: true,
    ownerMay: false,
    surfaces: ['Corteza REST', 'Slack Web API', 'Zulip REST'],
  },
  {
    name: 'change the channel (topic)',
    permission: 'update',
    needsMembership: true,
    ownerMay: true,
    surfaces: ['Corteza REST'],
  },
  {
    name: 'create an outgoing webhook on the channel',
    permission: 'webhooks.manage',
    needsMembership: true,
    ownerMay: true,
    surfaces: ['webhooks'],
  },
  {
    name: 'manage permission rules',
    permission: 'permissions.manage',
    needsMembership: false,
    ownerMay: false,
    surfaces: ['Corteza REST'],
  },
  {
    name: 'join a public channel',
    permission: 'join',
    needsMembership: false,
    ownerMay: false,
    surfaces: ['Corteza REST', 'Slack Web API'],
  },
];

export function allowedByModel(operation: MatrixOperation, role: Role): boolean {
  const facts = ROLE_FACTS[role];
  if (!facts.active || !facts.sameOrg) return false;
  if (operation.needsMembership && !facts.inChannel) return false;
  return (operation.ownerMay && facts.owner) || defaultAccess(facts.orgRole, operation.permission);
}

/** Operation name → the roles allowed, as the model says. */
export function modelMatrix(): Record<string, Role[]> {
  return Object.fromEntries(
    OPERATIONS.map((operation) => [operation.name, ROLES.filter((role) => allowedByModel(operation, role))]),
  );
}

export function renderMatrixDocument(table: Record<string, Role[]>): string {
  const header = `| operation | surface | ${ROLES.join(' | ')} |\n|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = OPERATIONS.flatMap((operation) =>
    operation.surfaces.map(
      (surface) =>
        `| ${operation.name} | ${surface} | ${ROLES.map((role) => (table[operation.name].includes(role) ? 'yes' : 'no')).join(' | ')} |`,
    ),
  );
  return `# Authorisation matrix

Who may do what, on every surface. Generated by \`test/integration/authorisation-matrix.e2e.ts\` from the
permission model (role defaults in \`libs/contracts/src/permissions\`, structure rules in
\`libs/messaging/src/access\`) and checked against the running apps on each surface listed: every
"yes" was done and every "no" was refused (a 4xx in the surface's dialect, \`ok:false\`, an RTM error
reply, or — for reads on sockets, queues and search — the event or message never arriving).
Attachment links are signed per user: each role uses the link it was given while it was still a
member (the removed member's and the deactivated user's old links must stop working), or, if it
never could read the channel, a member's link with its own user id.
Regenerate with \`UPDATE_DOCS=1 npx jest test/integration/authorisation-matrix.e2e.ts\`.

The target is a **private channel** owned by the admin who created it; *member* and *bot* are its
members; *non-member* belongs to the organisation but not the channel; *removed member* was a member
and was removed; *deactivated user* was a member and was deactivated; *other organisation* is an
admin of another organisation. These are the built-in defaults: an organisation's permission rules
(\`PATCH /permissions/{roleID}/rules\`) can take rights away (deny wins) or grant role-level rights,
but never reading a channel one is not a member of.

${header}
${rows.join('\n')}
`;
}
