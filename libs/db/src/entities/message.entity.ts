import { Column, Entity, Generated, PrimaryColumn } from 'typeorm';

@Entity('messages')
export class MessageEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  /** Compact id shown to Zulip clients (JavaScript numbers lose precision above 2^53); set by a sequence. */
  @Column({ name: 'zulip_id', type: 'bigint', insert: false, update: false })
  @Generated('increment')
  zulipId!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ name: 'channel_id', type: 'bigint' })
  channelId!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  /** The Zulip topic (subject) of a channel message; '' when none was given. */
  @Column({ type: 'text', default: '' })
  topic!: string;

  /** Markdown source, as the author wrote it. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', default: 'text' })
  type!: 'text';

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
