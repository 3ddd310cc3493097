import { type ChannelOperation, type PermissionSet, channelResource } from '@switchboard/contracts';
import type { ChannelEntity, ChannelMemberEntity, UserEntity } from '@switchboard/db';

/**
 * Who may do what with a channel. Pure functions over loaded rows and the actor's evaluated
 * permission rules (`PermissionSet`), so every surface goes through the same decisions. Structure
 * first — public channels are readable by everyone in their organisation, private and group
 * channels only by their members, archived channels are read-only — then the rules: a rule can
 * take away what the structure allows (deny wins), never grant reading a channel one is not in.
 */
export type Membership = ChannelMemberEntity | null;

/** A decision about one actor and one channel, given the actor's membership (or none) and rules. */
export type ChannelDecision = (
  actor: UserEntity,
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
) => boolean;

export const canRead: ChannelDecision = (actor, channel, membership, perms) => {
  if (channel.organisationId !== actor.organisationId || channel.deletedAt) return false;
  return (channel.type === 'public' || membership !== null) && perms.can('read', channelResource(channel.id));
};

export const canPost: ChannelDecision = (actor, channel, membership, perms) =>
  canRead(actor, channel, membership, perms) &&
  membership !== null &&
  !channel.archivedAt &&
  perms.can('message.send', channelResource(channel.id));

/**
 * The channel's owners may do `operation` unless a rule denies it them; other readers need a rule
 * that allows it.
 */
function ownersOrAllowed(operation: ChannelOperation): ChannelDecision {
  return (actor, channel, membership, perms) => {
    const resource = channelResource(channel.id);
    if (!canRead(actor, channel, membership, perms) || perms.deniedExplicitly(operation, resource)) return false;
    return membership?.role === 'owner' || perms.can(operation, resource);
  };
}

/** Owners manage their channel unless a rule denies it; others need the `update` permission (admins by default). */
export const canManageChannel = ownersOrAllowed('update');

/** Authors change their own messages; others need `message.update.all` / `message.delete.all` (admins by default). */
export function canEditMessage(
  actor: UserEntity,
  authorId: string,
  channelId: string,
  perms: PermissionSet,
  operation: 'message.update.all' | 'message.delete.all' = 'message.update.all',
): boolean {
  return actor.id === authorId || perms.can(operation, channelResource(channelId));
}

/** Joining by oneself: public channels only (private ones need an invitation, groups are fixed). */
export function canJoin(actor: UserEntity, channel: ChannelEntity, perms: PermissionSet): boolean {
  return (
    channel.organisationId === actor.organisationId &&
    !channel.deletedAt &&
    channel.type === 'public' &&
    perms.can('join', channelResource(channel.id))
  );
}

/** Adding someone else: a member of a public or private channel, or an organisation admin, with `members.manage`. */
export const canInvite: ChannelDecision = (actor, channel, membership, perms) =>
  canRead(actor, channel, membership, perms) &&
  channel.type !== 'group' &&
  (membership !== null || actor.role === 'admin') &&
  perms.can('members.manage', channelResource(channel.id));

/**
 * Managing a channel's webhooks (create, change, delete, see deliveries, retry): the channel's
 * owners and whoever the rules allow `webhooks.manage` (admins by default), unless a rule denies it.
 */
export const canManageWebhook = ownersOrAllowed('webhooks.manage');
