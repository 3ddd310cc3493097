/**
 * Stable, machine-readable error codes shared by every process. The Messaging REST surface returns
 * them as `{"error":{"code","message","details"?}}` (see docs/errors.md); the Slack and Zulip
 * surfaces translate them into their own dialects.
 */
export const ErrorCode = {
  BadRequest: 'bad_request',
  InvalidJson: 'invalid_json',
  BadNarrow: 'bad_narrow',
  BadEventQueue: 'bad_event_queue_id',
  ValidationFailed: 'validation_failed',
  NotAuthenticated: 'not_authenticated',
  InvalidToken: 'invalid_token',
  AccountInactive: 'account_inactive',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  ChannelNotFound: 'channel_not_found',
  MessageNotFound: 'message_not_found',
  UserNotFound: 'user_not_found',
  OrganisationNotFound: 'organisation_not_found',
  WebhookNotFound: 'webhook_not_found',
  DeliveryNotFound: 'delivery_not_found',
  NotAMember: 'not_a_member',
  ChannelArchived: 'channel_archived',
  NameTaken: 'name_taken',
  Conflict: 'conflict',
  ReactionExists: 'reaction_exists',
  ReactionNotFound: 'reaction_not_found',
  PayloadTooLarge: 'payload_too_large',
  UriTooLong: 'uri_too_long',
  HeadersTooLarge: 'headers_too_large',
  RequestTimeout: 'request_timeout',
  UnsupportedMediaType: 'unsupported_media_type',
  RateLimited: 'rate_limited',
  Unavailable: 'service_unavailable',
  Internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  bad_narrow: 400,
  bad_event_queue_id: 400,
  validation_failed: 400,
  not_authenticated: 401,
  invalid_token: 401,
  account_inactive: 401,
  forbidden: 403,
  not_found: 404,
  channel_not_found: 404,
  message_not_found: 404,
  user_not_found: 404,
  organisation_not_found: 404,
  webhook_not_found: 404,
  delivery_not_found: 404,
  not_a_member: 403,
  channel_archived: 409,
  name_taken: 409,
  conflict: 409,
  reaction_exists: 409,
  reaction_not_found: 404,
  payload_too_large: 413,
  uri_too_long: 414,
  headers_too_large: 431,
  request_timeout: 408,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};

export interface ErrorDetail {
  field?: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error;
  return (
    typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string'
  );
}
