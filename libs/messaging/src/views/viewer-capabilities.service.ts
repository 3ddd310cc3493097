import { Injectable } from '@nestjs/common';
import type { ChannelView, MessageView } from '@switchboard/contracts';
import type { ChannelEntity, ChannelMemberEntity, UserEntity } from '@switchboard/db';
import { ChannelRepository } from '../channels/channel.repository';
import { PermissionService } from '../permissions/permission.service';
import { channelCapabilities, messageCapabilities } from './viewer-capabilities';

type Found = { channels: ChannelView[]; messages: MessageView[] };

const isChannelView = (value: Record<string, unknown>): boolean =>
  typeof value.channelId === 'string' && typeof value.creatorId === 'string' && 'archivedAt' in value;
const isMessageView = (value: Record<string, unknown>): boolean =>
  typeof value.messageId === 'string' && typeof value.ts === 'string';

/** Finds the channel and message views of an answer: the answer itself, its items, a page's messages, a command result's message or channel. */
function collect(body: unknown, found: Found, depth = 0): void {
  if (depth > 2 || body === null || typeof body !== 'object') return;
  if (Array.isArray(body)) {
    for (const item of body) collect(item, found, depth + 1);
    return;
  }
  const value = body as Record<string, unknown>;
  // A message that already carries its capabilities (the post fast path knows them) needs no reads.
  if (isMessageView(value)) {
    if (!value.capabilities) found.messages.push(value as unknown as MessageView);
  } else if (isChannelView(value)) found.channels.push(value as unknown as ChannelView);
  else
    for (const key of ['messages', 'message', 'channel'])
      if (typeof value[key] === 'object') collect(value[key], found, depth + 1);
}

/**
 * Adds to an answer's channels their `members` and `capabilities`, and to its messages their
 * `capabilities`, for the user who asked: a few reads (channels, the viewer's memberships, member
 * ids), paid only by callers that ask (the Corteza dialect).
 */
@Injectable()
export class ViewerCapabilitiesService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly permissions: PermissionService,
  ) {}

  async decorate(actor: UserEntity, body: unknown): Promise<void> {
    const found: Found = { channels: [], messages: [] };
    collect(body, found);
    if (found.channels.length === 0 && found.messages.length === 0) return;
    const channelIds = [
      ...new Set([
        ...found.channels.map((channel) => channel.channelId),
        ...found.messages.map((message) => message.channelId),
      ]),
    ];
    const [perms, entities, memberships, memberIds] = await Promise.all([
      this.permissions.forActor(actor),
      this.channels.findByIds(channelIds),
      this.channels.findMemberships(actor.id, channelIds),
      this.channels.memberIdsOf([...new Set(found.channels.map((channel) => channel.channelId))]),
    ]);
    const byId = new Map<string, ChannelEntity>(entities.map((channel) => [channel.id, channel]));
    const membershipOf = new Map<string, ChannelMemberEntity>(memberships.map((member) => [member.channelId, member]));
    for (const view of found.channels) {
      const channel = byId.get(view.channelId);
      view.members = memberIds.get(view.channelId) ?? [];
      if (channel) view.capabilities = channelCapabilities(actor, channel, membershipOf.get(channel.id) ?? null, perms);
    }
    for (const view of found.messages) {
      const channel = byId.get(view.channelId);
      if (channel)
        view.capabilities = messageCapabilities(actor, view, channel, membershipOf.get(channel.id) ?? null, perms);
    }
  }
}
