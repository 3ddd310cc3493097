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
import { IsIdString, MAX_MESSAGE_LENGTH, MAX_PAGE_SIZE, ToIdString, ToInt } from './validators';

export const WEBHOOK_KINDS = ['incoming', 'outgoing'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
export const MAX_WEBHOOK_URL_LENGTH = 2000;
export const MAX_WEBHOOK_TRIGGER_LENGTH = 100;
export const MAX_WEBHOOK_USERNAME_LENGTH = 80;

/** Create (`POST /webhooks/`) and replace (`POST /webhooks/{id}`) take the same parameters, as in seed 004. */
export class SaveWebhookDto {
  @ToIdString()
  @IsIdString()
  channelID!: string;

  @IsIn(WEBHOOK_KINDS, { message: 'kind must be incoming or outgoing' })
  kind!: WebhookKind;

  @ToIdString()
  @IsIdString()
  userID!: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_TRIGGER_LENGTH)
  trigger?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_USERNAME_LENGTH)
  username?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  avatarURL?: string;
}

export class ListWebhooksQuery {
  @IsOptional()
  @ToIdString()
  @IsIdString()
  channelID?: string;

  /** The webhook's owner (its creator), as in seed 004's list filter. */
  @IsOptional()
  @ToIdString()
  @IsIdString()
  userID?: string;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Paged like channel history: newest first, `limit` (default 50), exclusive id cursors. */
export class ListDeliveriesQuery {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  beforeDeliveryID?: string;

  @IsOptional()
  @ToIdString()
  @IsIdString()
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

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_USERNAME_LENGTH)
  username?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
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

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  error?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  durationMs?: number;

  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
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
