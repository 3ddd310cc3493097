import type { PermissionRule } from '../permissions/permissions';
import type { StatusClearReason, StatusView } from '../status/status.dto';
import type { ChannelView, MembershipFlag, MessageView, OrgRole, UnreadView, UserView } from '../views';
import type { WebhookView } from '../webhooks/webhook-jobs';

/**
 * Domain events, written to the outbox in the transaction that made the change and published by
 * the relay. `eventId` increases per organisation in commit order. The audience says who may see
 * the event: members of a conversation, named users, or the whole organisation.
 */
export interface EventAudience {
  conversationId?: string;
  userIds?: string[];
  organisation?: boolean;
}

export interface DomainEventPayloads {
  'message.created': { message: MessageView; author: UserView; channel: ChannelView; parent: MessageView | null };
  'message.updated': {
    message: MessageView;
    previous: MessageView;
    editor: UserView;
    author: UserView;
    channel: ChannelView;
  };
  'message.deleted': { message: MessageView; author: UserView; channel: ChannelView; parent: MessageView | null };
  'channel.created': { channel: ChannelView; memberIds: string[] };
  'channel.updated': { channel: ChannelView; previous: ChannelView; actorId: string };
  'channel.member_joined': { channel: ChannelView; userId: string; inviterId: string | null };
  'channel.member_left': { channel: ChannelView; userId: string; removedById: string | null };
  'user.created': { user: UserView };
  /** The user changed their own name and/or handle; never emitted when nothing changed. */
  'user.updated': { user: UserView; previous: UserView };
  'webhook.created': { webhook: WebhookView };
  'webhook.updated': { webhook: WebhookView; previous: WebhookView };
  'webhook.deleted': { webhook: WebhookView };
  'channel.archived': { channel: ChannelView; actorId: string };
  'channel.unarchived': { channel: ChannelView; actorId: string };
  'channel.deleted': { channel: ChannelView; actorId: string };
  'channel.undeleted': { channel: ChannelView; actorId: string; memberIds: string[] };
  'channel.flag_set': { channel: ChannelView; userId: string; flag: MembershipFlag | null };
  'channel.read': {
    channel: ChannelView;
    userId: string;
    threadId: string | null;
    unread: UnreadView;
    flipped: ReadFlip;
  };
  'message.reaction_added': { message: MessageView; channel: ChannelView; userId: string; reaction: string };
  'message.reaction_removed': { message: MessageView; channel: ChannelView; userId: string; reaction: string };
  'message.pinned': { message: MessageView; channel: ChannelView; userId: string };
  'message.unpinned': { message: MessageView; channel: ChannelView; userId: string; hasPins: boolean };
  'message.bookmarked': { message: MessageView; channel: ChannelView; userId: string };
  'message.unbookmarked': { message: MessageView; channel: ChannelView; userId: string };
  'status.set': { status: StatusView };
  'status.cleared': { userId: string; reason: StatusClearReason };
  'command.registered': { name: string; description: string; botUserId: string };
  'command.invoked': { command: string; channel: ChannelView; invokerId: string; input: string; params: string[] };
  'permissions.rules_changed': { roleId: string; role: OrgRole; rules: PermissionRule[] };
}

/**
 * Which messages a marker move turned read (`read`) or unread: their compact ids, oldest first,
 * without the reader's own messages (always read). `truncated` when there were more than listed.
 */
export interface ReadFlip {
  read: boolean;
  zulipIds: number[];
  truncated: boolean;
}

export type DomainEventType = keyof DomainEventPayloads;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  organisationId: string;
  eventId: string;
  type: T;
  occurredAt: string;
  actorId: string | null;
  audience: EventAudience;
  payload: DomainEventPayloads[T];
}

export type AnyDomainEvent = { [T in DomainEventType]: DomainEvent<T> }[DomainEventType];

export function isEventOfType<T extends DomainEventType>(
  event: AnyDomainEvent,
  type: T,
): event is AnyDomainEvent & DomainEvent<T> {
  return event.type === type;
}
