import { DomainError } from '../domain-error';
import { ErrorCode } from '../error-codes';
import type { RenderedError } from './dialect';
import { retryAfterHeader } from './retry-after';

/** Our error codes in Slack's words. Bad tokens must read `invalid_auth`: Node clients retry anything else at once. */
const SLACK_ERROR: Record<ErrorCode, string> = {
  bad_request: 'invalid_arguments',
  invalid_json: 'invalid_json',
  bad_narrow: 'invalid_arguments',
  bad_event_queue_id: 'invalid_arguments',
  validation_failed: 'invalid_arguments',
  not_authenticated: 'not_authed',
  invalid_token: 'invalid_auth',
  account_inactive: 'account_inactive',
  forbidden: 'no_permission',
  not_found: 'not_found',
  channel_not_found: 'channel_not_found',
  message_not_found: 'message_not_found',
  user_not_found: 'user_not_found',
  organisation_not_found: 'team_not_found',
  webhook_not_found: 'not_found',
  delivery_not_found: 'not_found',
  not_a_member: 'not_in_channel',
  channel_archived: 'is_archived',
  name_taken: 'name_taken',
  conflict: 'invalid_arguments',
  reaction_exists: 'already_reacted',
  reaction_not_found: 'no_reaction',
  payload_too_large: 'msg_too_long',
  uri_too_long: 'invalid_arguments',
  headers_too_large: 'invalid_arguments',
  request_timeout: 'request_timeout',
  unsupported_media_type: 'invalid_post_type',
  rate_limited: 'ratelimited',
  service_unavailable: 'service_unavailable',
  internal_error: 'internal_error',
};

export function slackErrorName(code: ErrorCode): string {
  return SLACK_ERROR[code] ?? 'invalid_arguments';
}

/**
 * A Slack error name a Web API method answers with, e.g. `cant_update_message`. It is a bad request
 * to any other dialect; the Slack dialect answers the name itself.
 */
export class SlackApiError extends DomainError {
  constructor(readonly error: string) {
    super(ErrorCode.BadRequest, error);
    this.name = 'SlackApiError';
  }
}

/** Slack's Web API answers HTTP 200 with `{"ok":false,"error":…}`, except 429 (with `Retry-After`) for rate limits. */
export function renderSlackError(error: DomainError): RenderedError {
  if (error instanceof SlackApiError) return { status: 200, headers: {}, body: { ok: false, error: error.error } };
  return {
    status: error.code === ErrorCode.RateLimited ? 429 : 200,
    headers: retryAfterHeader(error),
    body: { ok: false, error: slackErrorName(error.code) },
  };
}
