import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode, type ListMessagesQuery, type MessagePage, type MessageView, slackTsFromId } from '@switchboard/contracts';
import type { ChannelEntity, MessageEntity, UserEntity } from '@switchboard/db';
import { canEditMessage, canPost } from '../access/access-policy';
import { ChannelAccess } from '../channels/channel-access';
import { IdGenerator } from '../ids/id-generator';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { UserRepository } from '../users/user.repository';
import { toChannelView, toMessageView, toUserView } from '../views/view-mappers';
import { MessageRepository } from './message.repository';

const DEFAULT_PAGE = 50;
const THREAD_LIMIT = 1000;

@Injectable()
export class MessageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessageRepository,
    private readonly users: UserRepository,
    private readonly access: ChannelAccess,
    private readonly ids: IdGenerator,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Posts a message, or a thread reply when `replyTo` is set (replies to a reply join its root's thread). */
  async post(actor: UserEntity, channelId: string, text: string, replyTo?: string, topic?: string): Promise<MessageView> {
    const body = requireText(text);
    return this.db.transaction(async (em) => {
      const channel = await this.postableChannel(em, actor, channelId);
      let parent: MessageEntity | null = null;
      if (replyTo) {
        parent = await this.liveMessage(em, channel, replyTo, true);
        if (parent.replyTo) parent = await this.liveMessage(em, channel, parent.replyTo, true);
      }
      const id = await this.ids.next(em);
      // Group conversations (Zulip direct messages) have no topics; replies stay in their root's topic.
      const messageTopic = channel.type === 'group' ? '' : parent ? parent.topic : (topic ?? '').trim();
      const message = await this.messages.insert(em, { id, organisationId: channel.organisationId, channelId: channel.id, userId: actor.id, body, topic: messageTopic, replyTo: parent?.id ?? null, ts: slackTsFromId(id) });
      if (parent) parent.replyCount = await this.messages.adjustReplyCount(em, parent.id, 1);
      await this.outbox.append(em, channel.organisationId, [
        pendingEvent('message.created', actor.id, { conversationId: channel.id }, {
          message: toMessageView(message),
          author: toUserView(actor),
          channel: toChannelView(channel),
          parent: parent ? toMessageView(parent) : null,
        }),
      ]);
      return toMessageView(message);
    });
  }

  /** Changes the text and/or the topic (at least one). */
  async edit(actor: UserEntity, channelId: string, messageId: string, text: string | undefined, topic?: string): Promise<MessageView> {
    const body = text === undefined && topic !== undefined ? undefined : requireText(text ?? '');
    return this.db.transaction(async (em) => {
      const { channel } = await this.access.readable(actor, channelId, em);
      const message = await this.liveMessage(em, channel, messageId, true);
      if (!canEditMessage(actor, message.userId)) throw new DomainError(ErrorCode.Forbidden, 'Only the author or an admin can edit this message');
      ChannelAccess.assertWritable(channel);
      const newTopic = topic === undefined || channel.type === 'group' ? message.topic : topic.trim();
      if ((body === undefined || message.body === body) && newTopic === message.topic) return toMessageView(message);
      const previous = toMessageView(message);
      if (body !== undefined) message.body = body;
      message.topic = newTopic;
      message.updatedAt = new Date();
      await this.messages.save(em, message);
      const author = message.userId === actor.id ? actor : await this.users.findById(message.userId, em);
      await this.outbox.append(em, channel.organisationId, [
        pendingEvent('message.updated', actor.id, { conversationId: channel.id }, {
          message: toMessageView(message),
          previous,
          editor: toUserView(actor),
          author: toUserView(author ?? actor),
          channel: toChannelView(channel),
        }),
      ]);
      return toMessageView(message);
    });
  }

  async delete(actor: UserEntity, channelId: string, messageId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const { channel } = await this.access.readable(actor, channelId, em);
      const message = await this.liveMessage(em, channel, messageId, true);
      if (!canEditMessage(actor, message.userId)) throw new DomainError(ErrorCode.Forbidden, 'Only the author or an admin can delete this message');
      ChannelAccess.assertWritable(channel);
      message.deletedAt = new Date();
      message.body = ''; // a deleted message's text is gone, not hidden
      await this.messages.save(em, message);
      let parent: MessageEntity | null = null;
      if (message.replyTo) {
        parent = await this.messages.findById(message.replyTo, em, true);
        if (parent) parent.replyCount = await this.messages.adjustReplyCount(em, parent.id, -1);
      }
      const author = message.userId === actor.id ? actor : await this.users.findById(message.userId, em);
      await this.outbox.append(em, channel.organisationId, [
        pendingEvent('message.deleted', actor.id, { conversationId: channel.id }, {
          message: toMessageView(message),
          author: toUserView(author ?? actor),
          channel: toChannelView(channel),
          parent: parent ? toMessageView(parent) : null,
        }),
      ]);
    });
  }

  async history(actor: UserEntity, channelId: string, query: ListMessagesQuery): Promise<MessagePage> {
    const { channel } = await this.access.readable(actor, channelId);
    const page = await this.messages.history(channel.id, { limit: query.limit ?? DEFAULT_PAGE, beforeId: query.beforeMessageID, afterId: query.afterMessageID });
    return { messages: page.messages.map(toMessageView), hasMore: page.hasMore };
  }

  /** A thread: its root first, then the replies oldest first. */
  async thread(actor: UserEntity, channelId: string, messageId: string): Promise<MessageView[]> {
    const { channel } = await this.access.readable(actor, channelId);
    const root = await this.liveMessage(this.db.manager, channel, messageId);
    const rootOfThread = root.replyTo ? await this.liveMessage(this.db.manager, channel, root.replyTo) : root;
    return [rootOfThread, ...(await this.messages.thread(rootOfThread.id, THREAD_LIMIT))].map(toMessageView);
  }

  private async postableChannel(em: EntityManager, actor: UserEntity, channelId: string): Promise<ChannelEntity> {
    const { channel, membership } = await this.access.readable(actor, channelId, em);
    ChannelAccess.assertWritable(channel);
    if (!canPost(actor, channel, membership)) throw new DomainError(ErrorCode.NotAMember, 'Join the channel before posting to it');
    return channel;
  }

  private async liveMessage(em: EntityManager, channel: ChannelEntity, messageId: string, lock = false): Promise<MessageEntity> {
    const message = await this.messages.findById(messageId, em, lock);
    if (!message || message.channelId !== channel.id || message.deletedAt) throw new DomainError(ErrorCode.MessageNotFound, `Message ${messageId} not found in this channel`);
    return message;
  }
}

function requireText(text: string): string {
  if (typeof text !== 'string' || text.trim().length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'A message needs some text', [{ field: 'message', message: 'message must not be empty' }]);
  return text;
}
