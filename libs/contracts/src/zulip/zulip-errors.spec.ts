import { ErrorCode } from '../errors/error-codes';
import { zulipError } from './zulip-errors';

describe('zulipError', () => {
  it.each(Object.values(ErrorCode))('maps %s to a Zulip status and code', (code) => {
    const mapped = zulipError(code);
    expect(mapped.status).toBeGreaterThanOrEqual(400);
    expect(mapped.code).toMatch(/^[A-Z_]+$/);
  });

  it.each<[ErrorCode, number, string]>([
    [ErrorCode.BadEventQueue, 400, 'BAD_EVENT_QUEUE_ID'],
    [ErrorCode.BadNarrow, 400, 'BAD_NARROW'],
    [ErrorCode.NotAuthenticated, 401, 'UNAUTHORIZED'],
    [ErrorCode.InvalidToken, 401, 'INVALID_API_KEY'],
    [ErrorCode.AccountInactive, 401, 'USER_DEACTIVATED'],
    [ErrorCode.ChannelNotFound, 400, 'STREAM_DOES_NOT_EXIST'],
    [ErrorCode.RateLimited, 429, 'RATE_LIMIT_HIT'],
    [ErrorCode.InvalidJson, 400, 'INVALID_JSON'],
    [ErrorCode.ReactionExists, 400, 'REACTION_ALREADY_EXISTS'],
    [ErrorCode.ReactionNotFound, 400, 'REACTION_DOES_NOT_EXIST'],
  ])('%s → %i %s', (code, status, name) => {
    expect(zulipError(code)).toEqual({ status, code: name });
  });
});
