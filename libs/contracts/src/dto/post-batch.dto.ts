import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';
import type { ErrorBody } from '../errors';
import type { MessageView } from '../views';

/** The most posts one internal batch carries. */
export const MAX_POST_BATCH = 100;

/**
 * One post of a batch: what `postMessage` takes, with the channel and the acting user that a
 * single call carries in its path and its actor header. Only the types are checked here; ids and
 * PostMessageDto's rules are checked per post (checkPostBody), so that a bad post fails alone.
 */
export class BatchedPostDto {
  @IsString()
  actorId!: string;

  @IsString()
  channelId!: string;

  @IsString()
  message!: string;

  @IsOptional()
  @IsString()
  topic?: string;
}

/** Posts that an edge received at about the same time, sent over the internal hop together. */
export class PostBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_POST_BATCH)
  @ValidateNested({ each: true })
  @Type(() => BatchedPostDto)
  posts!: BatchedPostDto[];
}

/** Each post's own answer, in the batch's order: what a single `postMessage` call would have answered. */
export interface PostBatchAnswer {
  answers: { status: number; body: MessageView | ErrorBody }[];
}
