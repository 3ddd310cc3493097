import { Entity } from 'typeorm';
import { Row } from './base-rows';
import { BigIntColumn, TextColumn, TimestampColumn } from './columns';

export type SlackAppTokenKind = 'app' | 'bot';

/** `xapp-…` (Socket Mode) and `xoxb-…` (Web API as the app's bot) tokens; only their SHA-256 is stored. */
@Entity('slack_app_tokens')
export class SlackAppTokenEntity extends Row {
  @BigIntColumn() appId!: string;
  @TextColumn() kind!: SlackAppTokenKind;
  @TextColumn() tokenHash!: string;
  @TextColumn() prefix!: string;
  @TimestampColumn({ nullable: true }) revokedAt!: Date | null;
}
