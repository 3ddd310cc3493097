import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_MESSAGE_LENGTH, ToStringArray } from '../dto/validators';
import type { ChannelView, MemberView, MessageView } from '../views';

export const COMMAND_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export class ExecCommandDto {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_MESSAGE_LENGTH)
  input?: string;

  @IsOptional()
  @ToStringArray()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  params?: string[];
}

export class RegisterCommandDto {
  @IsString()
  @Matches(COMMAND_NAME_PATTERN, {
    message: 'name must be 1–32 lower-case letters, digits, _ or -, starting with a letter or digit',
  })
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export interface CommandView {
  name: string;
  description: string;
  /** Built-in commands run in messaging-service; the others are delivered to their bot. */
  builtin: boolean;
  botUserId: string | null;
}

export interface CommandResult {
  command: string;
  /** The message a command posted (`me`, `shrug`). */
  message?: MessageView;
  /** The channel a command changed (`topic`). */
  channel?: ChannelView;
  /** Members a command added (`invite`). */
  members?: MemberView[];
  /** `leave`: the caller left. */
  left?: boolean;
  /** A bot's command: delivered to the bot as a `command.invoked` event. */
  dispatchedTo?: string;
}
