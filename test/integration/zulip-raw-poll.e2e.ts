import { Redis } from 'ioredis';
import { Client } from 'pg';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/env';
import { httpRequest } from '../support/http';
import { eventually } from '../support/webhook-receiver';
import { zulipApi } from '../support/zulip';

type Answer = { status: number; headers: Record<string, string | null>; body: Record<string, unknown> };

const COMPARED_HEADERS = [
  'content-type',
  'content-length',
  'etag',
  'x-powered-by',
  'x-request-id',
  'www-authenticate',
  'retry-after',
];

/**
 * `GET /api/v1/events` is served on the realtime gateway's bare HTTP server, ahead of Express
 * (raw-events-route). `/api/v1/events/` still reaches the Nest controller (Express matches the
 * trailing slash), so each case asks both and expects the same status, headers and body.
 */
describe('Zulip long-poll served ahead of Express', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let realtime: string;
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  const redis = new Redis(TEST_REDIS_URL);

  beforeAll(async () => {
    org = createOrg(3);
    await db.connect();
    cluster = await Cluster.start({ realtimeEnv: { ZULIP_HEARTBEAT_SECONDS: '1' } });
    realtime = cluster.realtime[0].url;
  });

  afterAll(async () => {
    await cluster.stop();
    await db.end();
    await redis.quit();
  });

  const basic = (email: string, key: string) => ({
    authorization: `Basic ${Buffer.from(`${email}:${key}`).toString('base64')}`,
  });

  const get = async (
    path: string,
    query: Record<string, string> | [string, string][],
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Answer> => {
    const response = await fetch(`${realtime}${path}?${new URLSearchParams(query).toString()}`, { headers, signal });
    return {
      status: response.status,
      headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])),
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  /** The raw route's answer and the Nest controller's, one after the other (same request id). */
  const both = async (query: Record<string, string> | [string, string][], headers: Record<string, string>) => {
    const withId = { ...headers, 'x-request-id': `raw-poll-${Math.random().toString(36).slice(2)}` };
    return { raw: await get('/api/v1/events', query, withId), nest: await get('/api/v1/events/', query, withId) };
  };

  const register = async (email: string, key: string): Promise<{ queueId: string; lastEventId: string }> => {
    const registered = await zulipApi(realtime, email, key).post('/register', {});
    expect(registered.status).toBe(200);
    return { queueId: String(registered.body.queue_id), lastEventId: String(registered.body.last_event_id) };
  };

  it('refuses missing and bad credentials as the guard does', async () => {
    const [alice] = org.users;
    const cases: Record<string, string>[] = [
      {},
      basic(alice.email, 'sbt_wrong'),
      { authorization: 'Basic bm9jb2xvbg==' },
      { authorization: 'Digest abc' },
      { authorization: 'Bearer sbt_wrong' },
    ];
    for (const headers of cases) {
      const { raw, nest } = await both({ queue_id: 'q', last_event_id: '0' }, headers);
      expect(raw.status).toBe(401);
      expect(raw.body).toMatchObject({
        result: 'error',
        code: expect.stringMatching(/^(UNAUTHORIZED|INVALID_API_KEY)$/),
      });
      expect(raw).toEqual(nest);
    }
  });

  it('refuses a missing queue_id, a missing last_event_id and an unknown queue as the controller does', async () => {
    const [alice] = org.users;
    const auth = basic(alice.email, alice.token);
    const noQueue = await both({ last_event_id: '0' }, auth);
    expect(noQueue.raw).toMatchObject({ status: 400, body: { msg: "Missing 'queue_id' argument" } });
    expect(noQueue.raw).toEqual(noQueue.nest);
    const repeated = await both(
      [
        ['queue_id', 'a'],
        ['queue_id', 'b'],
        ['last_event_id', '0'],
      ],
      auth,
    );
    expect(repeated.raw).toEqual(repeated.nest);
    const noLast = await both({ queue_id: 'nope' }, auth);
    expect(noLast.raw).toMatchObject({ status: 400, body: { msg: "Missing 'last_event_id' argument" } });
    expect(noLast.raw).toEqual(noLast.nest);
    const unknown = await both({ queue_id: 'nope', last_event_id: '0' }, auth);
    expect(unknown.raw).toMatchObject({
      status: 400,
      body: { result: 'error', msg: 'Bad event queue ID: nope', code: 'BAD_EVENT_QUEUE_ID', queue_id: 'nope' },
    });
    expect(unknown.raw).toEqual(unknown.nest);
  });

  it('refuses a deactivated user as the controller does', async () => {
    const user = org.users[2];
    await db.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [user.id]);
    try {
      const { raw, nest } = await both({ queue_id: 'nope', last_event_id: '0' }, basic(user.email, user.token));
      expect(raw.status).toBeGreaterThanOrEqual(401);
      expect(raw.status).toBeLessThan(404);
      expect(raw.body).toMatchObject({ result: 'error' });
      expect(raw).toEqual(nest);
    } finally {
      await db.query('UPDATE users SET deactivated_at = NULL WHERE id = $1', [user.id]);
    }
  });

  it('answers dont_block=true and a heartbeat the same way', async () => {
    const [alice] = org.users;
    const auth = basic(alice.email, alice.token);
    const { queueId, lastEventId } = await register(alice.email, alice.token);
    const nonBlocking = await both({ queue_id: queueId, last_event_id: lastEventId, dont_block: 'true' }, auth);
    expect(nonBlocking.raw).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: { result: 'success', msg: '', events: [], queue_id: queueId },
    });
    expect(nonBlocking.raw).toEqual(nonBlocking.nest);
    const { raw, nest } = await both({ queue_id: queueId, last_event_id: lastEventId }, auth);
    expect(raw).toMatchObject({ status: 200, body: { result: 'success', events: [{ type: 'heartbeat' }] } });
    expect(raw).toEqual(nest);
  });

  it('ends the poll when the client goes away mid-poll, and the queue polls again', async () => {
    const [, bob] = org.users;
    const auth = basic(bob.email, bob.token);
    const { queueId, lastEventId } = await register(bob.email, bob.token);
    const channel = `sb:zq-poll:{${queueId}}`;
    const subscribers = async () =>
      Number(((await redis.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number])[1]);
    const aborted = new AbortController();
    const parked = get('/api/v1/events', { queue_id: queueId, last_event_id: lastEventId }, auth, aborted.signal);
    parked.catch(() => undefined);
    await eventually(async () => (await subscribers()) === 1, 5000, 'the poll parked');
    aborted.abort();
    await expect(parked).rejects.toThrow();
    // Well before the 1 s heartbeat would end it anyway.
    await eventually(async () => (await subscribers()) === 0, 600, 'the poll ended');
    const again = await get(
      '/api/v1/events',
      { queue_id: queueId, last_event_id: lastEventId, dont_block: 'true' },
      auth,
    );
    expect(again).toMatchObject({ status: 200, body: { result: 'success', events: [] } });
  });

  it('counts in the HTTP metrics under the route pattern, and keeps the caller’s request id', async () => {
    const [alice] = org.users;
    const answer = await get(
      '/api/v1/events',
      { queue_id: 'nope', last_event_id: '0' },
      { ...basic(alice.email, alice.token), 'x-request-id': 'raw-poll-id' },
    );
    expect(answer.headers['x-request-id']).toBe('raw-poll-id');
    const metrics = (await httpRequest(`${realtime}/metrics`)).text;
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/events",status="400"\} [1-9]/,
    );
  });
});
