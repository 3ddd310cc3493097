import { DomainError } from '../domain-error';
import { ErrorCode } from '../error-codes';
import { RateLimitedError } from '../rate-limited-error';
import { DIALECTS } from './dialect';
import { renderError } from './render-error';
import { SlackApiError } from './slack';

/**
 * The wire form of every error code in every dialect, written out by hand: a change to a table that
 * changes what clients see must change this too. [Corteza status, Slack name, Zulip status, Zulip code]
 */
const WIRE: Record<ErrorCode, [number, string, number, string]> = {
  bad_request: [400, 'invalid_arguments', 400, 'BAD_REQUEST'],
  invalid_json: [400, 'invalid_json', 400, 'INVALID_JSON'],
  bad_narrow: [400, 'invalid_arguments', 400, 'BAD_NARROW'],
  bad_event_queue_id: [400, 'invalid_arguments', 400, 'BAD_EVENT_QUEUE_ID'],
  validation_failed: [400, 'invalid_arguments', 400, 'BAD_REQUEST'],
  not_authenticated: [401, 'not_authed', 401, 'UNAUTHORIZED'],
  invalid_token: [401, 'invalid_auth', 401, 'INVALID_API_KEY'],
  account_inactive: [401, 'account_inactive', 401, 'USER_DEACTIVATED'],
  forbidden: [403, 'no_permission', 400, 'BAD_REQUEST'],
  not_found: [404, 'not_found', 404, 'BAD_REQUEST'],
  channel_not_found: [404, 'channel_not_found', 400, 'STREAM_DOES_NOT_EXIST'],
  message_not_found: [404, 'message_not_found', 400, 'BAD_REQUEST'],
  user_not_found: [404, 'user_not_found', 400, 'BAD_REQUEST'],
  organisation_not_found: [404, 'team_not_found', 400, 'BAD_REQUEST'],
  webhook_not_found: [404, 'not_found', 404, 'BAD_REQUEST'],
  delivery_not_found: [404, 'not_found', 404, 'BAD_REQUEST'],
  not_a_member: [403, 'not_in_channel', 400, 'BAD_REQUEST'],
  channel_archived: [409, 'is_archived', 400, 'BAD_REQUEST'],
  name_taken: [409, 'name_taken', 400, 'BAD_REQUEST'],
  conflict: [409, 'invalid_arguments', 409, 'BAD_REQUEST'],
  reaction_exists: [409, 'already_reacted', 400, 'REACTION_ALREADY_EXISTS'],
  reaction_not_found: [404, 'no_reaction', 400, 'REACTION_DOES_NOT_EXIST'],
  payload_too_large: [413, 'msg_too_long', 413, 'BAD_REQUEST'],
  uri_too_long: [414, 'invalid_arguments', 414, 'BAD_REQUEST'],
  headers_too_large: [431, 'invalid_arguments', 431, 'BAD_REQUEST'],
  request_timeout: [408, 'request_timeout', 408, 'BAD_REQUEST'],
  unsupported_media_type: [415, 'invalid_post_type', 415, 'BAD_REQUEST'],
  rate_limited: [429, 'ratelimited', 429, 'RATE_LIMIT_HIT'],
  service_unavailable: [503, 'service_unavailable', 503, 'SERVER_NOT_READY'],
  internal_error: [500, 'internal_error', 500, 'INTERNAL_SERVER_ERROR'],
};

const ZULIP_AUTH = { 'WWW-Authenticate': 'Basic realm="zulip"' };
const UNAVAILABLE = { 'Retry-After': '2' };

describe('renderError', () => {
  const cases = Object.values(ErrorCode).map((code) => [code, ...WIRE[code]] as const);

  it('covers every error code in every dialect', () => {
    expect(Object.keys(WIRE).sort()).toEqual(Object.values(ErrorCode).sort());
    expect([...DIALECTS].sort()).toEqual(['corteza', 'slack', 'zulip']);
  });

  describe('corteza: the code status and {"error":{"code","message"}}', () => {
    it.each(cases)('%s → %i', (code, status) => {
      expect(renderError('corteza', new DomainError(code, 'Something went wrong'))).toEqual({
        status,
        headers: code === ErrorCode.Unavailable ? UNAVAILABLE : {},
        body: { error: { code, message: 'Something went wrong' } },
      });
    });

    it('carries the validation details', () => {
      const details = [{ field: 'message', message: 'message must be a string' }];
      expect(
        renderError('corteza', new DomainError(ErrorCode.ValidationFailed, 'Invalid input', details)).body,
      ).toEqual({ error: { code: 'validation_failed', message: 'Invalid input', details } });
    });
  });

  describe('slack: HTTP 200 {"ok":false,"error"}, 429 for rate limits', () => {
    it.each(cases)('%s → %s', (code, _status, name) => {
      expect(renderError('slack', new DomainError(code, 'Something went wrong'))).toEqual({
        status: code === ErrorCode.RateLimited ? 429 : 200,
        headers: code === ErrorCode.Unavailable ? UNAVAILABLE : {},
        body: { ok: false, error: name },
      });
    });

    it('answers a method’s own error name with HTTP 200 and no headers', () => {
      expect(renderError('slack', new SlackApiError('cant_update_message'))).toEqual({
        status: 200,
        headers: {},
        body: { ok: false, error: 'cant_update_message' },
      });
    });
  });

  describe('zulip: Zulip’s status and {"result":"error","msg","code"}', () => {
    it.each(cases)('%s → %i %s', (code, _status, _name, zulipStatus, zulipCode) => {
      const rendered = renderError('zulip', new DomainError(code, 'Something went wrong'));
      expect(rendered.status).toBe(zulipStatus);
      expect(rendered.headers).toEqual(
        zulipStatus === 401 ? ZULIP_AUTH : code === ErrorCode.Unavailable ? UNAVAILABLE : {},
      );
      expect(rendered.body).toEqual({
        result: 'error',
        msg: 'Something went wrong',
        code: zulipCode,
        ...(code === ErrorCode.BadEventQueue ? { queue_id: '' } : {}),
      });
    });

    it.each<[string, ErrorCode, string, { field?: string; message: string }[], Record<string, string>]>([
      [
        'the bad queue',
        ErrorCode.BadEventQueue,
        'Bad event queue ID: q1',
        [{ field: 'queue_id', message: 'q1' }],
        { code: 'BAD_EVENT_QUEUE_ID', queue_id: 'q1' },
      ],
      [
        'the parameter that failed validation',
        ErrorCode.ValidationFailed,
        'Invalid input: content is missing',
        [{ field: 'content', message: 'content is missing' }],
        { code: 'BAD_REQUEST', var_name: 'content' },
      ],
      [
        'no parameter when the failure has no field',
        ErrorCode.ValidationFailed,
        'x',
        [{ message: 'y' }],
        { code: 'BAD_REQUEST' },
      ],
    ])('names %s', (_label, code, msg, details, fields) => {
      expect(renderError('zulip', new DomainError(code, msg, details)).body).toEqual({
        result: 'error',
        msg,
        ...fields,
      });
    });

    it('answers a Slack method error as a bad request', () => {
      expect(renderError('zulip', new SlackApiError('cant_update_message')).status).toBe(400);
    });
  });

  describe('a rate limit that knows its window carries Retry-After in every dialect', () => {
    const limited = new RateLimitedError(17);
    const message = 'Rate limit exceeded; retry after 17 s';

    it('corteza', () => {
      expect(renderError('corteza', limited)).toEqual({
        status: 429,
        headers: { 'Retry-After': '17' },
        body: { error: { code: 'rate_limited', message } },
      });
    });

    it('slack', () => {
      expect(renderError('slack', limited)).toEqual({
        status: 429,
        headers: { 'Retry-After': '17' },
        body: { ok: false, error: 'ratelimited' },
      });
    });

    it('zulip, with the retry-after field zulip clients read', () => {
      expect(renderError('zulip', limited)).toEqual({
        status: 429,
        headers: { 'Retry-After': '17' },
        body: { result: 'error', msg: message, code: 'RATE_LIMIT_HIT', 'retry-after': 17 },
      });
    });

    it('takes its own message', () => {
      expect(renderError('corteza', new RateLimitedError(5, 'Slow down')).body).toEqual({
        error: { code: 'rate_limited', message: 'Slow down' },
      });
    });
  });
});
