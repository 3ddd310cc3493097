import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type ChannelOperation,
  DomainError,
  ErrorCode,
  type ListMessagesQuery,
  type MessageType,
  channelResource,
  type MessagePage,
  type MessageView,
  type MessageWindowQuery,
  slackTsFromId,
} from '@switchboard/contracts';
import type { ChannelEntity, MessageEntity, UserEntity } from '@switchboard/db';
import { canEditMessage, canPost } from '../access/access-policy';
import { AttachmentRepository } from '../attachments/attachment.repository';
import { ChannelAccess } from '../channels/channel-access';
import { MessageAnnotator } from '../annotations/message-annotator';
import { IdGenerator } from '../ids/id-generator';
import { MentionRepository } from '../mentions/mention.repository';
import { ReadStateRepository } from '../read-state/read-state.repository';
import { OutboxWriter } from '../outbox/outbox.writer';
import { UserRepository } from '../users/user.repository';
import { toChannelView, toMessageView, toUserView } from '../views/view-mappers';
import { FastMessagePoster } from './fast-message-poster';
import { MessageRepository } from './message.repository';

export interface PostOptions {
  replyTo?: string | null;
  /** Zulip topic; ignored in group conversations, and replies take their root's. */
  topic?: string;
  webhookId?: string | null;
  displayName?: string | null;
  avatarUrl?: string | null;
  idempotencyKey?: string | null;
  type?: MessageType;
  /** Runs inside the posting transaction, after the message row exists (attachment rows). */
  within?: (em: EntityManager, message: MessageEntity) => Promise<void>;
}

export interface MessageExtra {
  type: MessageType;
  /** A channel operation the actor's role must allow, besides posting. */
  operation?: ChannelOperation;
  within(em: EntityManager, message: MessageEntity): Promise<void>;
}

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
    private readonly annotator: MessageAnnotator,
    private readonly mentions: MentionRepository,
    private readonly reads: ReadStateRepository,
    private readonly attachments: AttachmentRepository,
    private readonly fast: FastMessagePoster,
  ) {}

  /**
   * Posts a message, or a thread reply when `replyTo` is set (replies to a reply join its root's
   * thread). `extra` lets other kinds of message (attachments) write their rows in the same
   * transaction, before the event.
   */
  async post(
    actor: UserEntity,
    channelId: string,
    text: string,
    replyTo?: string,
    extra?: MessageExtra,
    topic?: string,
  ): Promise<MessageView> {
    const body = requireText(text);
    if (!replyTo && !extra) {
      const posted = await this.fast.tryPost(actor, channelId, body, topic);
      if (posted) return posted;
    }
    return this.db.transaction(async (em) => {
      const channel = await this.postableChannel(em, actor, channelId);
      if (
        extra?.operation &&
        !(await this.access.readable(actor, channel.id, em)).perms.can(extra.operation, channelResource(channel.id))
      ) {
        throw new DomainError(ErrorCode.Forbidden, `Your role may not ${extra.operation} in this channel`);
      }
      return toMessageView(
        await this.insertInTransaction(em, channel, actor, body, {
          replyTo,
          topic,
          type: extra?.type,
          within: extra?.within,
        }),
        { bookmarked: false },
      );
    });
  }

  /**
   * Inserts a message and its event inside the caller's transaction, for callers that authorised
   * the author themselves (webhooks post as their bot, which need not be a channel member).
   * With an idempotency key, a second post with the same key returns the first message.
   */
  async insertInTransaction(
    em: EntityManager,
    channel: ChannelEntity,
    author: UserEntity,
    text: string,
    options: PostOptions = {},
  ): Promise<MessageEntity> {
    const body = requireText(text);
    ChannelAccess.assertWritable(channel);
    if (options.idempotencyKey) {
      const existing = await this.messages.findByIdempotencyKey(em, options.idempotencyKey);
      if (existing) return existing;
    }
    let parent: MessageEntity | null = null;
    if (options.replyTo) {
      parent = await this.liveMessage(em, channel, options.replyTo, true);
      if (parent.replyTo) parent = await this.liveMessage(em, channel, parent.replyTo, true);
    }
    const id = await this.ids.next(em);
    const message = await this.messages.insert(
      em,
      {
        id,
        // Group conversations (Zulip direct messages) have no topics; replies stay in their root's topic.
        topic: channel.type === 'group' ? '' : parent ? parent.topic : (options.topic ?? '').trim(),
        organisationId: channel.organisationId,
        channelId: channel.id,
        userId: author.id,
        body,
        replyTo: parent?.id ?? null,
        ts: slackTsFromId(id),
        webhookId: options.webhookId ?? null,
        displayName: options.displayName ?? null,
        avatarUrl: options.avatarUrl ?? null,
        idempotencyKey: options.idempotencyKey ?? null,
      },
      options.type,
    );
    if (parent) parent.replyCount = await this.messages.adjustReplyCount(em, parent.id, 1);
    await options.within?.(em, message);
    await this.mentions.record(em, message);
    // What one writes, one has read.
    if (parent) await this.reads.markThread(em, author.id, channel.id, parent.id, message.id);
    else await this.reads.markChannel(em, author.id, channel.id, message.id);
    await this.outbox.appendToConversation(em, channel, 'message.created', author.id, {
      message: toMessageView(message),
      author: toUserView(author),
      channel: toChannelView(channel),
      parent: parent ? await this.annotator.view(parent, null, em) : null,
    });
    return message;
  }

  /** Changes the text and/or the topic (at least one). */
  async edit(
    actor: UserEntity,
    channelId: string,
    messageId: string,
    text: string | undefined,
    topic?: string,
  ): Promise<MessageView> {
    const body = text === undefined && topic !== undefined ? undefined : requireText(text ?? '');
    return this.db.transaction(async (em) => {
      const { channel, perms } = await this.access.readable(actor, channelId, em);
      const message = await this.liveMessage(em, channel, messageId, true);
      if (!canEditMessage(actor, message.userId, channel.id, perms))
        throw new DomainError(ErrorCode.Forbidden, 'Only the author or an admin can edit this message');
      ChannelAccess.assertWritable(channel);
      const newTopic = topic === undefined || channel.type === 'group' ? message.topic : topic.trim();
      if ((body === undefined || message.body === body) && newTopic === message.topic)
        return this.annotator.view(message, actor.id, em);
      const previous = await this.annotator.view(message, null, em);
      if (body !== undefined) message.body = body;
      message.topic = newTopic;
      message.updatedAt = new Date();
      await this.messages.save(em, message);
      await this.mentions.record(em, message);
      const author = message.userId === actor.id ? actor : await this.users.findById(message.userId, em);
      await this.outbox.appendToConversation(em, channel, 'message.updated', actor.id, {
        message: { ...previous, message: message.body, updatedAt: message.updatedAt.toISOString() },
        previous,
        editor: toUserView(actor),
        author: toUserView(author ?? actor),
        channel: toChannelView(channel),
      });
      return this.annotator.view(message, actor.id, em);
    });
  }

  async delete(actor: UserEntity, channelId: string, messageId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const { channel, perms } = await this.access.readable(actor, channelId, em);
      const message = await this.liveMessage(em, channel, messageId, true);
      if (!canEditMessage(actor, message.userId, channel.id, perms, 'message.delete.all'))
        throw new DomainError(ErrorCode.Forbidden, 'Only the author or an admin can delete this message');
      ChannelAccess.assertWritable(channel);
      message.deletedAt = new Date();
      message.body = ''; // a deleted message's text is gone, not hidden
      await this.messages.save(em, message);
      // Its files too: marked here, removed by a job once this commits (AttachmentRemovalService).
      if (message.type === 'attachment') await this.attachments.markForRemoval(em, message.id);
      let parent: MessageEntity | null = null;
      if (message.replyTo) {
        parent = await this.messages.findById(message.replyTo, em, true);
        if (parent) parent.replyCount = await this.messages.adjustReplyCount(em, parent.id, -1);
      }
      const author = message.userId === actor.id ? actor : await this.users.findById(message.userId, em);
      await this.outbox.appendToConversation(em, channel, 'message.deleted', actor.id, {
        message: toMessageView(message),
        author: toUserView(author ?? actor),
        channel: toChannelView(channel),
        parent: parent ? toMessageView(parent) : null,
      });
    });
  }

  async history(actor: UserEntity, channelId: string, query: ListMessagesQuery): Promise<MessagePage> {
    const { channel } = await this.access.readable(actor, channelId);
    const page = await this.messages.history(channel.id, {
      limit: query.limit ?? DEFAULT_PAGE,
      beforeId: query.beforeMessageID,
      afterId: query.afterMessageID,
    });
    return { messages: await this.annotator.views(page.messages, actor.id), hasMore: page.hasMore };
  }

  async get(actor: UserEntity, channelId: string, messageId: string): Promise<MessageView> {
    const { channel } = await this.access.readable(actor, channelId);
    return this.annotator.view(await this.liveMessage(this.db.manager, channel, messageId), actor.id);
  }

  /** The message with this Slack `ts` in a channel the actor can read. */
  async byTs(actor: UserEntity, channelId: string, ts: string): Promise<MessageView> {
    const { channel } = await this.access.readable(actor, channelId);
    const message = await this.messages.findByTs(channel.id, ts);
    if (!message || message.deletedAt)
      throw new DomainError(ErrorCode.MessageNotFound, `No message with ts ${ts} in this channel`);
    return this.annotator.view(message, actor.id);
  }

  async window(actor: UserEntity, channelId: string, query: MessageWindowQuery): Promise<MessagePage> {
    const { channel } = await this.access.readable(actor, channelId);
    const page = await this.messages.window(channel.id, {
      latest: query.latest,
      oldest: query.oldest,
      inclusive: query.inclusive,
      limit: query.limit ?? 100,
      beforeId: query.beforeMessageId,
    });
    return { messages: await this.annotator.views(page.messages, actor.id), hasMore: page.hasMore };
  }

  /** A thread: its root first, then the replies oldest first. */
  async thread(actor: UserEntity, channelId: string, messageId: string): Promise<MessageView[]> {
    const { channel } = await this.access.readable(actor, channelId);
    const root = await this.liveMessage(this.db.manager, channel, messageId);
    const rootOfThread = root.replyTo ? await this.liveMessage(this.db.manager, channel, root.replyTo) : root;
    return this.annotator.views(
      [rootOfThread, ...(await this.messages.thread(rootOfThread.id, THREAD_LIMIT))],
      actor.id,
    );
  }

  private async postableChannel(em: EntityManager, actor: UserEntity, channelId: string): Promise<ChannelEntity> {
    const { channel, membership, perms } = await this.access.readable(actor, channelId, em);
    ChannelAccess.assertWritable(channel);
    if (membership && !perms.can('message.send', channelResource(channel.id)))
      throw new DomainError(ErrorCode.Forbidden, 'Your role may not post in this channel');
    if (!canPost(actor, channel, membership, perms))
      throw new DomainError(ErrorCode.NotAMember, 'Join the channel before posting to it');
    return channel;
  }

  private async liveMessage(
    em: EntityManager,
    channel: ChannelEntity,
    messageId: string,
    lock = false,
  ): Promise<MessageEntity> {
    const message = await this.messages.findById(messageId, em, lock);
    if (!message || message.channelId !== channel.id || message.deletedAt)
      throw new DomainError(ErrorCode.MessageNotFound, `Message ${messageId} not found in this channel`);
    return message;
  }
}

function requireText(text: string): string {
  if (typeof text !== 'string' || text.trim().length === 0)
    throw new DomainError(ErrorCode.ValidationFailed, 'A message needs some text', [
      { field: 'message', message: 'message must not be empty' },
    ]);
  return text;
}
