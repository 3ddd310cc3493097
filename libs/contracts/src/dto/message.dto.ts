import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_TOPIC_LENGTH } from './validators';
import { OptionalFlagField, OptionalIdField, OptionalTextField, PageLimitField } from './fields';

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
  @OptionalTextField(MAX_MESSAGE_LENGTH, 1)
  message?: string;

  @OptionalTextField(MAX_MESSAGE_TOPIC_LENGTH)
  topic?: string;
}

export class ListMessagesQuery {
  @PageLimitField()
  limit?: number;

  @OptionalIdField()
  beforeMessageID?: string;

  @OptionalIdField()
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

  @OptionalFlagField()
  inclusive?: boolean;

  @PageLimitField(1000)
  limit?: number;

  @OptionalIdField()
  beforeMessageId?: string;
}
