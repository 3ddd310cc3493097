import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { ChannelType } from '../views';
import { OptionalIdField } from '../dto/fields';

export class ActivityDto {
  /** When set, only users who may read the channel get the activity; otherwise the organisation does. */
  @OptionalIdField()
  channelID?: string;

  /** Needs channelID. */
  @OptionalIdField()
  messageID?: string;

  /** Arbitrary, e.g. `typing`, `recording`, `viewing`. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[\w.:-]+$/, { message: 'kind may contain letters, digits, _ . : - only' })
  kind!: string;
}

/**
 * User activity is never stored and never goes through the outbox: messaging-service authorises it
 * and publishes this straight to the sharded pub/sub channel of the conversation (or organisation).
 * `ephemeral` tells subscribers it is not a DomainEvent.
 */
export interface ActivityBroadcast {
  ephemeral: 'activity';
  activityId: string;
  organisationId: string;
  userId: string;
  kind: string;
  channel: { channelId: string; type: ChannelType } | null;
  messageId: string | null;
  messageTs: string | null;
  occurredAt: string;
}

export function isActivityBroadcast(value: unknown): value is ActivityBroadcast {
  return typeof value === 'object' && value !== null && (value as { ephemeral?: unknown }).ephemeral === 'activity';
}
