import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  ErrorCode,
  type MarkAsReadDto,
  type ThreadUnreadView,
  type UnreadView,
} from '@switchboard/contracts';
import type { UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { MessageRepository } from '../messages/message.repository';
import { OutboxWriter, pendingEvent } from '../outbox/outbox.writer';
import { toChannelView } from '../views/view-mappers';
import { MAX_FLIPPED, readFlip } from './marker-moves';
import { ReadStateRepository } from './read-state.repository';

/** mark-as-read for a channel or a thread; markers may move backwards too ("mark as unread"). */
@Injectable()
export class ReadStateService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ChannelAccess,
    private readonly messages: MessageRepository,
    private readonly reads: ReadStateRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async markAsRead(actor: UserEntity, channelId: string, input: MarkAsReadDto): Promise<UnreadView | ThreadUnreadView> {
    return this.db.transaction(async (em) => {
      const { channel, membership } = await this.access.readable(actor, channelId, em);
      if (!membership) throw new DomainError(ErrorCode.NotAMember, 'Only members have a read state in this channel');
      let threadId: string | null = null;
      if (input.threadID) {
        const root = await this.messages.findById(input.threadID, em);
        if (!root || root.channelId !== channel.id || root.deletedAt)
          throw new DomainError(ErrorCode.MessageNotFound, `Thread ${input.threadID} not found in this channel`);
        threadId = root.replyTo ?? root.id;
      }
      let lastRead: string | null;
      if (input.lastReadMessageID) {
        const message = await this.messages.findById(input.lastReadMessageID, em);
        const inScope =
          message &&
          message.channelId === channel.id &&
          (threadId ? message.replyTo === threadId || message.id === threadId : message.replyTo === null);
        if (!inScope)
          throw new DomainError(
            ErrorCode.MessageNotFound,
            `Message ${input.lastReadMessageID} not found in this ${threadId ? 'thread' : 'channel'}`,
          );
        lastRead = message.id;
      } else {
        lastRead = await this.reads.newest(em, channel.id, threadId);
      }
      const previous = await this.reads.marker(em, actor.id, channel.id, threadId);
      const flippedIds = await this.reads.between(em, actor.id, channel.id, threadId, previous, lastRead, MAX_FLIPPED);
      const flipped = readFlip(previous, lastRead, flippedIds);
      let unread: UnreadView | ThreadUnreadView;
      if (threadId) {
        await this.reads.markThread(em, actor.id, channel.id, threadId, lastRead);
        [unread] = await this.reads.threads(actor.id, channel.id, threadId, em);
      } else {
        await this.reads.markChannel(em, actor.id, channel.id, lastRead);
        unread = (await this.reads.channels(actor.id, [channel.id], em)).get(channel.id) ?? {
          count: 0,
          mentions: 0,
          lastReadMessageId: lastRead,
        };
      }
      await this.outbox.append(em, channel.organisationId, [
        pendingEvent(
          'channel.read',
          actor.id,
          { userIds: [actor.id] },
          { channel: toChannelView(channel), userId: actor.id, threadId, unread, flipped },
        ),
      ]);
      return unread;
    });
  }
}
