import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberRole, MembershipFlag } from '@switchboard/contracts';

@Entity('channel_members')
export class ChannelMemberEntity {
  @PrimaryColumn({ name: 'channel_id', type: 'bigint' })
  channelId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId!: string;

  @Column({ type: 'text' })
  role!: MemberRole;

  @Column({ type: 'text', nullable: true })
  flag!: MembershipFlag | null;

  @Column({ name: 'last_read_message_id', type: 'bigint', nullable: true })
  lastReadMessageId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
