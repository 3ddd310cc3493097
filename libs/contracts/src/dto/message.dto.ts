import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  IsIdString,
  MAX_MESSAGE_LENGTH,
  MAX_MESSAGE_TOPIC_LENGTH,
  MAX_PAGE_SIZE,
  ToBool,
  ToIdString,
  ToInt,
} from './validators';

export class PostMessageDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH)
  message!: string;

  /** The Zulip topic (subject) of the message; thread replies inherit their root's. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_MESSAGE_TOPIC_LENGTH)
  topic?: string;
}

/** At least one of `message` and `topic`. */
export class EditMessageDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH)
  message?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_MESSAGE_TOPIC_LENGTH)
  topic?: string;
}

export class ListMessagesQuery {
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  beforeMessageID?: string;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  afterMessageID?: string;
}

/** History by Slack `ts` bounds (conversations.history/replies): newest first, paged by message id. */
export class MessageWindowQuery {
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{9,11}\.[0-9]{6}$/)
  latest?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{9,11}\.[0-9]{6}$/)
  oldest?: string;

  @IsOptional()
  @ToBool()
  @IsBoolean()
  inclusive?: boolean;

  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @ToIdString()
  @IsIdString()
  beforeMessageID?: string;
}
