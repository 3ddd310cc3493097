import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SlackAppTokenKind = 'app' | 'bot';

/** `xapp-…` (Socket Mode) and `xoxb-…` (Web API as the app's bot) tokens; only their SHA-256 is stored. */
@Entity('slack_app_tokens')
export class SlackAppTokenEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'app_id', type: 'bigint' })
  appId!: string;

  @Column({ type: 'text' })
  kind!: SlackAppTokenKind;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
