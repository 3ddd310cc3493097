import { maxLength } from 'class-validator';
import type { ErrorDetail } from '../errors';
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_TOPIC_LENGTH } from './validators';

/** A post body that PostMessageDto accepts, as the hot post routes use it. */
export interface PlainPostBody {
  message: string;
  topic?: string;
}

/**
 * The outcome of checking a body against PostMessageDto's rules without class-transformer and
 * class-validator (which cost more per request than the rest of a forwarded post): the body, the
 * same error details the validation pipe gives, or `unusual` for anything the caller should leave
 * to the ordinary (Nest) route, which strips unknown fields and handles other shapes.
 */
export type PostBodyCheck = { body: PlainPostBody } | { details: ErrorDetail[] } | { unusual: true };

const UNUSUAL: PostBodyCheck = { unusual: true };

export function checkPostBody(input: unknown): PostBodyCheck {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return UNUSUAL;
  for (const key in input) if (key !== 'message' && key !== 'topic') return UNUSUAL;
  const { message, topic } = input as { message?: unknown; topic?: unknown };
  const details = [...messageErrors(message), ...topicErrors(topic)];
  if (details.length > 0) return { details };
  const body: PlainPostBody = { message: message as string };
  // A null topic is as good as none (`@IsOptional`), and the service treats both alike.
  if (typeof topic === 'string') body.topic = topic;
  return { body };
}

/** As `@IsString() @MinLength(1) @MaxLength(MAX_MESSAGE_LENGTH)`, messages in the pipe's order. */
function messageErrors(value: unknown): ErrorDetail[] {
  if (typeof value !== 'string')
    return [
      detail('message', `message must be shorter than or equal to ${MAX_MESSAGE_LENGTH} characters`),
      detail('message', 'message must be longer than or equal to 1 characters'),
      detail('message', 'message must be a string'),
    ];
  if (value.length === 0) return [detail('message', 'message must be longer than or equal to 1 characters')];
  if (tooLong(value, MAX_MESSAGE_LENGTH))
    return [detail('message', `message must be shorter than or equal to ${MAX_MESSAGE_LENGTH} characters`)];
  return [];
}

/** As `@IsOptional() @IsString() @MaxLength(MAX_MESSAGE_TOPIC_LENGTH)`. */
function topicErrors(value: unknown): ErrorDetail[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string')
    return [
      detail('topic', `topic must be shorter than or equal to ${MAX_MESSAGE_TOPIC_LENGTH} characters`),
      detail('topic', 'topic must be a string'),
    ];
  if (tooLong(value, MAX_MESSAGE_TOPIC_LENGTH))
    return [detail('topic', `topic must be shorter than or equal to ${MAX_MESSAGE_TOPIC_LENGTH} characters`)];
  return [];
}

/** class-validator counts a surrogate pair or a presentation sequence as one; only a longer string can exceed. */
function tooLong(value: string, max: number): boolean {
  return value.length > max && !maxLength(value, max);
}

function detail(field: string, message: string): ErrorDetail {
  return { field, message };
}
