import { Entity, PrimaryColumn } from 'typeorm';
import type { MemberRole, MembershipFlag } from '@switchboard/contracts';
import { BigIntColumn, CreatedAtColumn, TextColumn } from './columns';

@Entity('channel_members')
export class ChannelMemberEntity {
  @PrimaryColumn({ type: 'bigint' }) channelId!: string;
  @PrimaryColumn({ type: 'bigint' }) userId!: string;
  @TextColumn() role!: MemberRole;
  @TextColumn({ nullable: true }) flag!: MembershipFlag | null;
  @BigIntColumn({ nullable: true }) lastReadMessageId!: string | null;
  @CreatedAtColumn() createdAt!: Date;
}
