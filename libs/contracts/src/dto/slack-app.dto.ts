import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SLACK_APP_EVENT_TYPES, type SlackAppEventType } from '../slack/slack-apps';
import { MAX_MESSAGE_LENGTH } from './validators';
import { MAX_WEBHOOK_URL_LENGTH } from './webhook.dto';
import { OptionalIdField, OptionalTextField } from './fields';

/** `POST /apps/` (organisation admins): a Slack-style app with a new bot user. */
export class CreateSlackAppDto {
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name!: string;

  /** The bot user's handle (default: from the name). */
  @OptionalTextField(40, 1)
  handle?: string;

  @IsArray()
  @ArrayMaxSize(SLACK_APP_EVENT_TYPES.length)
  @IsIn(SLACK_APP_EVENT_TYPES, { each: true })
  eventTypes!: SlackAppEventType[];

  /** Events API: events are POSTed here (a url_verification challenge first). */
  @OptionalTextField(MAX_WEBHOOK_URL_LENGTH)
  requestURL?: string;

  @IsOptional()
  @IsBoolean()
  socketMode?: boolean;
}

/** `POST /apps/{id}/tokens`: an app-level (`xapp-`, Socket Mode) or bot (`xoxb-`) token, shown once. */
export class CreateSlackAppTokenDto {
  @IsIn(['app', 'bot'], { message: 'kind must be app or bot' })
  kind!: 'app' | 'bot';
}

/** Internal: a message posted with Slack Block Kit blocks (chat.postMessage); `message` is the text fallback. */
export class PostBlocksMessageDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH)
  message!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  blocks!: Record<string, unknown>[];

  @OptionalIdField()
  replyTo?: string;
}
