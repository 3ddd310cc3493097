import {
  type ChannelCapabilities,
  type MessageCapabilities,
  type PermissionSet,
  channelResource,
} from '@switchboard/contracts';
import type { ChannelEntity, UserEntity } from '@switchboard/db';
import {
  type Membership,
  canEditMessage,
  canInvite,
  canJoin,
  canManageChannel,
  canPost,
  canRead,
} from '../access/access-policy';

/**
 * What the viewer may do, answered from the same decisions the commands enforce
 * (access-policy), so a client never offers an action the domain then refuses.
 */
export function channelCapabilities(
  actor: UserEntity,
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
): ChannelCapabilities {
  const observe = canRead(actor, channel, membership, perms);
  const open = !channel.archivedAt && !channel.deletedAt;
  const manage = canManageChannel(actor, channel, membership, perms);
  return {
    join: membership === null && open && canJoin(actor, channel, perms),
    part: membership !== null && channel.type !== 'group',
    observe,
    sendMessages: canPost(actor, channel, membership, perms),
    deleteMessages: observe && open && perms.can('message.delete.all', channelResource(channel.id)),
    changeMembers: open && canInvite(actor, channel, membership, perms),
    changeMembershipPolicy: false,
    update: open && manage,
    archive: manage,
    delete: manage,
  };
}

/** The author (or whoever the rules let change anyone's messages) edits and deletes; replies go to top-level messages only. */
export function messageCapabilities(
  actor: UserEntity,
  message: { userId: string; replyTo: string | null; deletedAt: string | null; type: string },
  channel: ChannelEntity,
  membership: Membership,
  perms: PermissionSet,
): MessageCapabilities {
  const writable = !message.deletedAt && canRead(actor, channel, membership, perms) && !channel.archivedAt;
  return {
    reply: writable && message.replyTo === null && canPost(actor, channel, membership, perms),
    edit: writable && message.type === 'text' && canEditMessage(actor, message.userId, channel.id, perms),
    delete: writable && canEditMessage(actor, message.userId, channel.id, perms, 'message.delete.all'),
  };
}
