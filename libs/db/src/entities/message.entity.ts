import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MessageType } from '@switchboard/contracts';

@Entity('messages')
export class MessageEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ name: 'channel_id', type: 'bigint' })
  channelId!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  /** Markdown source, as the author wrote it. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: 'text' })
  type!: MessageType;

  @Column({ name: 'reply_to', type: 'bigint', nullable: true })
  replyTo!: string | null;

  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount!: number;

  /** Slack `ts`, derived from the id at insert (libs/contracts slackTsFromId) and unique per channel. */
  @Column({ type: 'text' })
  ts!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
