import { Column, Entity, Generated, PrimaryColumn } from 'typeorm';
import type { ChannelType } from '@switchboard/contracts';

@Entity('channels')
export class ChannelEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  /** Compact id shown to Zulip clients (JavaScript numbers lose precision above 2^53); set by a sequence. */
  @Column({ name: 'zulip_id', type: 'bigint', insert: false, update: false })
  @Generated('increment')
  zulipId!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  type!: ChannelType;

  @Column({ name: 'creator_id', type: 'bigint' })
  creatorId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
