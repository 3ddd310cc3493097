import { type PermissionSet, channelResource } from '@switchboard/contracts';
import type { ChannelEntity, ChannelMemberEntity, UserEntity } from '@switchboard/db';

/**
 * Who may do what with a channel. Pure functions over loaded rows and the actor's evaluated
 * permission rules (`PermissionSet`), so every surface goes through the same decisions. Structure
 * first — public channels are readable by everyone in their organisation, private and group
 * channels only by their members, archived channels are read-only — then the rules: a rule can
 * take away what the structure allows (deny wins), never grant reading a channel one is not in.
 */
export type Membership = ChannelMemberEntity | null;

export function canRead(
  actor: UserEntity,
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
): boolean {
  if (channel.organisationId !== actor.organisationId || channel.deletedAt) return false;
  return (channel.type === 'public' || membership !== null) && perms.can('read', channelResource(channel.id));
}

export function canPost(
  actor: UserEntity,
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
): boolean {
  return (
    canRead(actor, channel, membership, perms) &&
    membership !== null &&
    !channel.archivedAt &&
    perms.can('message.send', channelResource(channel.id))
  );
}

/** Owners manage their channel unless a rule denies it; others need the `update` permission (admins by default). */
export function canManageChannel(
  actor: UserEntity,
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
): boolean {
  const resource = channelResource(channel.id);
  if (!canRead(actor, channel, membership, perms) || perms.deniedExplicitly('update', resource)) return false;
  return membership?.role === 'owner' || perms.can('update', resource);
}

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
export function canInvite(
  actor: UserEntity,
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
): boolean {
  return (
    canRead(actor, channel, membership, perms) &&
    channel.type !== 'group' &&
    (membership !== null || actor.role === 'admin') &&
    perms.can('members.manage', channelResource(channel.id))
  );
}

/**
 * Managing a channel's webhooks (create, change, delete, see deliveries, retry): the channel's
 * owners and whoever the rules allow `webhooks.manage` (admins by default), unless a rule denies it.
 */
export function canManageWebhook(
  actor: UserEntity,
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
): boolean {
  const resource = channelResource(channel.id);
  if (!canRead(actor, channel, membership, perms) || perms.deniedExplicitly('webhooks.manage', resource)) return false;
  return membership?.role === 'owner' || perms.can('webhooks.manage', resource);
}
