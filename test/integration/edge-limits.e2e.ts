import net from 'node:net';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { wireRequest } from '../support/hostile';
import { RtmTestClient } from '../support/rtm-client';

const basic = (email: string, key: string) => `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`;

/** Sends the start of a request and then one header byte per second, never finishing; resolves with what the server answered and when. */
function slowHeaders(port: number): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /channels/ HTTP/1.1\r\nHost: x\r\nX-Slow: '));
    const trickle = setInterval(() => socket.writable && socket.write('a'), 1000);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(trickle);
      resolve({ answer, ms: Date.now() - started });
    });
  });
}

/** Issue 14 §4: rate limits per IP and per credential in each dialect's 429 shape, size limits, slow requests, RTM socket caps. */
describe('limits that protect the cluster', () => {
  let cluster: Cluster;
  let org: TestOrg;

  beforeAll(async () => {
    org = createOrg(2);
    cluster = await Cluster.start({
      gatewayEnv: {
        REQUESTS_PER_TOKEN_PER_MINUTE: '3',
        REQUESTS_PER_IP_PER_MINUTE: '40',
        HEADERS_TIMEOUT_MS: '2000',
        MAX_URL_BYTES: '2048',
      },
      realtimeEnv: { RTM_MAX_SOCKETS_PER_USER: '2' },
    });
  });

  afterAll(() => cluster.stop());

  it('per credential: the fourth request of a token in a minute is 429 with Retry-After, in the Corteza and Zulip shapes; other credentials go on', async () => {
    const bearer = { authorization: `Bearer ${org.users[0].token}` };
    for (let i = 0; i < 3; i++)
      expect((await wireRequest(cluster.apiUrl, 'GET', '/channels/', bearer)).kind === 'answered').toBe(true);
    const corteza = await wireRequest(cluster.apiUrl, 'GET', '/channels/', bearer);
    expect(corteza).toMatchObject({ kind: 'answered', status: 429 });
    if (corteza.kind !== 'answered') return;
    expect(Number(corteza.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(corteza.text)).toMatchObject({ error: { code: 'rate_limited' } });

    const zulipAuth = { authorization: basic(org.users[1].email, org.users[1].token) };
    for (let i = 0; i < 3; i++)
      expect(await wireRequest(cluster.apiUrl, 'GET', '/api/v1/users/me', zulipAuth)).toMatchObject({ status: 200 });
    const zulip = await wireRequest(cluster.apiUrl, 'GET', '/api/v1/users/me', zulipAuth);
    expect(zulip).toMatchObject({ kind: 'answered', status: 429 });
    if (zulip.kind !== 'answered') return;
    expect(Number(zulip.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(zulip.text)).toMatchObject({
      result: 'error',
      code: 'RATE_LIMIT_HIT',
      'retry-after': Number(zulip.headers['retry-after']),
    });

    expect(
      await wireRequest(cluster.apiUrl, 'GET', '/channels/', { authorization: `Bearer ${org.admin.token}` }),
    ).toMatchObject({ status: 200 });
  });

  it('refuses an over-long URL (414), over-large headers (431) and an over-large body (413) with an answer, never a reset', async () => {
    const longQuery = 'x'.repeat(3000);
    const auth = { authorization: `Bearer ${org.admin.token}` };
    const corteza = await wireRequest(cluster.apiUrl, 'GET', `/search/messages?query=${longQuery}`, auth);
    expect(corteza).toMatchObject({ kind: 'answered', status: 414 });
    const zulip = await wireRequest(cluster.apiUrl, 'GET', `/api/v1/messages?anchor=${longQuery}`, auth);
    expect(zulip).toMatchObject({ status: 414 });
    if (zulip.kind === 'answered') expect(JSON.parse(zulip.text)).toMatchObject({ result: 'error' });
    const huge = await wireRequest(cluster.apiUrl, 'GET', `/search/messages?query=${'x'.repeat(70_000)}`, auth);
    expect(huge).toMatchObject({ kind: 'answered', status: 431 });
    const headers = await wireRequest(cluster.apiUrl, 'GET', '/channels/', { ...auth, 'x-big': 'y'.repeat(20_000) });
    expect(headers).toMatchObject({ kind: 'answered', status: 431 });
    const body = await wireRequest(cluster.apiUrl, 'POST', '/api/chat.postMessage', auth, {
      contentType: 'application/json',
      text: JSON.stringify({ text: 'z'.repeat(2 * 1024 * 1024) }),
    });
    expect(body).toMatchObject({ kind: 'answered', status: 200 });
    if (body.kind === 'answered') expect(JSON.parse(body.text)).toEqual({ ok: false, error: 'msg_too_long' });
  });

  it('closes a request whose headers trickle in slower than HEADERS_TIMEOUT_MS with a 408', async () => {
    const { answer, ms } = await slowHeaders(cluster.gateway.port);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(10_000);
  });

  it('caps RTM sockets per user on a replica: the third is refused with an error frame and close 1008', async () => {
    const first = await RtmTestClient.connect(cluster.apiUrl, org.users[1].token);
    const second = await RtmTestClient.connect(cluster.apiUrl, org.users[1].token);
    const third = await RtmTestClient.open(await RtmTestClient.ticketUrl(cluster.apiUrl, org.users[1].token));
    expect((await third.closed).code).toBe(1008);
    expect(third.frames[0]).toMatchObject({ type: 'error' });
    second.close();
    await second.closed;
    const again = await RtmTestClient.connect(cluster.apiUrl, org.users[1].token);
    again.close();
    first.close();
  });

  it('per IP: past REQUESTS_PER_IP_PER_MINUTE every surface answers 429 in its own shape', async () => {
    let last = await wireRequest(cluster.apiUrl, 'GET', '/api/v1/server_settings', {});
    for (let i = 0; i < 60 && (last.kind !== 'answered' || last.status !== 429); i++)
      last = await wireRequest(cluster.apiUrl, 'GET', '/api/v1/server_settings', {});
    expect(last).toMatchObject({ kind: 'answered', status: 429 });
    const slack = await wireRequest(cluster.apiUrl, 'POST', '/api/auth.test', {
      authorization: `Bearer ${org.admin.token}`,
    });
    expect(slack).toMatchObject({ status: 429 });
    if (slack.kind === 'answered') {
      expect(JSON.parse(slack.text)).toEqual({ ok: false, error: 'ratelimited' });
      expect(Number(slack.headers['retry-after'])).toBeGreaterThan(0);
    }
    const corteza = await wireRequest(cluster.apiUrl, 'GET', '/channels/', {
      authorization: `Bearer ${org.admin.token}`,
    });
    expect(corteza).toMatchObject({ status: 429 });
    expect(await wireRequest(cluster.apiUrl, 'GET', '/health/live', {})).toMatchObject({ status: 200 });
  });
});
