import { extractCredentials } from './credentials';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const req = (headers: Record<string, string> = {}, query: Record<string, unknown> = {}, body?: unknown) =>
  ({ headers, query, body }) as Parameters<typeof extractCredentials>[0];

describe('extractCredentials', () => {
  it.each([
    ['bearer header', req({ authorization: 'Bearer sbt_abc' }), { kind: 'token', token: 'sbt_abc' }],
    ['bearer, any case', req({ authorization: 'bearer sbt_abc' }), { kind: 'token', token: 'sbt_abc' }],
    ['bearer with extra spaces', req({ authorization: '  Bearer   sbt_abc  ' }), { kind: 'token', token: 'sbt_abc' }],
    ['empty bearer', req({ authorization: 'Bearer' }), { kind: 'malformed', reason: 'Empty bearer token' }],
    [
      'basic email:key',
      req({ authorization: basic('ada@acme.test:sbt_key') }),
      { kind: 'basic', email: 'ada@acme.test', apiKey: 'sbt_key' },
    ],
    [
      'basic key containing a colon',
      req({ authorization: basic('a@b.c:k:ey') }),
      { kind: 'basic', email: 'a@b.c', apiKey: 'k:ey' },
    ],
    [
      'basic without colon',
      req({ authorization: basic('nocolon') }),
      { kind: 'malformed', reason: 'Invalid authorization header for basic auth' },
    ],
    [
      'basic with empty email',
      req({ authorization: basic(':key') }),
      { kind: 'malformed', reason: 'Invalid authorization header for basic auth' },
    ],
    [
      'basic without value',
      req({ authorization: 'Basic' }),
      { kind: 'malformed', reason: 'Invalid authorization header for basic auth' },
    ],
    [
      'unknown scheme',
      req({ authorization: 'Digest abc' }),
      { kind: 'malformed', reason: 'Unsupported authorization scheme: digest' },
    ],
    ['token in body', req({}, {}, { token: 'sbt_body' }), { kind: 'token', token: 'sbt_body' }],
    ['token in query', req({}, { token: 'sbt_query' }), { kind: 'token', token: 'sbt_query' }],
    ['body wins over query', req({}, { token: 'q' }, { token: 'b' }), { kind: 'token', token: 'b' }],
    ['header wins over body', req({ authorization: 'Bearer h' }, {}, { token: 'b' }), { kind: 'token', token: 'h' }],
    ['empty token field', req({}, { token: '' }), { kind: 'none' }],
    ['token field not a string', req({}, { token: ['a', 'b'] }), { kind: 'none' }],
    ['nothing', req(), { kind: 'none' }],
    ['body not an object', req({}, {}, 'token=x'), { kind: 'none' }],
  ])('%s', (_label, input, expected) => {
    expect(extractCredentials(input)).toEqual(expected);
  });
});
