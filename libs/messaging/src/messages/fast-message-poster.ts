import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type MessageView,
  channelResource,
  parseMentions,
  roleOf,
} from '@switchboard/contracts';
import { type ChannelMemberEntity, MessageEntity, type UserEntity } from '@switchboard/db';
import { ActorCache } from '../users/actor-cache';
import { toChannelView, toMessageView, toUserView } from '../views/view-mappers';
import { messageCapabilities } from '../views/viewer-capabilities';
import { MessagePostBatcher } from './message-post.batcher';
import { PostingFacts } from './posting-facts';

/**
 * The write path of a plain top-level post: decide from cached facts, then let one batched
 * statement check those facts and write everything (see POST_BATCH_SQL). Returns null whenever it
 * cannot vouch for the answer — a cache miss it cannot fill, a refusal, a stale entry — and the
 * caller takes the ordinary transactional path, which has the final word and the precise errors.
 */
@Injectable()
export class FastMessagePoster {
  constructor(
    private readonly actors: ActorCache,
    private readonly facts: PostingFacts,
    private readonly batcher: MessagePostBatcher,
  ) {}

  async tryPost(
    actor: UserEntity,
    channelId: string,
    body: string,
    topic: string | undefined,
  ): Promise<MessageView | null> {
    const [author, cached] = await Promise.all([this.actors.get(actor.id), this.facts.channel(channelId)]);
    if (!author || !cached) return null;
    const { channel } = cached;
    if (channel.organisationId !== actor.organisationId || channel.deletedAt || channel.archivedAt) return null;
    const rules = await this.facts.rulesOf(channel.organisationId, author.user.role);
    const resource = channelResource(channel.id);
    if (!rules.perms.can('read', resource) || !rules.perms.can('message.send', resource)) return null;

    const draft = Object.assign(new MessageEntity(), {
      id: '0',
      zulipId: '0',
      organisationId: channel.organisationId,
      channelId: channel.id,
      userId: author.user.id,
      body,
      topic: channel.type === 'group' ? '' : (topic ?? '').trim(),
      type: 'text',
      replyTo: null,
      replyCount: 0,
      ts: '',
      createdAt: new Date(0),
      updatedAt: null,
      deletedAt: null,
      webhookId: null,
      displayName: null,
      avatarUrl: null,
      idempotencyKey: null,
    } satisfies Partial<MessageEntity>);
    const payload = {
      message: toMessageView(draft),
      author: toUserView(author.user),
      channel: toChannelView(channel),
      parent: null,
    };
    const mentions = parseMentions(body);
    const inserted = await this.batcher.submit(channel.organisationId, {
      channelId: channel.id,
      userId: author.user.id,
      userVersion: author.version,
      roleId: roleOf(author.user.role),
      rulesVersion: rules.version,
      channelVersion: cached.version,
      body,
      topic: draft.topic,
      payload: JSON.stringify(payload),
      mentionedIds: mentions.userIds,
      mentionedHandles: mentions.handles,
    });
    if (!inserted) {
      this.facts.forget(channel.id, channel.organisationId, author.user.role);
      // The ordinary path trusts the actor it was given: a deactivation the statement saw must stop here.
      const fresh = await this.actors.refresh(author.user.id);
      if (!fresh || fresh.user.deactivatedAt)
        throw new DomainError(ErrorCode.AccountInactive, 'This account is deactivated');
      return null;
    }
    const view: MessageView = {
      ...payload.message,
      messageId: inserted.id,
      zulipId: Number(inserted.zulip_id),
      ts: inserted.ts,
      createdAt: inserted.created_at,
      bookmarked: false,
    };
    // The statement has just proved the membership, so the author's capabilities need no further reads.
    const membership = { channelId: channel.id, userId: author.user.id } as ChannelMemberEntity;
    return { ...view, capabilities: messageCapabilities(author.user, view, channel, membership, rules.perms) };
  }
}
