import { createOrg } from '../support/admin';
import { api } from '../support/api';
import { Cluster } from '../support/cluster';
import { RtmTestClient } from '../support/rtm-client';

describe('Slack rate limits and protocol-level pings', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({
      gatewayEnv: { RTM_CONNECTS_PER_MINUTE: '2', RTM_CONNECT_BURST: '2', API_REQUESTS_PER_MINUTE: '3' },
    });
  });

  afterAll(() => cluster.stop());

  it('answers rtm.connect over the session limit with HTTP 429, Retry-After and ratelimited', async () => {
    const org = createOrg(1);
    const slack = api(cluster.apiUrl, org.users[0].token);
    // Sessions count when their socket arrives.
    for (let i = 0; i < 2; i++) (await RtmTestClient.connect(cluster.apiUrl, org.users[0].token)).close();
    const limited = await slack.post('/api/rtm.connect');
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: 'ratelimited' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another user has a budget of their own.
    expect((await api(cluster.apiUrl, org.admin.token).post('/api/rtm.connect')).body).toMatchObject({ ok: true });
  });

  it('does not count URLs whose socket never arrived: beyond the burst they are paced, not refused', async () => {
    const org = createOrg(0);
    const slack = api(cluster.apiUrl, org.admin.token);
    // Burst of 2 unused URLs, then about one a second (rtm.connect waits rather than answering 429).
    for (let i = 0; i < 4; i++) expect((await slack.post('/api/rtm.connect')).body).toMatchObject({ ok: true });
    // None of those URLs was used, so the session budget is untouched.
    for (let i = 0; i < 2; i++) (await RtmTestClient.connect(cluster.apiUrl, org.admin.token)).close();
  });

  it('limits Web API calls per user the same way', async () => {
    const org = createOrg(0);
    const slack = api(cluster.apiUrl, org.admin.token);
    for (let i = 0; i < 3; i++) expect((await slack.post('/api/auth.test')).status).toBe(200);
    expect(await slack.post('/api/auth.test')).toMatchObject({
      status: 429,
      body: { ok: false, error: 'ratelimited' },
    });
  });

  it('answers RFC 6455 ping frames', async () => {
    const org = createOrg(0);
    const client = await RtmTestClient.connect(cluster.apiUrl, org.admin.token);
    const pong = new Promise<string>((resolve) => client.socket.once('pong', (data) => resolve(String(data))));
    client.socket.ping('are-you-there');
    expect(await pong).toBe('are-you-there');
    client.close();
  });
});
