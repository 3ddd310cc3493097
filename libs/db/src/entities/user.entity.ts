import { Entity } from 'typeorm';
import type { OrgRole, UserKind } from '@switchboard/contracts';
import { ZulipAddressedRow } from './base-rows';
import { TextColumn, TimestampColumn } from './columns';

@Entity('users')
export class UserEntity extends ZulipAddressedRow {
  @TextColumn() email!: string;
  @TextColumn() handle!: string;
  @TextColumn() displayName!: string;
  @TextColumn() kind!: UserKind;
  @TextColumn() role!: OrgRole;
  @TimestampColumn({ nullable: true }) updatedAt!: Date | null;
  @TimestampColumn({ nullable: true }) deactivatedAt!: Date | null;
}
