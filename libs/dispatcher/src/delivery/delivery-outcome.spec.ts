import { type TargetAnswer, backoffDelay, classifyAnswer, parseRetryAfter, replyText } from './delivery-outcome';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const response = (
  statusCode: number,
  body = '',
  headers: Record<string, string> = {},
  truncated = false,
): TargetAnswer => ({ kind: 'response', statusCode, headers, body, truncated });

describe('classifyAnswer', () => {
  it.each([
    [
      '200 with a JSON text reply',
      response(200, '{"text":"pong"}', { 'content-type': 'application/json' }),
      false,
      { outcome: 'delivered', statusCode: 200, reply: 'pong' },
    ],
    ['204 without body', response(204), false, { outcome: 'delivered', statusCode: 204, reply: null }],
    [
      '500, not the last attempt',
      response(500),
      false,
      { outcome: 'retry', statusCode: 500, error: 'answered HTTP 500' },
    ],
    [
      '500, the last attempt',
      response(500),
      true,
      { outcome: 'dead', statusCode: 500, error: 'answered HTTP 500 (last attempt)' },
    ],
    [
      '503 with Retry-After',
      response(503, '', { 'retry-after': '7' }),
      false,
      { outcome: 'retry', retryAfterMs: 7000 },
    ],
    [
      '429 with Retry-After',
      response(429, '', { 'retry-after': '2' }),
      false,
      { outcome: 'retry', statusCode: 429, retryAfterMs: 2000 },
    ],
    [
      '400 is not retried',
      response(400),
      false,
      { outcome: 'dead', statusCode: 400, error: 'answered HTTP 400: not retried' },
    ],
    ['404 is not retried', response(404), false, { outcome: 'dead', statusCode: 404 }],
    [
      '302 is not followed',
      response(302, '', { location: 'http://169.254.169.254/' }),
      false,
      { outcome: 'dead', error: 'answered HTTP 302: redirects are not followed' },
    ],
    [
      'timeout is retried',
      { kind: 'timeout', afterMs: 5000 } as TargetAnswer,
      false,
      { outcome: 'retry', error: 'timed out after 5000 ms' },
    ],
    [
      'network error is retried',
      { kind: 'network', message: 'ECONNREFUSED' } as TargetAnswer,
      false,
      { outcome: 'retry', error: 'network error: ECONNREFUSED' },
    ],
    [
      'network error on the last attempt is dead',
      { kind: 'network', message: 'ECONNRESET' } as TargetAnswer,
      true,
      { outcome: 'dead' },
    ],
    [
      'SSRF refusal is dead at once',
      { kind: 'refused', reason: '127.0.0.1 is a loopback address' } as TargetAnswer,
      false,
      { outcome: 'dead', error: 'refused: 127.0.0.1 is a loopback address' },
    ],
    [
      'truncated 2xx delivers without reply',
      response(200, '{"text":"pong"', { 'content-type': 'application/json' }, true),
      false,
      { outcome: 'delivered', reply: null },
    ],
  ])('%s', (_label, answer, last, expected) => {
    expect(classifyAnswer(answer, last, NOW)).toMatchObject(expected);
  });
});

describe('replyText', () => {
  const ok = (body: string, type?: string) =>
    response(200, body, type ? { 'content-type': type } : {}) as Extract<TargetAnswer, { kind: 'response' }>;
  it.each([
    ['JSON text', ok('{"text":"hi"}', 'application/json'), 'hi'],
    ['JSON content', ok('{"content":"hi"}', 'application/json; charset=utf-8'), 'hi'],
    ['JSON text wins over content', ok('{"text":"a","content":"b"}', 'application/json'), 'a'],
    ['JSON without text', ok('{"ok":true}', 'application/json'), null],
    ['JSON blank text', ok('{"text":"  "}', 'application/json'), null],
    ['JSON that is not an object', ok('"hi"', 'application/json'), null],
    ['malformed JSON', ok('{"text":', 'application/json'), null],
    ['plain text', ok('pong\n', 'text/plain; charset=utf-8'), 'pong'],
    ['no content type, text', ok('pong'), 'pong'],
    ['no content type, JSON-looking', ok('{"text":"x"}'), 'x'],
    ['HTML is not a reply', ok('<html></html>', 'text/html'), null],
    ['empty body', ok('', 'text/plain'), null],
  ])('%s', (_label, answer, expected) => {
    expect(replyText(answer)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['0', 0],
    ['120', 120_000],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', null],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 1000, 60_000, null, 0, 500],
    [1, 1000, 60_000, null, 1, 1000],
    [2, 1000, 60_000, null, 0.5, 1500],
    [3, 1000, 60_000, null, 1, 4000],
    [20, 1000, 60_000, null, 1, 60_000],
    [20, 1000, 60_000, null, 0, 30_000],
    [1, 1000, 60_000, 5000, 0.3, 5000],
    [1, 1000, 60_000, 3_600_000, 0.3, 60_000],
  ])('attempt %s base %s max %s retry-after %s random %s → %s', (attempts, base, max, retryAfter, random, expected) => {
    expect(backoffDelay(attempts, base, max, retryAfter, random)).toBe(expected);
  });
});
