import { Client } from 'pg';
import { api } from '../support/api';
import { createOrg, type TestOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { httpRequest } from '../support/http';
import { INTERNAL_SECRET, TEST_DATABASE_URL } from '../support/env';

type Body<T = Record<string, string>> = { response: T; error?: { code: string; message: string } };

/**
 * The hot post routes (api-gateway's Corteza `POST /channels/:id/messages`, messaging-service's
 * internal one) answer exactly as the Nest routes behind them. Each case is sent twice: as the hot
 * route takes it, and with an unknown field, which sends it on to Nest (that strips the field), so
 * both answers must be equal. The hot routes send no ETag, which tells which one answered.
 */
describe('hot post routes: same auth, validation, refusals and answers as the Nest routes', () => {
  let cluster: Cluster;
  let org: TestOrg;
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  let publicChannel: string;
  let privateChannel: string;

  beforeAll(async () => {
    org = createOrg(3);
    cluster = await Cluster.start();
    await db.connect();
    const admin = api(cluster.apiUrl, org.admin.token);
    publicChannel = (await admin.post<Body>('/channels/', { name: 'hot', members: [org.users[0].id] })).body.response
      .channelID;
    privateChannel = (await admin.post<Body>('/channels/', { name: 'hot-private', type: 'private', members: [] })).body
      .response.channelID;
  });

  afterAll(async () => {
    await cluster.stop();
    await db.end();
  });

  /** The same post through the hot route and through Nest (an unknown field makes the hot route step aside). */
  async function both(token: string | undefined, channelId: string, body: Record<string, unknown>) {
    const client = api(cluster.apiUrl, token);
    const hot = await client.post<Body>(`/channels/${channelId}/messages/`, body);
    const nest = await client.post<Body>(`/channels/${channelId}/messages/`, { ...body, unknownField: 1 });
    return { hot, nest };
  }

  it.each<[string, (o: TestOrg) => string | undefined, () => string, Record<string, unknown>, number, string]>([
    ['no credentials', () => undefined, () => publicChannel, { message: 'x' }, 401, 'not_authenticated'],
    ['an unknown token', () => 'sbt_nope', () => publicChannel, { message: 'x' }, 401, 'invalid_token'],
    ['a channel id that is not an id', (o) => o.users[0].token, () => 'abc', { message: 'x' }, 400, 'bad_request'],
    ['no message', (o) => o.users[0].token, () => publicChannel, {}, 400, 'validation_failed'],
    ['an empty message', (o) => o.users[0].token, () => publicChannel, { message: '' }, 400, 'validation_failed'],
    [
      'a message too long',
      (o) => o.users[0].token,
      () => publicChannel,
      { message: 'x'.repeat(10001) },
      400,
      'validation_failed',
    ],
    [
      'a topic that is not a string',
      (o) => o.users[0].token,
      () => publicChannel,
      { message: 'x', topic: 5 },
      400,
      'validation_failed',
    ],
    [
      'an unknown channel (Corteza 404)',
      (o) => o.users[0].token,
      () => '4242424242',
      { message: 'x' },
      404,
      'channel_not_found',
    ],
    [
      'a private channel the poster is not in',
      (o) => o.users[1].token,
      () => privateChannel,
      { message: 'x' },
      404,
      'channel_not_found',
    ],
  ])('%s: refused alike', async (_label, token, channel, body, status, code) => {
    const { hot, nest } = await both(token(org), channel(), body);
    expect({ status: hot.status, code: hot.body.error?.code }).toEqual({ status, code });
    expect(hot.body).toEqual(nest.body);
    expect(hot.status).toBe(nest.status);
  });

  it('a public channel the poster is not in: refused alike, nothing stored', async () => {
    const { hot, nest } = await both(org.users[1].token, publicChannel, { message: 'outsider' });
    expect(hot.status).toBeGreaterThanOrEqual(400);
    expect({ status: hot.status, body: hot.body }).toEqual({ status: nest.status, body: nest.body });
    const { rows } = await db.query('SELECT 1 FROM messages WHERE channel_id = $1 AND body = $2', [
      publicChannel,
      'outsider',
    ]);
    expect(rows).toHaveLength(0);
  });

  it('a post answers the same shape (Corteza envelope, capabilities) as through Nest', async () => {
    const { hot, nest } = await both(org.users[0].token, publicChannel, { message: 'same shape', topic: 'news' });
    expect([hot.status, nest.status]).toEqual([200, 200]);
    expect(hot.headers.etag).toBeUndefined(); // the hot route answered
    expect(nest.headers.etag).toBeDefined(); // Nest answered
    expect(hot.headers['content-type']).toBe(nest.headers['content-type']);
    const differing = ['messageID', 'createdAt', 'zulipID', 'ts'];
    const strip = (view: Record<string, string>) =>
      Object.fromEntries(Object.entries(view).filter(([key]) => !differing.includes(key)));
    expect(strip(hot.body.response)).toEqual(strip(nest.body.response));
    expect(hot.body.response).toMatchObject({ message: 'same shape', topic: 'news', canEdit: true, canReply: true });
    expect(Object.keys(hot.body.response).sort()).toEqual(Object.keys(nest.body.response).sort());
  });

  it('anything unusual goes on to Nest: a form body, a query string, a token in the body', async () => {
    const user = org.users[0];
    const form = await api(cluster.apiUrl, user.token).post<Body>(
      `/channels/${publicChannel}/messages`,
      'message=from+a+form',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect({ status: form.status, message: form.body.response.message }).toEqual({
      status: 200,
      message: 'from a form',
    });
    const query = await api(cluster.apiUrl, user.token).post<Body>(`/channels/${publicChannel}/messages?x=1`, {
      message: 'with a query',
    });
    expect(query.status).toBe(200);
    expect(query.headers.etag).toBeDefined();
    const bodyToken = await api(cluster.apiUrl).post<Body>(`/channels/${publicChannel}/messages`, {
      message: 'token in the body',
      token: user.token,
    });
    expect({ status: bodyToken.status, user: bodyToken.body.response.userID }).toEqual({ status: 200, user: user.id });
  });

  it('a deactivated author is refused by both routes, and nothing is stored', async () => {
    const user = org.users[2];
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (await admin.post<Body>('/channels/', { name: 'hot-deactivated', members: [user.id] })).body
      .response.channelID;
    expect(
      (await api(cluster.apiUrl, user.token).post(`/channels/${channel}/messages`, { message: 'warm' })).status,
    ).toBe(200);
    await db.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [user.id]);
    try {
      const { hot, nest } = await both(user.token, channel, { message: 'after deactivation' });
      expect({ status: hot.status, code: hot.body.error?.code }).toEqual({ status: 401, code: 'account_inactive' });
      expect({ status: nest.status, body: nest.body }).toEqual({ status: hot.status, body: hot.body });
      const { rows } = await db.query('SELECT 1 FROM messages WHERE channel_id = $1 AND body = $2', [
        channel,
        'after deactivation',
      ]);
      expect(rows).toHaveLength(0);
    } finally {
      await db.query('UPDATE users SET deactivated_at = NULL WHERE id = $1', [user.id]);
    }
  });

  describe('messaging-service internal route', () => {
    const internal = (
      path: string,
      body: unknown,
      headers: Record<string, string> = { 'x-internal-secret': INTERNAL_SECRET, 'x-actor-id': org.users[0].id },
    ) =>
      httpRequest(`${cluster.messaging.url}/internal/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    async function bothInternal(path: string, body: Record<string, unknown>, headers?: Record<string, string>) {
      const hot = await internal(path, body, headers);
      const nest = await internal(path, { ...body, unknownField: 1 }, headers);
      return {
        hot: { status: hot.status, body: JSON.parse(hot.text) },
        nest: { status: nest.status, body: JSON.parse(nest.text) },
      };
    }

    it.each<[string, () => Record<string, string>, () => string, Record<string, unknown>, number]>([
      ['no internal secret', () => ({}), () => publicChannel, { message: 'x' }, 401],
      ['a wrong secret', () => ({ 'x-internal-secret': 'wrong' }), () => publicChannel, { message: 'x' }, 401],
      ['no actor', () => ({ 'x-internal-secret': INTERNAL_SECRET }), () => publicChannel, { message: 'x' }, 401],
      [
        'an unknown actor',
        () => ({ 'x-internal-secret': INTERNAL_SECRET, 'x-actor-id': '4242424242' }),
        () => publicChannel,
        { message: 'x' },
        401,
      ],
      [
        'an invalid body',
        () => ({ 'x-internal-secret': INTERNAL_SECRET, 'x-actor-id': org.users[0].id }),
        () => publicChannel,
        { message: 7 },
        400,
      ],
      [
        'a bad channel id',
        () => ({ 'x-internal-secret': INTERNAL_SECRET, 'x-actor-id': org.users[0].id }),
        () => 'x1',
        { message: 'x' },
        400,
      ],
      [
        'a channel the actor may not post in',
        () => ({ 'x-internal-secret': INTERNAL_SECRET, 'x-actor-id': org.users[1].id }),
        () => privateChannel,
        { message: 'x' },
        404,
      ],
    ])('%s: refused alike', async (_label, headers, channel, body, status) => {
      const { hot, nest } = await bothInternal(`/channels/${channel()}/messages`, body, headers());
      expect(hot.status).toBe(status);
      expect(hot).toEqual(nest);
    });

    describe('the batch of posts (the gateway coalescing its posts)', () => {
      const secret = { 'x-internal-secret': INTERNAL_SECRET };
      type Answer = { status: number; body: { error?: unknown; message?: string; capabilities?: unknown } };
      const posts = () => [
        { actorId: org.users[0].id, channelId: publicChannel, message: 'batched one' },
        { actorId: org.users[0].id, channelId: publicChannel, message: 'batched two', topic: 't' },
        { actorId: '4242424242', channelId: publicChannel, message: 'x' },
        { actorId: 'nope', channelId: publicChannel, message: 'x' },
        { actorId: org.users[0].id, channelId: 'x1', message: 'x' },
        { actorId: org.users[0].id, channelId: publicChannel, message: '' },
        { actorId: org.users[0].id, channelId: publicChannel, message: 'x'.repeat(10001) },
        { actorId: org.users[1].id, channelId: privateChannel, message: 'x' },
        { actorId: org.users[0].id, channelId: '4242424242', message: 'x' },
      ];

      /** What the single internal call (with capabilities) answers for the same post. */
      async function single(post: ReturnType<typeof posts>[number]): Promise<Answer> {
        const { actorId, channelId, ...body } = post;
        const answer = await internal(`/channels/${channelId}/messages?viewerCapabilities=1`, body, {
          ...secret,
          'x-actor-id': actorId,
        });
        return { status: answer.status, body: JSON.parse(answer.text) };
      }

      const comparable = (answer: Answer) =>
        answer.status < 300
          ? { status: answer.status, message: answer.body.message, capabilities: answer.body.capabilities }
          : answer;

      it('answers each post as its own call would, on the hot route and through Nest alike', async () => {
        const hot = await internal('/messages/batch', { posts: posts() }, secret);
        const nest = await internal('/messages/batch', { posts: posts(), unknownField: 1 }, secret);
        expect([hot.status, nest.status, hot.headers.etag]).toEqual([200, 200, undefined]);
        const hotAnswers = (JSON.parse(hot.text) as { answers: Answer[] }).answers;
        const nestAnswers = (JSON.parse(nest.text) as { answers: Answer[] }).answers;
        const singles = await Promise.all(posts().map(single));
        expect(hotAnswers.map(comparable)).toEqual(singles.map(comparable));
        expect(nestAnswers.map(comparable)).toEqual(singles.map(comparable));
        expect(hotAnswers.map((answer) => answer.status)).toEqual([201, 201, 401, 401, 400, 400, 400, 404, 404]);
      });

      it('refuses a batch without the internal secret, and a malformed one, as a whole', async () => {
        const noSecret = await internal('/messages/batch', { posts: posts() }, {});
        expect(noSecret.status).toBe(401);
        for (const body of [{ posts: [] }, { posts: 'x' }, { posts: [{ actorId: org.users[0].id }] }, {}]) {
          const answer = await internal('/messages/batch', body, secret);
          expect({ body, status: answer.status }).toEqual({ body, status: 400 });
        }
      });
    });

    it('concurrent posts through the gateway (coalesced into batches) each get their own answer', async () => {
      const sent = Array.from({ length: 60 }, (_, index) => ({
        user: index % 3 === 0 || index % 2 === 0 ? org.users[0] : org.admin,
        channel: index % 3 === 0 ? privateChannel : publicChannel,
        message: `coalesced ${index}`,
      }));
      const answers = await Promise.all(
        sent.map((post) =>
          api(cluster.apiUrl, post.user.token).post<Body>(`/channels/${post.channel}/messages/`, {
            message: post.message,
          }),
        ),
      );
      answers.forEach((answer, index) => {
        const post = sent[index];
        const allowed = post.channel === publicChannel;
        expect({ index, status: answer.status }).toEqual({ index, status: allowed ? 200 : 404 });
        if (allowed) expect(answer.body.response.message).toBe(post.message);
      });
      const stored = await db.query<{ body: string }>(`SELECT body FROM messages WHERE body LIKE 'coalesced %'`);
      expect(stored.rows.map((row) => row.body).sort()).toEqual(
        sent
          .filter((post) => post.channel === publicChannel)
          .map((post) => post.message)
          .sort(),
      );
    });

    it('token resolution (one hand-written query): a known token resolves, a revoked one is refused', async () => {
      const user = org.users[1];
      const resolve = () =>
        internal('/auth/token', { token: user.token }, { 'x-internal-secret': INTERNAL_SECRET }).then((answer) => ({
          status: answer.status,
          body: JSON.parse(answer.text) as { user?: { userId: string }; error?: { code: string } },
        }));
      const known = await resolve();
      expect({ status: known.status, user: known.body.user?.userId }).toEqual({ status: 200, user: user.id });
      await db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1', [user.id]);
      const revoked = await resolve();
      expect({ status: revoked.status, code: revoked.body.error?.code }).toEqual({
        status: 401,
        code: 'invalid_token',
      });
    });

    it('posts with 201 and no ETag; capabilities when asked', async () => {
      const plain = await internal(`/channels/${publicChannel}/messages`, { message: 'internal plain' });
      expect(plain.status).toBe(201);
      expect(plain.headers.etag).toBeUndefined();
      const asked = await internal(`/channels/${publicChannel}/messages?viewerCapabilities=1`, {
        message: 'internal with capabilities',
      });
      expect(asked.status).toBe(201);
      expect(JSON.parse(asked.text).capabilities).toEqual(expect.objectContaining({ edit: true }));
    });
  });
});
