import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIdString, MAX_MESSAGE_LENGTH } from './validators';
import { IdField, OptionalIdField, OptionalTextField, PageLimitField } from './fields';

export const WEBHOOK_KINDS = ['incoming', 'outgoing'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
export const MAX_WEBHOOK_URL_LENGTH = 2000;
export const MAX_WEBHOOK_TRIGGER_LENGTH = 100;
export const MAX_WEBHOOK_USERNAME_LENGTH = 80;

/** Create (`POST /webhooks/`) and replace (`POST /webhooks/{id}`) take the same parameters, as in seed 004. */
export class SaveWebhookDto {
  @IdField()
  channelID!: string;

  @IsIn(WEBHOOK_KINDS, { message: 'kind must be incoming or outgoing' })
  kind!: WebhookKind;

  @IdField()
  userID!: string;

  @OptionalTextField(MAX_WEBHOOK_TRIGGER_LENGTH)
  trigger?: string;

  @OptionalTextField(MAX_WEBHOOK_URL_LENGTH)
  url?: string;

  @OptionalTextField(MAX_WEBHOOK_USERNAME_LENGTH)
  username?: string;

  @OptionalTextField(MAX_WEBHOOK_URL_LENGTH)
  avatarURL?: string;
}

export class ListWebhooksQuery {
  @OptionalIdField()
  channelID?: string;

  /** The webhook's owner (its creator), as in seed 004's list filter. */
  @OptionalIdField()
  userID?: string;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Paged like channel history: newest first, `limit` (default 50), exclusive id cursors. */
export class ListDeliveriesQuery {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @PageLimitField()
  limit?: number;

  @OptionalIdField()
  beforeDeliveryID?: string;

  @OptionalIdField()
  afterDeliveryID?: string;
}

/** What an incoming webhook POST carries once the edge merged query, form/JSON body and the Slack-style `text`. */
export class IncomingWebhookDto {
  @IsString()
  @MinLength(1)
  token!: string;

  @IsString()
  @MinLength(1, { message: 'content must not be empty' })
  @MaxLength(MAX_MESSAGE_LENGTH)
  content!: string;

  @OptionalTextField(MAX_WEBHOOK_USERNAME_LENGTH)
  username?: string;

  @OptionalTextField(MAX_WEBHOOK_URL_LENGTH)
  avatarURL?: string;
}

export class WebhookTokenDto {
  @IsString()
  @MinLength(1)
  token!: string;
}

/** Dispatcher → messaging-service: how one attempt ended (validated like any input). */
export class DeliveryResultDto {
  @IsIdString()
  deliveryId!: string;

  @IsIn(['delivered', 'retry', 'dead'])
  outcome!: 'delivered' | 'retry' | 'dead';

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  statusCode?: number | null;

  @OptionalTextField(2000)
  error?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  durationMs?: number;

  @OptionalTextField(1_000_000)
  reply?: string | null;
}

/** Outcomes one internal call may carry. */
export const MAX_OUTCOME_BATCH = 500;

/** Dispatcher → messaging-service: a batch of attempt outcomes, recorded in one transaction. */
export class DeliveryOutcomesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OUTCOME_BATCH)
  @ValidateNested({ each: true })
  @Type(() => DeliveryResultDto)
  outcomes!: DeliveryResultDto[];
}
