import { Column, Entity } from 'typeorm';
import { OrganisationRow } from './base-rows';
import { BigIntColumn, JsonColumn, TextColumn, TimestampColumn } from './columns';

/**
 * A Slack-style app of an organisation (issue 16): its bot user, the Slack event types it subscribed
 * to, and how events reach it (Socket Mode and/or the Events API request URL). The signing secret is
 * derived from the service's key and `signing_salt`, never stored.
 */
@Entity('slack_apps')
export class SlackAppEntity extends OrganisationRow {
  @BigIntColumn() botUserId!: string;
  @TextColumn() name!: string;
  @JsonColumn() eventTypes!: string[];
  @TextColumn({ nullable: true }) requestUrl!: string | null;
  @Column({ type: 'boolean' }) socketMode!: boolean;
  @TextColumn() signingSalt!: string;
  @BigIntColumn({ nullable: true }) createdBy!: string | null;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
}
