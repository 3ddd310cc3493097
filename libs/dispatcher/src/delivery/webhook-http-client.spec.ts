import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookHttpClient } from './webhook-http-client';

/** Against a real HTTP server on loopback (the SSRF guard is lifted except where a test turns it on). */
describe('WebhookHttpClient', () => {
  let server: Server;
  let base: string;
  let connections = 0;
  const open = new Set<ServerResponse>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        switch (req.url) {
          case '/echo':
            res.writeHead(200, {
              'content-type': 'application/json',
              'x-got-signature': String(req.headers['x-switchboard-signature']),
            });
            res.end(Buffer.concat(chunks));
            return;
          case '/big':
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end('x'.repeat(10_000));
            return;
          case '/redirect':
            res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
            res.end();
            return;
          case '/hang':
            open.add(res);
            return;
          default:
            res.writeHead(404).end();
        }
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of open) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (over: Partial<ConstructorParameters<typeof WebhookHttpClient>[0]> = {}) =>
    new WebhookHttpClient({ timeoutMs: 2000, maxResponseBytes: 1024, allowPrivateTargets: true, ...over });

  it('POSTs the body as JSON with the given headers and reads the answer', async () => {
    const http = client();
    const answer = await http.post(`${base}/echo`, '{"a":1}', { 'X-Switchboard-Signature': 'v1=abc' });
    http.close();
    expect(answer).toMatchObject({ kind: 'response', statusCode: 200, body: '{"a":1}', truncated: false });
    expect(answer.kind === 'response' && answer.headers['x-got-signature']).toBe('v1=abc');
  });

  it('reuses kept-alive connections to a target, at most its per-target pool size', async () => {
    const http = client({ connectionsPerTarget: 2 });
    const before = connections;
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([1, 2].map(() => http.post(`${base}/echo`, '{}', {})));
      expect(answers.every((answer) => answer.kind === 'response' && answer.statusCode === 200)).toBe(true);
    }
    http.close();
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  it('reads at most the size cap and says so', async () => {
    const http = client();
    const answer = await http.post(`${base}/big`, '{}', {});
    http.close();
    expect(answer).toMatchObject({ kind: 'response', statusCode: 200, truncated: true });
    expect(answer.kind === 'response' && answer.body.length).toBe(1024);
  });

  it('does not follow redirects', async () => {
    const http = client();
    const answer = await http.post(`${base}/redirect`, '{}', {});
    http.close();
    expect(answer).toMatchObject({ kind: 'response', statusCode: 302 });
  });

  it('times out a target that never answers', async () => {
    const http = client({ timeoutMs: 200 });
    const answer = await http.post(`${base}/hang`, '{}', {});
    http.close();
    expect(answer).toEqual({ kind: 'timeout', afterMs: 200 });
  });

  it('reports a refused connection as a network error', async () => {
    const http = client();
    const answer = await http.post('http://127.0.0.1:9/', '{}', {});
    http.close();
    expect(answer).toEqual({ kind: 'network', message: 'ECONNREFUSED' });
  });

  it.each([
    ['an IP literal', (port: string) => `http://127.0.0.1:${port}/echo`, 'refused: 127.0.0.1 is a loopback address'],
    ['an IPv6 literal', () => 'http://[::1]:9/echo', 'refused: ::1 is a loopback address'],
    [
      'the metadata address',
      () => 'http://169.254.169.254/latest/meta-data/',
      'refused: 169.254.169.254 is a link-local or metadata address',
    ],
    [
      'a name that resolves to loopback',
      (port: string) => `http://localhost:${port}/echo`,
      /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
    ],
    ['a non-http scheme', () => 'file:///etc/passwd', 'refused: file: URLs are not allowed'],
  ])('with the guard on, refuses %s before sending anything', async (_label, url, reason) => {
    const http = client({ allowPrivateTargets: false });
    const answer = await http.post(url(new URL(base).port), '{}', {});
    http.close();
    expect(answer.kind).toBe('refused');
    const text = answer.kind === 'refused' ? `refused: ${answer.reason}` : '';
    if (typeof reason === 'string') expect(text).toBe(reason);
    else expect(text).toMatch(reason);
  });
});
