import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MessageView, PostBlocksMessageDto } from '@switchboard/contracts';
import { MessageBlocksEntity, type UserEntity } from '@switchboard/db';
import { ChannelAccess } from '../channels/channel-access';
import { MessageService } from '../messages/message.service';

/**
 * Block Kit blocks (chat.postMessage): written beside the message in its own transaction, through
 * the message service's `within` hook, so posting keeps every rule of a text post (the text is the
 * fallback every other surface shows); read back by message id for readers of the channel.
 */
@Injectable()
export class MessageBlocksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessageService,
    private readonly access: ChannelAccess,
  ) {}

  async post(
    actor: UserEntity,
    channelId: string,
    input: PostBlocksMessageDto,
  ): Promise<MessageView & { blocks: unknown[] }> {
    const message = await this.messages.post(actor, channelId, input.message, input.replyTo, {
      type: 'text',
      within: async (em, created) =>
        void (await em.insert(MessageBlocksEntity, { messageId: created.id, blocks: input.blocks })),
    });
    return { ...message, blocks: input.blocks };
  }

  /** Blocks of those of `messageIds` in the channel that have any; 404 when the actor may not read it. */
  async ofMessages(actor: UserEntity, channelId: string, messageIds: string[]): Promise<Record<string, unknown[]>> {
    await this.access.readable(actor, channelId);
    if (messageIds.length === 0) return {};
    const rows = (await this.db.query(
      `SELECT b.message_id::text AS id, b.blocks FROM message_blocks b JOIN messages m ON m.id = b.message_id WHERE m.channel_id = $1 AND m.deleted_at IS NULL AND b.message_id = ANY($2::bigint[])`,
      [channelId, messageIds],
    )) as { id: string; blocks: unknown[] }[];
    return Object.fromEntries(rows.map((row) => [row.id, row.blocks]));
  }
}
