import type { ErrorCode } from '../errors/error-codes';

/** Our error codes in Zulip's words: HTTP status and the `code` of `{"result":"error","msg","code"}`. */
const ZULIP_ERROR: Record<ErrorCode, [number, string]> = {
  bad_request: [400, 'BAD_REQUEST'],
  invalid_json: [400, 'INVALID_JSON'],
  webhook_not_found: [404, 'BAD_REQUEST'],
  delivery_not_found: [404, 'BAD_REQUEST'],
  bad_narrow: [400, 'BAD_NARROW'],
  bad_event_queue_id: [400, 'BAD_EVENT_QUEUE_ID'],
  validation_failed: [400, 'BAD_REQUEST'],
  not_authenticated: [401, 'UNAUTHORIZED'],
  invalid_token: [401, 'INVALID_API_KEY'],
  account_inactive: [401, 'USER_DEACTIVATED'],
  forbidden: [400, 'BAD_REQUEST'],
  not_found: [404, 'BAD_REQUEST'],
  channel_not_found: [400, 'STREAM_DOES_NOT_EXIST'],
  message_not_found: [400, 'BAD_REQUEST'],
  user_not_found: [400, 'BAD_REQUEST'],
  organisation_not_found: [400, 'BAD_REQUEST'],
  not_a_member: [400, 'BAD_REQUEST'],
  channel_archived: [400, 'BAD_REQUEST'],
  name_taken: [400, 'BAD_REQUEST'],
  conflict: [409, 'BAD_REQUEST'],
  reaction_exists: [400, 'REACTION_ALREADY_EXISTS'],
  reaction_not_found: [400, 'REACTION_DOES_NOT_EXIST'],
  payload_too_large: [413, 'BAD_REQUEST'],
  uri_too_long: [414, 'BAD_REQUEST'],
  headers_too_large: [431, 'BAD_REQUEST'],
  request_timeout: [408, 'BAD_REQUEST'],
  unsupported_media_type: [415, 'BAD_REQUEST'],
  rate_limited: [429, 'RATE_LIMIT_HIT'],
  service_unavailable: [503, 'SERVER_NOT_READY'],
  internal_error: [500, 'INTERNAL_SERVER_ERROR'],
};

export function zulipError(code: ErrorCode): { status: number; code: string } {
  const [status, name] = ZULIP_ERROR[code] ?? [400, 'BAD_REQUEST'];
  return { status, code: name };
}
