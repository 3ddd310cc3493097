import type {
  AttachmentView,
  ChannelCapabilities,
  ChannelView,
  ChannelWithStateView,
  CortezaIds,
  MemberView,
  MessageMeta,
  MessageView,
  ThreadUnreadView,
  UnreadView,
} from '@switchboard/contracts';
import { cortezaIds } from '@switchboard/contracts';

/**
 * The Corteza Messaging wire shapes (corteza-server 2020.12, pkg/payload/outgoing), as the
 * generated corteza-js client and corteza-webapp-messaging read them. Ids are strings; fields
 * Corteza tagged `omitempty` are left out rather than sent as null; its names stand for ours
 * (isPinned for pinned, type for a member's role, `:name:` reactions, capability flags as can…).
 */
export interface CortezaUnread {
  /** In mark-as-read answers for a thread. */
  threadID?: string;
  lastMessageID?: string;
  count: number;
  threadCount: number;
  threadTotal?: number;
  /** Ours: how many of the unread messages mention the caller. */
  mentions: number;
}

/** Ours, on GET /channels/{id}: each followed thread's unread replies. */
export interface CortezaThreadUnread {
  threadID: string;
  lastMessageID?: string;
  count: number;
  mentions: number;
}

export interface CortezaChannel {
  channelID: string;
  name: string;
  topic: string;
  type: string;
  membershipPolicy: string;
  membershipFlag: string;
  unread?: CortezaUnread;
  threads?: CortezaThreadUnread[];
  members?: string[];
  canJoin: boolean;
  canPart: boolean;
  canObserve: boolean;
  canSendMessages: boolean;
  canDeleteMessages: boolean;
  canChangeMembers: boolean;
  canChangeMembershipPolicy: boolean;
  canUpdate: boolean;
  canArchive: boolean;
  canDelete: boolean;
  createdAt: string;
  updatedAt?: string;
  archivedAt?: string;
  deletedAt?: string;
  /** Ours, beyond Corteza's fields (zulipID: the compact id Zulip clients see). */
  organisationID: string;
  creatorID: string;
  zulipID: number;
}

export interface CortezaFileMeta {
  size?: number;
  ext: string;
  mimetype: string;
  image?: { width?: number; height?: number; animated: boolean };
}

export interface CortezaAttachment {
  attachmentID: string;
  userID: string;
  url: string;
  previewUrl?: string;
  meta: { original: CortezaFileMeta; preview?: CortezaFileMeta };
  name: string;
  createdAt: string;
}

export interface CortezaReaction {
  reaction: string;
  count: number;
  userIDs: string[];
}

export interface CortezaMessage {
  messageID: string;
  type: string;
  message: string;
  channelID: string;
  userID: string;
  replyTo?: string;
  replies?: number;
  /** Corteza's name for the attachment; `attachment` carries the same object (the web app reads either). */
  att?: CortezaAttachment;
  attachment?: CortezaAttachment;
  reactions?: CortezaReaction[];
  isBookmarked: boolean;
  isPinned: boolean;
  canReply: boolean;
  canEdit: boolean;
  canDelete: boolean;
  createdAt: string;
  updatedAt?: string;
  deletedAt?: string;
  /** Ours: the name and avatar a webhook posted under. */
  meta?: CortezaIds<MessageMeta>;
  /** Ours: the Zulip topic ('' when none), the compact Zulip id and the Slack ts of the same message. */
  topic: string;
  zulipID: number;
  ts: string;
}

export interface CortezaMember {
  channelID: string;
  userID: string;
  type: string;
  createdAt: string;
}

const NO_CHANNEL_CAPABILITIES: ChannelCapabilities = {
  join: false,
  part: false,
  observe: false,
  sendMessages: false,
  deleteMessages: false,
  changeMembers: false,
  changeMembershipPolicy: false,
  update: false,
  archive: false,
  delete: false,
};

/** Corteza leaves out empty optional fields; so do we. (A plain loop: this runs for every message of every answer.) */
function present<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {};
  for (const key in value) {
    const field: unknown = value[key];
    if (field !== null && field !== undefined) kept[key] = field;
  }
  return kept as T;
}

/** A view's timestamps as Corteza sends them: the ones not set are left out. */
function timestamps(view: {
  createdAt: string;
  updatedAt: string | null;
  archivedAt?: string | null;
  deletedAt: string | null;
}): { createdAt: string; updatedAt?: string; archivedAt?: string; deletedAt?: string } {
  return {
    createdAt: view.createdAt,
    updatedAt: view.updatedAt ?? undefined,
    archivedAt: view.archivedAt ?? undefined,
    deletedAt: view.deletedAt ?? undefined,
  };
}

/** Reactions travel as `:name:`, the form the web app draws and sends back to toggle; the domain stores the bare name. */
export function toCortezaReactionName(name: string): string {
  return /^[\w+-]+$/u.test(name) ? `:${name}:` : name;
}

function channelUnread(
  unread: UnreadView | null | undefined,
  threads: ThreadUnreadView[] | undefined,
): CortezaUnread | undefined {
  const threadCount = (threads ?? []).reduce((sum, thread) => sum + thread.count, 0);
  const threadTotal = (threads ?? []).filter((thread) => thread.count > 0).length;
  const count = unread?.count ?? 0;
  const mentions = unread?.mentions ?? 0;
  // Corteza sends no unread block when nothing is unread (a mention in a thread one does not follow yet still counts).
  if (count === 0 && threadCount === 0 && mentions === 0) return undefined;
  return present({
    lastMessageID: unread?.lastReadMessageId ?? undefined,
    count,
    threadCount,
    threadTotal: threadTotal || undefined,
    mentions,
  });
}

export function toCortezaChannel(channel: ChannelView | ChannelWithStateView): CortezaChannel {
  const withState = channel as Partial<ChannelWithStateView>;
  const can = channel.capabilities ?? NO_CHANNEL_CAPABILITIES;
  return present({
    channelID: channel.channelId,
    name: channel.name,
    topic: channel.topic,
    type: channel.type,
    membershipPolicy: '',
    membershipFlag: withState.membershipFlag ?? '',
    unread: channelUnread(withState.unread, withState.threads),
    threads: withState.threads?.map((thread) =>
      present({
        threadID: thread.threadId,
        lastMessageID: thread.lastReadMessageId ?? undefined,
        count: thread.count,
        mentions: thread.mentions,
      }),
    ),
    members: channel.members?.length ? channel.members : undefined,
    canJoin: can.join,
    canPart: can.part,
    canObserve: can.observe,
    canSendMessages: can.sendMessages,
    canDeleteMessages: can.deleteMessages,
    canChangeMembers: can.changeMembers,
    canChangeMembershipPolicy: can.changeMembershipPolicy,
    canUpdate: can.update,
    canArchive: can.archive,
    canDelete: can.delete,
    ...timestamps(channel),
    organisationID: channel.organisationId,
    creatorID: channel.creatorId,
    zulipID: channel.zulipId,
  });
}

function extensionOf(name: string, contentType: string): string {
  const dot = name.lastIndexOf('.');
  if (dot > 0 && dot < name.length - 1) return name.slice(dot + 1).toLowerCase();
  return contentType.split('/')[1]?.split(/[;+]/)[0] ?? '';
}

const PREVIEW_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

export function toCortezaAttachment(attachment: AttachmentView): CortezaAttachment {
  const image =
    attachment.width !== null && attachment.height !== null
      ? { width: attachment.width, height: attachment.height, animated: false }
      : undefined;
  const previewExt = attachment.previewUrl?.match(/\/preview\.([a-z0-9]+)\?/)?.[1];
  return present({
    attachmentID: attachment.attachmentId,
    userID: attachment.userId,
    url: attachment.url,
    previewUrl: attachment.previewUrl ?? undefined,
    meta: present({
      original: present({
        size: attachment.size,
        ext: extensionOf(attachment.name, attachment.contentType),
        mimetype: attachment.contentType,
        image,
      }),
      // The preview's own size is not stored; the web app reads its mimetype only.
      preview: previewExt
        ? present({ ext: previewExt, mimetype: PREVIEW_TYPES[previewExt] ?? `image/${previewExt}`, image })
        : undefined,
    }),
    name: attachment.name,
    createdAt: attachment.createdAt,
  });
}

export function toCortezaMessage(message: MessageView & { attachment?: AttachmentView }): CortezaMessage {
  const attachment = message.attachment ? toCortezaAttachment(message.attachment) : undefined;
  return present({
    messageID: message.messageId,
    type: message.type,
    message: message.message,
    channelID: message.channelId,
    userID: message.userId,
    replyTo: message.replyTo ?? undefined,
    replies: message.replies || undefined,
    att: attachment,
    attachment,
    reactions: message.reactions.length
      ? message.reactions.map((reaction) => ({
          reaction: toCortezaReactionName(reaction.reaction),
          count: reaction.count,
          userIDs: reaction.userIds,
        }))
      : undefined,
    isBookmarked: message.bookmarked ?? false,
    isPinned: message.pinned,
    canReply: message.capabilities?.reply ?? false,
    canEdit: message.capabilities?.edit ?? false,
    canDelete: message.capabilities?.delete ?? false,
    ...timestamps(message),
    meta: message.meta ? cortezaIds(message.meta) : undefined,
    topic: message.topic,
    zulipID: message.zulipId,
    ts: message.ts,
  });
}

export function toCortezaMember(member: MemberView): CortezaMember {
  return { channelID: member.channelId, userID: member.userId, type: member.role, createdAt: member.createdAt };
}

/** mark-as-read: what is still unread, as Corteza's outgoing.Unread (lastMessageID is the last read one). */
export function toCortezaReadState(unread: UnreadView | ThreadUnreadView, threadCount: number): CortezaUnread {
  const threadId = 'threadId' in unread ? unread.threadId : undefined;
  return present({
    threadID: threadId,
    lastMessageID: unread.lastReadMessageId ?? undefined,
    count: unread.count,
    threadCount,
    mentions: unread.mentions,
  });
}

/**
 * A webhook as the 2020.6 Corteza client gets it: Corteza's webhook (messaging/types/webhook.go)
 * had `trigger` and `url` as strings ('' when unset) and left out unset times; our names stay
 * (webhookID, channelID, as the seed's parameters), ids as strings, and unset extras are left out.
 */
export function toCortezaWebhook<T extends { trigger: string | null; url: string | null }>(
  webhook: T,
): T & { trigger: string; url: string } {
  return present({ ...webhook, trigger: webhook.trigger ?? '', url: webhook.url ?? '' });
}
