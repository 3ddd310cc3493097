import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsIdString, MAX_MESSAGE_TOPIC_LENGTH } from '../dto/validators';
import { OptionalIdField, OptionalTextField } from '../dto/fields';

/** Typing in a channel (`channelId`) or in the direct conversation with `memberIds` (the others). */
export class TypingDto {
  @IsIn(['start', 'stop'])
  op!: 'start' | 'stop';

  @OptionalIdField()
  channelId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIdString({ each: true })
  memberIds?: string[];

  /** The Zulip topic typed in; channels only. */
  @OptionalTextField(MAX_MESSAGE_TOPIC_LENGTH)
  topic?: string;
}

/** `delivered`: someone was listening live; event queues still read it later from the transient log. */
export interface TypingResult {
  announced: boolean;
  delivered: boolean;
}
