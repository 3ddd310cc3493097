import type { ArgumentsHost } from '@nestjs/common';
import { BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { DomainError, ErrorCode, RateLimitedError, SlackApiError } from '@switchboard/contracts';
import { DialectErrorFilter } from './dialect-error.filter';
import { sendError } from './send-error';

/** The parts of an Express response the filter and sendError use, recording what was written. */
function fakeResponse(headersSent = false) {
  const written: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const res = {
    headersSent,
    status(code: number) {
      written.status = code;
      return res;
    },
    set(headers: Record<string, string>) {
      Object.assign(written.headers, headers);
      return res;
    },
    json(body: unknown) {
      written.body = body;
      return res;
    },
  };
  return { res, written };
}

function hostFor(res: unknown): ArgumentsHost {
  return { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
}

describe('DialectErrorFilter', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('answers a thrown DomainError in its dialect', () => {
    const { res, written } = fakeResponse();
    new DialectErrorFilter('zulip').catch(new DomainError(ErrorCode.InvalidToken, 'Invalid API key'), hostFor(res));
    expect(written).toEqual({
      status: 401,
      headers: { 'WWW-Authenticate': 'Basic realm="zulip"' },
      body: { result: 'error', msg: 'Invalid API key', code: 'INVALID_API_KEY' },
    });
  });

  it('normalises Nest exceptions (an unknown route is not_found)', () => {
    const { res, written } = fakeResponse();
    new DialectErrorFilter('corteza').catch(new NotFoundException('Cannot GET /nowhere'), hostFor(res));
    expect(written).toEqual({
      status: 404,
      headers: {},
      body: { error: { code: 'not_found', message: 'Cannot GET /nowhere' } },
    });
  });

  it('answers Slack method errors and rate limits as Slack does', () => {
    const slack = new DialectErrorFilter('slack');
    const named = fakeResponse();
    slack.catch(new SlackApiError('unknown_method'), hostFor(named.res));
    expect(named.written).toEqual({ status: 200, headers: {}, body: { ok: false, error: 'unknown_method' } });
    const limited = fakeResponse();
    slack.catch(new RateLimitedError(3), hostFor(limited.res));
    expect(limited.written).toEqual({
      status: 429,
      headers: { 'Retry-After': '3' },
      body: { ok: false, error: 'ratelimited' },
    });
    const invalid = fakeResponse();
    slack.catch(new BadRequestException('nope'), hostFor(invalid.res));
    expect(invalid.written).toEqual({ status: 200, headers: {}, body: { ok: false, error: 'invalid_arguments' } });
  });

  it('logs what it hides: an unknown error is a 500 with a generic message', () => {
    const { res, written } = fakeResponse();
    new DialectErrorFilter('corteza').catch(new Error('connection string with a password'), hostFor(res));
    expect(written.body).toEqual({ error: { code: 'internal_error', message: 'Internal error' } });
    expect(Logger.prototype.error).toHaveBeenCalledTimes(1);
  });

  it('writes nothing once the response has started', () => {
    const { res, written } = fakeResponse(true);
    new DialectErrorFilter('slack').catch(new DomainError(ErrorCode.NotFound, 'x'), hostFor(res));
    expect(written).toEqual({ headers: {} });
  });
});

describe('sendError', () => {
  it('writes the rendered status, headers and body', () => {
    const { res, written } = fakeResponse();
    sendError(res as never, 'corteza', new DomainError(ErrorCode.Unavailable, 'Try again'));
    expect(written).toEqual({
      status: 503,
      headers: { 'Retry-After': '2' },
      body: { error: { code: 'service_unavailable', message: 'Try again' } },
    });
  });
});
