import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageType } from '@switchboard/contracts';
import { MessageEntity } from '@switchboard/db';
import { type IdWindow, newestFirstPage } from '../paging/id-page';

@Injectable()
export class MessageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string, em: EntityManager = this.db.manager, lock = false): Promise<MessageEntity | null> {
    return lock
      ? em.createQueryBuilder(MessageEntity, 'm').where('m.id = :id', { id }).setLock('pessimistic_write').getOne()
      : em.findOneBy(MessageEntity, { id });
  }

  findByZulipId(zulipId: string, em: EntityManager = this.db.manager): Promise<MessageEntity | null> {
    return em.findOneBy(MessageEntity, { zulipId });
  }

  insert(
    em: EntityManager,
    message: Pick<MessageEntity, 'id' | 'organisationId' | 'channelId' | 'userId' | 'body' | 'replyTo' | 'ts'> &
      Partial<Pick<MessageEntity, 'webhookId' | 'displayName' | 'avatarUrl' | 'idempotencyKey' | 'topic'>>,
    type: MessageType = 'text',
  ): Promise<MessageEntity> {
    return em.save(
      MessageEntity,
      em.create(MessageEntity, {
        topic: '',
        webhookId: null,
        displayName: null,
        avatarUrl: null,
        idempotencyKey: null,
        ...message,
        type,
        replyCount: 0,
        updatedAt: null,
        deletedAt: null,
      }),
    );
  }

  findByIdempotencyKey(em: EntityManager, key: string): Promise<MessageEntity | null> {
    return em.findOneBy(MessageEntity, { idempotencyKey: key });
  }

  async adjustReplyCount(em: EntityManager, parentId: string, delta: 1 | -1): Promise<number> {
    const [rows] = (await em.query(
      'UPDATE messages SET reply_count = greatest(reply_count + $2, 0) WHERE id = $1 RETURNING reply_count',
      [parentId, delta],
    )) as [{ reply_count: number }[], number];
    return rows[0]?.reply_count ?? 0;
  }

  save(em: EntityManager, message: MessageEntity): Promise<MessageEntity> {
    return em.save(MessageEntity, message);
  }

  /**
   * One page of a channel's top-level history, newest first; served by messages_history_idx.
   * With `afterId` the page is the one just after the cursor (for catching up), still newest first.
   */
  async history(channelId: string, window: IdWindow): Promise<{ messages: MessageEntity[]; hasMore: boolean }> {
    const builder = this.db.manager
      .createQueryBuilder(MessageEntity, 'm')
      .where('m.channel_id = :channelId', { channelId })
      .andWhere('m.reply_to IS NULL')
      .andWhere('m.deleted_at IS NULL');
    const { rows, hasMore } = await newestFirstPage(builder, 'm.id', window);
    return { messages: rows, hasMore };
  }

  findByTs(channelId: string, ts: string): Promise<MessageEntity | null> {
    return this.db.manager.findOneBy(MessageEntity, { channelId, ts });
  }

  /**
   * Top-level messages between two Slack `ts` bounds, newest first. `ts` strings are fixed width, so
   * comparing them as text compares them as times; messages_channel_ts_key serves the range.
   */
  async window(
    channelId: string,
    window: { latest?: string; oldest?: string; inclusive?: boolean; limit: number; beforeId?: string },
  ): Promise<{ messages: MessageEntity[]; hasMore: boolean }> {
    const builder = this.db.manager
      .createQueryBuilder(MessageEntity, 'm')
      .where('m.channel_id = :channelId', { channelId })
      .andWhere('m.reply_to IS NULL')
      .andWhere('m.deleted_at IS NULL')
      .orderBy('m.id', 'DESC')
      .limit(window.limit + 1);
    if (window.latest) builder.andWhere(`m.ts ${window.inclusive ? '<=' : '<'} :latest`, { latest: window.latest });
    if (window.oldest) builder.andWhere(`m.ts ${window.inclusive ? '>=' : '>'} :oldest`, { oldest: window.oldest });
    if (window.beforeId) builder.andWhere('m.id < :beforeId', { beforeId: window.beforeId });
    const rows = await builder.getMany();
    return { messages: rows.slice(0, window.limit), hasMore: rows.length > window.limit };
  }

  thread(rootId: string, limit: number): Promise<MessageEntity[]> {
    return this.db.manager
      .createQueryBuilder(MessageEntity, 'm')
      .where('m.reply_to = :rootId', { rootId })
      .andWhere('m.deleted_at IS NULL')
      .orderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}
