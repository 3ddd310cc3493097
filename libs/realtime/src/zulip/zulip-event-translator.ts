import {
  type AnyDomainEvent,
  type ChannelView,
  type DomainEvent,
  type DomainEventType,
  type StatusView,
  type UserView,
  mentions,
  zulipEmoji,
  zulipEmojiOfIcon,
  zulipFlags,
  zulipMessage,
  zulipStream,
  zulipSubscription,
  zulipUser,
} from '@switchboard/contracts';
import { type NarrowableMessage, matchesNarrow } from '@switchboard/narrow';
import { type FollowSet, type QueueSpec, type ZulipEvent, followsConversation, viewerOf } from './queue-spec';

/**
 * The group conversation whose participants must be known to translate `event` for this queue
 * (Zulip shows direct-message recipients), or null. Callers fetch them before `translateEvent`.
 */
export function participantsNeeded(event: AnyDomainEvent, follow: FollowSet): string | null {
  if (
    event.type !== 'message.created' &&
    event.type !== 'message.updated' &&
    event.type !== 'message.deleted' &&
    event.type !== 'channel.read'
  )
    return null;
  const channel = event.payload.channel;
  return channel.type === 'group' && followsConversation(follow, channel.channelId) ? channel.channelId : null;
}

/** Users (by our id) whose compact ids translating `event` needs: peers joining or leaving, initial members. */
export function usersNeeded(event: AnyDomainEvent, spec: QueueSpec, follow: FollowSet): string[] {
  switch (event.type) {
    case 'channel.created':
      return event.payload.memberIds.includes(spec.userId) && event.payload.channel.type !== 'group'
        ? event.payload.memberIds
        : [];
    case 'channel.member_joined':
    case 'channel.member_left': {
      const { channel, userId } = event.payload;
      return channel.type !== 'group' && userId !== spec.userId && follow.member.has(channel.channelId) ? [userId] : [];
    }
    case 'message.reaction_added':
    case 'message.reaction_removed':
      return followsConversation(follow, event.payload.channel.channelId) ? [event.payload.userId] : [];
    case 'status.set':
      return [event.payload.status.userId];
    case 'status.cleared':
      return [event.payload.userId];
    default:
      return [];
  }
}

/**
 * Turns one domain event into the Zulip events this queue receives (often none), and advances the
 * follow set the same way the domain changed membership. Membership at this point of the stream is
 * the authorisation: the messaging service decided it. Pure; one domain event may yield several
 * Zulip events, which share its id.
 */
export function translateEvent(
  event: AnyDomainEvent,
  spec: QueueSpec,
  follow: FollowSet,
  participants: UserView[] = [],
  users: ReadonlyMap<string, UserView> = new Map(),
): ZulipEvent[] {
  if (event.organisationId !== spec.organisationId) return [];
  const id = Number(event.eventId);
  const out = translate(event, spec, follow, participants, users, id);
  return spec.eventTypes === null ? out : out.filter((zulipEvent) => spec.eventTypes!.includes(zulipEvent.type));
}

interface Context {
  spec: QueueSpec;
  follow: FollowSet;
  participants: UserView[];
  users: ReadonlyMap<string, UserView>;
  /** The Zulip event id: the domain event's. */
  id: number;
}

type Translator<T extends DomainEventType> = (event: DomainEvent<T>, context: Context) => ZulipEvent[];

/** Events that have no Zulip counterpart; the reason stands beside each. */
const nothing = (): ZulipEvent[] => [];

/**
 * One translator per domain event type. The record is exhaustive: a new domain event does not compile
 * until this dialect says what it makes of it, even if that is nothing (and why).
 */
const TRANSLATORS: { [T in DomainEventType]: Translator<T> } = {
  'message.created': (event, { spec, follow, participants, id }) => {
    const { message, author, channel } = event.payload;
    if (!followsConversation(follow, channel.channelId)) return [];
    const viewer = viewerOf(spec, follow);
    // A public channel followed only through all_public_streams has no read state: Zulip calls such messages historical.
    const flags = follow.member.has(channel.channelId) ? zulipFlags(message, viewer) : ['read', 'historical'];
    const candidate: NarrowableMessage = {
      id: String(message.zulipId),
      kind: channel.type === 'group' ? 'dm' : 'channel',
      channelId: String(channel.zulipId),
      channelName: channel.type === 'group' ? null : channel.name,
      topic: channel.type === 'group' ? null : message.topic,
      senderId: String(author.zulipId),
      senderEmail: author.email,
      participants: participants.map((user) => ({ id: String(user.zulipId), email: user.email })),
      content: message.message,
      // Uploads arrive as attachment messages; whether it is an image is not in the event.
      hasAttachment: message.type === 'attachment',
      hasImage: false,
      hasReaction: message.reactions.length > 0,
      // A new message is unread (unless one's own) and starred by nobody.
      flags: { read: flags.includes('read'), starred: false, mentioned: mentions(message.message, viewer) },
    };
    if (!matchesNarrow(spec.narrow, candidate)) return [];
    return [
      { type: 'message', id, message: zulipMessage(message, author, channel, participants, spec.applyMarkdown), flags },
    ];
  },
  'message.updated': (event, { spec, follow, id }) => {
    const { message, previous, editor, channel } = event.payload;
    if (!followsConversation(follow, channel.channelId)) return [];
    const update: ZulipEvent = {
      type: 'update_message',
      id,
      user_id: editor.zulipId,
      message_id: message.zulipId,
      message_ids: [message.zulipId],
      edit_timestamp: Math.floor(Date.parse(message.updatedAt ?? event.occurredAt) / 1000),
      flags: zulipFlags(message, viewerOf(spec, follow)),
      rendering_only: false,
      propagate_mode: 'change_one',
    };
    if (channel.type !== 'group') update.stream_id = channel.zulipId;
    if (message.message !== previous.message)
      Object.assign(update, {
        content: message.message,
        orig_content: previous.message,
        rendered_content: message.message,
        is_me_message: false,
      });
    if (message.topic !== previous.topic)
      Object.assign(update, { subject: message.topic, orig_subject: previous.topic, topic_links: [] });
    return [update];
  },
  'message.deleted': (event, { follow, id }) => {
    const { message, channel } = event.payload;
    if (!followsConversation(follow, channel.channelId)) return [];
    const deleted: ZulipEvent = {
      type: 'delete_message',
      id,
      message_id: message.zulipId,
      message_ids: [message.zulipId],
      message_type: channel.type === 'group' ? 'private' : 'stream',
    };
    if (channel.type !== 'group') Object.assign(deleted, { stream_id: channel.zulipId, topic: message.topic });
    return [deleted];
  },
  'channel.created': (event, { spec, follow, users, id }) => {
    const { channel, memberIds } = event.payload;
    const member = memberIds.includes(spec.userId);
    if (member) follow.member.add(channel.channelId);
    if (spec.allPublicStreams && channel.type === 'public') follow.public.add(channel.channelId);
    if (channel.type === 'group') return [];
    const out: ZulipEvent[] = [];
    if (channel.type === 'public' || member)
      out.push({ type: 'stream', op: 'create', id, streams: [zulipStream(channel)] });
    if (member)
      out.push({
        type: 'subscription',
        op: 'add',
        id,
        subscriptions: [zulipSubscription(channel, compactIds(memberIds, users))],
      });
    return out;
  },
  'channel.updated': (event, { spec, follow, id }) => {
    const { channel, previous } = event.payload;
    if (spec.allPublicStreams) {
      if (channel.type === 'public') follow.public.add(channel.channelId);
      else follow.public.delete(channel.channelId);
    }
    if (channel.type === 'group') return [];
    const visible = follow.member.has(channel.channelId) || channel.type === 'public' || previous.type === 'public';
    if (!visible) return [];
    const changes: [string, unknown, boolean][] = [
      ['name', channel.name, channel.name !== previous.name],
      ['description', channel.topic, channel.topic !== previous.topic],
      ['invite_only', channel.type !== 'public', (channel.type === 'public') !== (previous.type === 'public')],
    ];
    return changes
      .filter(([, , changed]) => changed)
      .map(([property, value]) => ({
        type: 'stream',
        op: 'update',
        id,
        stream_id: channel.zulipId,
        name: previous.name,
        property,
        value,
      }));
  },
  'channel.member_joined': (event, context) => membershipChange(event.payload, context, true),
  'channel.member_left': (event, context) => membershipChange(event.payload, context, false),
  'user.created': (event, { id }) => [{ type: 'realm_user', op: 'add', id, person: zulipUser(event.payload.user) }],
  // Zulip shows no handle: a handle-only change is no Zulip event. Only changed fields are sent.
  'user.updated': (event, { spec, follow, id }) => {
    const { user, previous } = event.payload;
    if (user.userId === spec.userId) follow.viewer = user;
    return user.name === previous.name
      ? []
      : [{ type: 'realm_user', op: 'update', id, person: { user_id: user.zulipId, full_name: user.name } }];
  },
  'message.reaction_added': (event, context) => reactionEvent('add', event, context),
  'message.reaction_removed': (event, context) => reactionEvent('remove', event, context),
  'message.bookmarked': (event, context) => starredEvent('add', event, context),
  'message.unbookmarked': (event, context) => starredEvent('remove', event, context),
  'channel.read': (event, { spec, participants, id }) => {
    const { channel, userId, flipped } = event.payload;
    if (userId !== spec.userId || flipped.zulipIds.length === 0) return [];
    const op = flipped.read ? 'add' : 'remove';
    const update: ZulipEvent = {
      type: 'update_message_flags',
      op,
      operation: op,
      id,
      flag: 'read',
      messages: flipped.zulipIds,
      all: false,
    };
    // Clients count unread messages they have not fetched from these details.
    if (!flipped.read)
      update.message_details = Object.fromEntries(
        flipped.zulipIds.map((zulipId) => [zulipId, messageDetails(channel, participants, spec.userId)]),
      );
    return [update];
  },
  'channel.archived': (event, { follow, id }) =>
    streamGone(event.payload.channel, follow.member.has(event.payload.channel.channelId), id),
  'channel.deleted': (event, { follow, id }) => {
    const { channel } = event.payload;
    const member = follow.member.has(channel.channelId);
    follow.member.delete(channel.channelId);
    follow.public.delete(channel.channelId);
    return streamGone(channel, member, id);
  },
  'channel.unarchived': (event, context) => streamBack(event.payload.channel, context),
  'channel.undeleted': (event, context) => {
    const { channel, memberIds } = event.payload;
    if (memberIds.includes(context.spec.userId)) context.follow.member.add(channel.channelId);
    if (context.spec.allPublicStreams && channel.type === 'public') context.follow.public.add(channel.channelId);
    return streamBack(channel, context);
  },
  'channel.flag_set': (event, { spec, id }) => {
    const { channel, userId, flag } = event.payload;
    if (userId !== spec.userId || channel.type === 'group') return [];
    return [
      {
        type: 'subscription',
        op: 'update',
        id,
        stream_id: channel.zulipId,
        property: 'pin_to_top',
        value: flag === 'pinned',
      },
      {
        type: 'subscription',
        op: 'update',
        id,
        stream_id: channel.zulipId,
        property: 'is_muted',
        value: flag === 'hidden' || flag === 'ignored',
      },
    ];
  },
  'status.set': (event, { users, id }) => userStatus(users.get(event.payload.status.userId), event.payload.status, id),
  'status.cleared': (event, { users, id }) => userStatus(users.get(event.payload.userId), null, id),
  // Zulip has pins only as a per-user "starred"; channel pins have no event (docs/api/zulip.md).
  'message.pinned': nothing,
  'message.unpinned': nothing,
  // Slash commands are a Corteza/Slack concept; Zulip bots see the command's messages instead.
  'command.registered': nothing,
  'command.invoked': nothing,
  // Permission rules and webhooks are administration, not part of Zulip's event stream.
  'permissions.rules_changed': nothing,
  'webhook.created': nothing,
  'webhook.updated': nothing,
  'webhook.deleted': nothing,
};

function translate(
  event: AnyDomainEvent,
  spec: QueueSpec,
  follow: FollowSet,
  participants: UserView[],
  users: ReadonlyMap<string, UserView>,
  id: number,
): ZulipEvent[] {
  const translator = TRANSLATORS[event.type] as Translator<DomainEventType>;
  return translator(event, { spec, follow, participants, users, id });
}

function compactIds(ids: string[], users: ReadonlyMap<string, UserView>): number[] {
  return ids.flatMap((userId) => (users.has(userId) ? [users.get(userId)!.zulipId] : []));
}

function reactionEvent(
  op: 'add' | 'remove',
  event: DomainEvent<'message.reaction_added' | 'message.reaction_removed'>,
  { follow, users, id }: Context,
): ZulipEvent[] {
  const { message, channel, userId, reaction } = event.payload;
  const reactor = users.get(userId);
  if (!followsConversation(follow, channel.channelId) || !reactor) return [];
  return [
    {
      type: 'reaction',
      op,
      id,
      message_id: message.zulipId,
      user_id: reactor.zulipId,
      user: { user_id: reactor.zulipId, email: reactor.email, full_name: reactor.name },
      ...zulipEmoji(reaction),
    },
  ];
}

function starredEvent(
  op: 'add' | 'remove',
  event: DomainEvent<'message.bookmarked' | 'message.unbookmarked'>,
  { spec, id }: Context,
): ZulipEvent[] {
  if (event.payload.userId !== spec.userId) return [];
  return [
    {
      type: 'update_message_flags',
      op,
      operation: op,
      id,
      flag: 'starred',
      messages: [event.payload.message.zulipId],
      all: false,
    },
  ];
}

function streamBack(channel: ChannelView, { follow, id }: Context): ZulipEvent[] {
  const member = follow.member.has(channel.channelId);
  if (channel.type === 'group' || (channel.type !== 'public' && !member)) return [];
  const out: ZulipEvent[] = [{ type: 'stream', op: 'create', id, streams: [zulipStream(channel)] }];
  if (member) out.push({ type: 'subscription', op: 'add', id, subscriptions: [zulipSubscription(channel, [])] });
  return out;
}

/** Zulip 9 (our feature level) shows an archived or deleted channel as a deleted stream. */
function streamGone(channel: ChannelView, member: boolean, id: number): ZulipEvent[] {
  if (channel.type === 'group' || (channel.type !== 'public' && !member)) return [];
  const out: ZulipEvent[] = [
    { type: 'stream', op: 'delete', id, streams: [zulipStream(channel)], stream_ids: [channel.zulipId] },
  ];
  if (member)
    out.push({
      type: 'subscription',
      op: 'remove',
      id,
      subscriptions: [{ name: channel.name, stream_id: channel.zulipId }],
    });
  return out;
}

function messageDetails(channel: ChannelView, participants: UserView[], me: string): Record<string, unknown> {
  if (channel.type === 'group')
    return { type: 'private', user_ids: participants.filter((user) => user.userId !== me).map((user) => user.zulipId) };
  return { type: 'stream', stream_id: channel.zulipId };
}

/** Our status is an icon and a text; Zulip's `user_status` names the emoji the same way reactions do. */
function userStatus(user: UserView | undefined, status: StatusView | null, id: number): ZulipEvent[] {
  if (!user) return [];
  return [
    {
      type: 'user_status',
      id,
      user_id: user.zulipId,
      status_text: status?.message ?? '',
      ...zulipEmojiOfIcon(status?.icon ?? ''),
    },
  ];
}

/** Someone joined or left a channel: a peer event for the others, a subscription change for the viewer. */
function membershipChange(
  { channel, userId }: { channel: ChannelView; userId: string },
  { spec, follow, users, id }: Context,
  joined: boolean,
): ZulipEvent[] {
  if (userId !== spec.userId) return peerEvent(joined ? 'peer_add' : 'peer_remove', channel, userId, follow, users, id);
  if (joined) follow.member.add(channel.channelId);
  else follow.member.delete(channel.channelId);
  if (channel.type === 'group') return [];
  // Zulip clients re-read subscribers (GET /users/me/subscriptions); the event does not list them.
  const subscription = joined ? zulipSubscription(channel, []) : { name: channel.name, stream_id: channel.zulipId };
  return [{ type: 'subscription', op: joined ? 'add' : 'remove', id, subscriptions: [subscription] }];
}

function peerEvent(
  op: 'peer_add' | 'peer_remove',
  channel: { channelId: string; zulipId: number; type: string },
  userId: string,
  follow: FollowSet,
  users: ReadonlyMap<string, UserView>,
  id: number,
): ZulipEvent[] {
  const peer = users.get(userId);
  if (channel.type === 'group' || !follow.member.has(channel.channelId) || !peer) return [];
  return [{ type: 'subscription', op, id, stream_ids: [channel.zulipId], user_ids: [peer.zulipId] }];
}
