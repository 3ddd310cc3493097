import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode, type MessageView } from '@switchboard/contracts';
import type { ChannelEntity, MessageEntity, UserEntity } from '@switchboard/db';
import { canPost } from '../access/access-policy';
import { ChannelAccess } from '../channels/channel-access';
import { MessageRepository } from '../messages/message.repository';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { toChannelView } from '../views/view-mappers';
import { AnnotationRepository } from './annotation.repository';
import { MessageAnnotator } from './message-annotator';

const REACTION_NAME = /^[^\s:<>"'`\\/]{1,64}$/u;

/** `:thumbsup:` and `thumbsup` are one reaction; names are short and free of whitespace and markup. */
export function normaliseReaction(raw: string): string {
  const name = raw
    .trim()
    .replace(/^:(.+):$/u, '$1')
    .toLowerCase();
  if (!REACTION_NAME.test(name))
    throw new DomainError(
      ErrorCode.ValidationFailed,
      'A reaction is a name of 1–64 characters without spaces or markup',
      [{ field: 'reaction', message: 'invalid reaction name' }],
    );
  return name;
}

export interface ReactOptions {
  strict?: boolean;
  existingOnly?: boolean;
}

interface Target {
  channel: ChannelEntity;
  message: MessageEntity;
}

/**
 * Reactions (one per user per name) and pins are visible to the channel and need the right to
 * post; bookmarks are private to their user and need only the right to read.
 */
@Injectable()
export class AnnotationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ChannelAccess,
    private readonly messages: MessageRepository,
    private readonly annotations: AnnotationRepository,
    private readonly annotator: MessageAnnotator,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Adding a reaction one already made is a no-op and removing one never made a 404, unless
   * `strict` (Zulip): then both are errors of their own. With `existingOnly` a reaction can only
   * be added when someone already reacted with that name.
   */
  async react(
    actor: UserEntity,
    channelId: string,
    messageId: string,
    rawReaction: string,
    add: boolean,
    options: ReactOptions = {},
  ): Promise<MessageView> {
    const reaction = normaliseReaction(rawReaction);
    return this.db.transaction(async (em) => {
      const { channel, message } = await this.target(em, actor, channelId, messageId, true);
      if (add && options.existingOnly && !(await this.annotations.hasReaction(em, message.id, reaction)))
        throw new DomainError(ErrorCode.BadRequest, `Emoji '${reaction}' does not exist`);
      const changed = add
        ? await this.annotations.addReaction(em, message.id, actor.id, reaction)
        : await this.annotations.removeReaction(em, message.id, actor.id, reaction);
      if (!changed && add && options.strict)
        throw new DomainError(ErrorCode.ReactionExists, 'Reaction already exists.');
      if (!changed && !add)
        throw options.strict
          ? new DomainError(ErrorCode.ReactionNotFound, "Reaction doesn't exist.")
          : new DomainError(ErrorCode.NotFound, `You have not reacted with "${reaction}" to this message`);
      const view = await this.annotator.view(message, null, em);
      if (changed) {
        await this.outbox.appendToConversation(
          em,
          channel,
          add ? 'message.reaction_added' : 'message.reaction_removed',
          actor.id,
          { message: view, channel: toChannelView(channel), userId: actor.id, reaction },
        );
      }
      return this.annotator.view(message, actor.id, em);
    });
  }

  /** `react` on a message named by its compact (Zulip) id; unknown and unreadable messages are alike. */
  async reactByZulipId(
    actor: UserEntity,
    zulipId: string,
    rawReaction: string,
    add: boolean,
    options: ReactOptions,
  ): Promise<MessageView> {
    const message = await this.messages.findByZulipId(zulipId);
    if (!message || message.deletedAt) throw new DomainError(ErrorCode.MessageNotFound, `Message ${zulipId} not found`);
    try {
      return await this.react(actor, message.channelId, message.id, rawReaction, add, options);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.ChannelNotFound)
        throw new DomainError(ErrorCode.MessageNotFound, `Message ${zulipId} not found`);
      throw error;
    }
  }

  async pin(actor: UserEntity, channelId: string, messageId: string, add: boolean): Promise<MessageView> {
    return this.db.transaction(async (em) => {
      const { channel, message } = await this.target(em, actor, channelId, messageId, true);
      const changed = add
        ? await this.annotations.pin(em, message.id, channel.id, actor.id)
        : await this.annotations.unpin(em, message.id);
      if (!changed && !add) throw new DomainError(ErrorCode.NotFound, 'This message is not pinned');
      if (changed) {
        const view = await this.annotator.view(message, null, em);
        const base = { message: view, channel: toChannelView(channel), userId: actor.id };
        if (add) await this.outbox.appendToConversation(em, channel, 'message.pinned', actor.id, base);
        else
          await this.outbox.appendToConversation(em, channel, 'message.unpinned', actor.id, {
            ...base,
            hasPins: await this.annotations.hasPins(em, channel.id),
          });
      }
      return this.annotator.view(message, actor.id, em);
    });
  }

  async bookmark(actor: UserEntity, channelId: string, messageId: string, add: boolean): Promise<MessageView> {
    return this.db.transaction(async (em) => {
      const { channel, message } = await this.target(em, actor, channelId, messageId, false);
      const changed = add
        ? await this.annotations.bookmark(em, message.id, channel.id, actor.id)
        : await this.annotations.unbookmark(em, message.id, actor.id);
      if (!changed && !add) throw new DomainError(ErrorCode.NotFound, 'This message is not bookmarked');
      if (changed) {
        const view = await this.annotator.view(message, null, em);
        await this.outbox.append(em, channel.organisationId, [
          pendingEvent(
            add ? 'message.bookmarked' : 'message.unbookmarked',
            actor.id,
            { userIds: [actor.id] },
            { message: view, channel: toChannelView(channel), userId: actor.id },
          ),
        ]);
      }
      return this.annotator.view(message, actor.id, em);
    });
  }

  private async target(
    em: EntityManager,
    actor: UserEntity,
    channelId: string,
    messageId: string,
    visibleToChannel: boolean,
  ): Promise<Target> {
    const { channel, membership, perms } = await this.access.readable(actor, channelId, em);
    // The message row lock serialises concurrent annotations of one message.
    const message = await this.messages.findById(messageId, em, true);
    if (!message || message.channelId !== channel.id || message.deletedAt)
      throw new DomainError(ErrorCode.MessageNotFound, `Message ${messageId} not found in this channel`);
    if (visibleToChannel) {
      ChannelAccess.assertWritable(channel);
      if (!canPost(actor, channel, membership, perms))
        throw new DomainError(ErrorCode.NotAMember, 'Join the channel first');
    }
    return { channel, message };
  }
}
