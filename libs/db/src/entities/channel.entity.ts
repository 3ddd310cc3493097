import { Entity } from 'typeorm';
import type { ChannelType } from '@switchboard/contracts';
import { ZulipAddressedRow } from './base-rows';
import { BigIntColumn, TextColumn, TimestampColumn } from './columns';

@Entity('channels')
export class ChannelEntity extends ZulipAddressedRow {
  @TextColumn() name!: string;
  @TextColumn() topic!: string;
  @TextColumn() type!: ChannelType;
  @BigIntColumn() creatorId!: string;
  @TimestampColumn({ nullable: true }) updatedAt!: Date | null;
  @TimestampColumn({ nullable: true }) archivedAt!: Date | null;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
}
