import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Slack-style app of an organisation (issue 16): its bot user, the Slack event types it subscribed
 * to, and how events reach it (Socket Mode and/or the Events API request URL). The signing secret is
 * derived from the service's key and `signing_salt`, never stored.
 */
@Entity('slack_apps')
export class SlackAppEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'bigint' })
  organisationId!: string;

  @Column({ name: 'bot_user_id', type: 'bigint' })
  botUserId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'event_types', type: 'jsonb' })
  eventTypes!: string[];

  @Column({ name: 'request_url', type: 'text', nullable: true })
  requestUrl!: string | null;

  @Column({ name: 'socket_mode', type: 'boolean' })
  socketMode!: boolean;

  @Column({ name: 'signing_salt', type: 'text' })
  signingSalt!: string;

  @Column({ name: 'created_by', type: 'bigint', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
