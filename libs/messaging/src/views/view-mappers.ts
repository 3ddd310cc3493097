import type {
  ChannelView,
  MemberView,
  MessageView,
  OrganisationView,
  ReactionView,
  UserView,
} from '@switchboard/contracts';
import type {
  ChannelEntity,
  ChannelMemberEntity,
  MessageEntity,
  OrganisationEntity,
  UserEntity,
} from '@switchboard/db';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toOrganisationView(org: OrganisationEntity): OrganisationView {
  return { organisationId: org.id, name: org.name, slug: org.slug, createdAt: org.createdAt.toISOString() };
}

export function toUserView(user: UserEntity): UserView {
  return {
    userId: user.id,
    zulipId: Number(user.zulipId),
    organisationId: user.organisationId,
    email: user.email,
    handle: user.handle,
    name: user.displayName,
    kind: user.kind,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    deactivatedAt: iso(user.deactivatedAt),
  };
}

export function toChannelView(channel: ChannelEntity): ChannelView {
  return {
    channelId: channel.id,
    zulipId: Number(channel.zulipId),
    organisationId: channel.organisationId,
    name: channel.name,
    topic: channel.topic,
    type: channel.type,
    creatorId: channel.creatorId,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: iso(channel.updatedAt),
    archivedAt: iso(channel.archivedAt),
    deletedAt: iso(channel.deletedAt),
  };
}

export function toMemberView(member: ChannelMemberEntity): MemberView {
  return {
    channelId: member.channelId,
    userId: member.userId,
    role: member.role,
    flag: member.flag,
    createdAt: member.createdAt.toISOString(),
  };
}

/** What other tables add to a message: reactions and pin for everyone, the bookmark for its owner only. */
export interface MessageAnnotations {
  reactions?: ReactionView[];
  pinned?: boolean;
  bookmarked?: boolean;
}

export function toMessageView(message: MessageEntity, annotations: MessageAnnotations = {}): MessageView {
  return {
    messageId: message.id,
    zulipId: Number(message.zulipId),
    channelId: message.channelId,
    userId: message.userId,
    topic: message.topic,
    message: message.deletedAt ? '' : message.body,
    type: message.type,
    replyTo: message.replyTo,
    replies: message.replyCount,
    ts: message.ts,
    createdAt: message.createdAt.toISOString(),
    updatedAt: iso(message.updatedAt),
    deletedAt: iso(message.deletedAt),
    meta:
      message.webhookId || message.displayName || message.avatarUrl
        ? {
            webhookId: message.webhookId ?? null,
            username: message.displayName ?? null,
            avatarURL: message.avatarUrl ?? null,
          }
        : null,
    reactions: annotations.reactions ?? [],
    pinned: annotations.pinned ?? false,
    ...(annotations.bookmarked === undefined ? {} : { bookmarked: annotations.bookmarked }),
  };
}
