import { Entity } from 'typeorm';
import { Row } from './base-rows';
import { BigIntColumn, TextColumn, TimestampColumn } from './columns';

/** Only the SHA-256 of a token is stored; `prefix` (the first characters) lets operators tell tokens apart. */
@Entity('api_tokens')
export class ApiTokenEntity extends Row {
  @BigIntColumn() userId!: string;
  @TextColumn() tokenHash!: string;
  @TextColumn() prefix!: string;
  @TextColumn({ default: '' }) label!: string;
  @TimestampColumn({ nullable: true }) lastUsedAt!: Date | null;
  @TimestampColumn({ nullable: true }) revokedAt!: Date | null;
}
