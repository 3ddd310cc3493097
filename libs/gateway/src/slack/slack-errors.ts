import { type ErrorCode } from '@switchboard/contracts';

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
  unsupported_media_type: 'invalid_post_type',
  rate_limited: 'ratelimited',
  service_unavailable: 'service_unavailable',
  internal_error: 'internal_error',
};

export function slackErrorName(code: ErrorCode): string {
  return SLACK_ERROR[code] ?? 'invalid_arguments';
}
