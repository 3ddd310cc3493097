import type { ChannelEntity, ChannelMemberEntity, UserEntity } from '@switchboard/db';

/**
 * Who may do what with a channel. Pure functions over loaded rows, so every surface goes through
 * the same rules: public channels are readable by everyone in their organisation, private and
 * group channels only by their members; archived channels are read-only.
 */
export type Membership = ChannelMemberEntity | null;

export function canRead(actor: UserEntity, channel: ChannelEntity, membership: Membership): boolean {
  if (channel.organisationId !== actor.organisationId || channel.deletedAt) return false;
  return channel.type === 'public' || membership !== null;
}

export function canPost(actor: UserEntity, channel: ChannelEntity, membership: Membership): boolean {
  return canRead(actor, channel, membership) && membership !== null && !channel.archivedAt;
}

export function canManageChannel(actor: UserEntity, channel: ChannelEntity, membership: Membership): boolean {
  return canRead(actor, channel, membership) && (actor.role === 'admin' || membership?.role === 'owner');
}

export function canEditMessage(actor: UserEntity, authorId: string): boolean {
  return actor.id === authorId || actor.role === 'admin';
}

/** Joining by oneself: public channels only (private ones need an invitation, groups are fixed). */
export function canJoin(actor: UserEntity, channel: ChannelEntity): boolean {
  return channel.organisationId === actor.organisationId && !channel.deletedAt && channel.type === 'public';
}

/** Adding someone else: any member of a public or private channel, or an organisation admin. */
export function canInvite(actor: UserEntity, channel: ChannelEntity, membership: Membership): boolean {
  return canRead(actor, channel, membership) && channel.type !== 'group' && (membership !== null || actor.role === 'admin');
}

/**
 * Managing a channel's webhooks (create, change, delete, see deliveries, retry): organisation
 * admins and the channel's owners. The one place a later permission system refines.
 */
export function canManageWebhook(actor: UserEntity, channel: ChannelEntity, membership: Membership): boolean {
  return canManageChannel(actor, channel, membership);
}
