import { type Server, createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { type Mount, mountMatcher } from './mounts';
import { applyServerLimits } from './server-limits';

/** Sends raw bytes and returns everything the server answers before it closes. */
function exchange(server: Server, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(raw);
  });
}

function parse(answer: string): { statusLine: string; headers: string; body: unknown } {
  const [head, body] = answer.split('\r\n\r\n');
  const [statusLine, ...headers] = head.split('\r\n');
  return { statusLine, headers: headers.join('\n'), body: body ? JSON.parse(body) : undefined };
}

describe('applyServerLimits: refusals of Node’s parser, in the dialect of the path', () => {
  let server: Server;
  const mountOf = mountMatcher<Mount>(
    [
      { path: '/api/v1/', dialect: 'zulip' },
      { path: '/api/', dialect: 'slack' },
    ],
    { path: '/', dialect: 'corteza' },
  );
  const dialectOfPath = (path: string) => mountOf(path).dialect;

  beforeAll(async () => {
    server = createServer({ maxHeaderSize: 2048 }, (_req, res) => res.end('ok'));
    applyServerLimits(server, { headersTimeoutMs: 5000, requestTimeoutMs: 10_000, dialectOfPath });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const tooLarge = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`;

  it('Corteza-style: headers_too_large with 431', async () => {
    const answer = parse(await exchange(server, tooLarge('/channels/1/messages')));
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.headers).toMatch(/Connection: close/);
    expect(answer.body).toEqual({
      error: { code: 'headers_too_large', message: 'The request line or headers are too large' },
    });
  });

  it('Slack: the refusal keeps its HTTP status, the body is Slack’s', async () => {
    const answer = parse(await exchange(server, tooLarge('/api/chat.postMessage')));
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.body).toEqual({ ok: false, error: 'invalid_arguments' });
    const malformed = parse(await exchange(server, 'GET /api/chat.postMessage HTTP/1.1\r\nBad Header\r\n\r\n'));
    expect(malformed.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(malformed.body).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('Zulip', async () => {
    const answer = parse(await exchange(server, tooLarge('/api/v1/messages')));
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.body).toEqual({
      result: 'error',
      msg: 'The request line or headers are too large',
      code: 'BAD_REQUEST',
    });
  });

  it('Corteza-style when the request line was not readable, and no body for HEAD', async () => {
    const garbage = parse(await exchange(server, 'NOT HTTP AT ALL\r\n\r\n'));
    expect(garbage.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(garbage.body).toEqual({ error: { code: 'bad_request', message: 'Malformed HTTP request' } });
    const head = parse(await exchange(server, tooLarge('/api/v1/messages').replace(/^GET/, 'HEAD')));
    expect(head.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(head.body).toBeUndefined();
  });
});
