import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_DATABASE_URL } from '../support/env';
import { AppProcess } from '../support/processes';
import { RtmTestClient } from '../support/rtm-client';
import { type ReceivedRequest, WebhookReceiver, eventually } from '../support/webhook-receiver';

type Envelope<T = Record<string, unknown>> = { response: T; error?: { code: string; message: string } };
type Webhook = { webhookID: string; token: string; signingSecret: string; incomingPath: string; username: string | null; channelID: string; url: string | null };
type Message = { messageID: string; userID: string; message: string; replyTo: string | null; meta?: { username: string | null; avatarURL: string | null; webhookID: string | null } | null };
type Delivery = { deliveryID: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; replyMessageID: string | null };

const FAKE_ID = '123456789012345678';
const MAX_ATTEMPTS = 3;

const DISPATCHER_ENV = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_BACKOFF_BASE_MS: '50',
  WEBHOOK_BACKOFF_MAX_MS: '200',
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_JOB_LOCK_MS: '2000',
  WEBHOOK_CONCURRENCY: '4',
  WEBHOOK_PER_TARGET_CONCURRENCY: '2',
};

describe('webhooks: incoming and outgoing, through the webhook-dispatcher', () => {
  let cluster: Cluster;
  let receiver: WebhookReceiver;
  let org: TestOrg;
  let admin: Api;
  let member: Api;
  let outsider: Api;
  let channelId: string;
  let privateId: string;
  let botId: string;

  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Envelope).error?.code }).toEqual({ status, code });
    expect(typeof (body as Envelope).error?.message).toBe('string');
  };

  const createWebhook = async (body: Record<string, unknown>): Promise<Webhook> => {
    const created = await admin.post<Envelope<Webhook>>('/webhooks/', { channelID: channelId, userID: botId, ...body });
    expect(created.status).toBe(200);
    return created.body.response;
  };

  const outgoing = (path: string, trigger?: string) => createWebhook({ kind: 'outgoing', url: receiver.url(path), trigger, username: 'Echo' });

  const history = async (): Promise<Message[]> => (await admin.get<Envelope<{ messages: Message[] }>>(`/channels/${channelId}/messages/?limit=200`)).body.response.messages;

  const deliveries = async (webhookId: string, status?: string): Promise<Delivery[]> =>
    (await admin.get<Envelope<Delivery[]>>(`/webhooks/${webhookId}/deliveries${status ? `?status=${status}` : ''}`)).body.response;

  const finished = (webhookId: string, count = 1) =>
    eventually(async () => {
      const list = await deliveries(webhookId);
      return list.length >= count && list.every((delivery) => delivery.status !== 'pending') ? list : null;
    }, 20_000, `deliveries of webhook ${webhookId} to finish`);

  const verifySignature = (request: ReceivedRequest, secret: string) => {
    const timestamp = String(request.headers['x-switchboard-timestamp']);
    const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-switchboard-signature']).toBe(expected);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
  };

  const sql = async (text: string, values: unknown[] = []) => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    // The admin CLI blocks this process; run it before any keep-alive connection could go stale.
    org = createOrg(2, { bots: 1 });
    receiver = await WebhookReceiver.start();
    cluster = await Cluster.start({
      withDispatcher: true,
      dispatcherEnv: DISPATCHER_ENV,
      messagingEnv: { WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
      gatewayEnv: { WEBHOOK_INCOMING_PER_MINUTE: '20' },
    });
    admin = api(cluster.apiUrl, org.admin.token);
    member = api(cluster.apiUrl, org.users[0].token);
    outsider = api(cluster.apiUrl, org.users[1].token);
    botId = org.users[2].id;
    channelId = (await admin.post<Envelope>('/channels/', { name: 'hooks', members: [org.users[0].id] })).body.response.channelID as string;
    privateId = (await admin.post<Envelope>('/channels/', { name: 'hooks-private', type: 'private' })).body.response.channelID as string;
  });

  afterAll(async () => {
    await cluster?.stop();
    await receiver?.stop();
  });

  describe('management', () => {
    it('creates a webhook, shows the token and signing secret once, and lists it', async () => {
      const hook = await createWebhook({ kind: 'incoming', username: 'CI', avatarURL: 'https://example.com/ci.png' });
      expect(hook.token).toMatch(/^sbw_[A-Za-z0-9_-]{43}$/);
      expect(hook.signingSecret).toMatch(/^whsec_/);
      expect(hook.incomingPath).toBe(`/webhooks/${hook.webhookID}/${hook.token}`);
      const fetched = await admin.get<Envelope>(`/webhooks/${hook.webhookID}`);
      expect(fetched.body.response).toMatchObject({ webhookID: hook.webhookID, kind: 'incoming', userID: botId, ownerID: org.admin.id, username: 'CI' });
      expect(fetched.body.response).not.toHaveProperty('token');
      expect(fetched.body.response).not.toHaveProperty('signingSecret');
      const listed = await admin.get<Envelope<Webhook[]>>(`/webhooks/?channelID=${channelId}`);
      expect(listed.body.response.map((webhook) => webhook.webhookID)).toContain(hook.webhookID);
      const byOwner = await admin.get<Envelope<Webhook[]>>(`/webhooks/?userID=${org.admin.id}`);
      expect(byOwner.body.response.map((webhook) => webhook.webhookID)).toContain(hook.webhookID);
      const byOtherOwner = await admin.get<Envelope<Webhook[]>>(`/webhooks/?userID=${org.users[0].id}`);
      expect(byOtherOwner.body.response).toEqual([]);
    });

    it('updates a webhook, and refuses members who do not own the channel', async () => {
      const hook = await createWebhook({ kind: 'incoming' });
      const updated = await admin.post<Envelope<Webhook>>(`/webhooks/${hook.webhookID}`, { channelID: channelId, kind: 'incoming', userID: botId, username: 'Renamed' });
      expect(updated.status).toBe(200);
      expect(updated.body.response.username).toBe('Renamed');
      await expectError(member.get(`/webhooks/${hook.webhookID}`), 404, 'webhook_not_found');
      await expectError(member.post(`/webhooks/${hook.webhookID}`, { channelID: channelId, kind: 'incoming', userID: botId }), 404, 'webhook_not_found');
      await expectError(member.delete(`/webhooks/${hook.webhookID}`), 404, 'webhook_not_found');
      await expectError(member.get(`/webhooks/${hook.webhookID}/deliveries`), 404, 'webhook_not_found');
      expect((await member.get<Envelope<Webhook[]>>('/webhooks/')).body.response).toEqual([]);
      await expectError(member.post('/webhooks/', { channelID: channelId, kind: 'incoming', userID: botId }), 403, 'forbidden');
      await expectError(outsider.post('/webhooks/', { channelID: privateId, kind: 'incoming', userID: botId }), 404, 'channel_not_found');
      const deleted = await admin.delete(`/webhooks/${hook.webhookID}`);
      expect(deleted.status).toBe(200);
      await expectError(admin.get(`/webhooks/${hook.webhookID}`), 404, 'webhook_not_found');
    });

    it.each([
      ['unknown kind', { kind: 'sideways' }, 400, 'validation_failed'],
      ['channel that is not an id', { kind: 'incoming', channelID: 'abc' }, 400, 'validation_failed'],
      ['unknown channel', { kind: 'incoming', channelID: FAKE_ID }, 404, 'channel_not_found'],
      ['user that is not a bot', { kind: 'incoming', userID: 'MEMBER' }, 400, 'validation_failed'],
      ['unknown user', { kind: 'incoming', userID: FAKE_ID }, 404, 'user_not_found'],
      ['outgoing without url', { kind: 'outgoing' }, 400, 'validation_failed'],
      ['outgoing with an ftp url', { kind: 'outgoing', url: 'ftp://example.com/x' }, 400, 'validation_failed'],
      ['outgoing with a url that is not one', { kind: 'outgoing', url: 'not a url' }, 400, 'validation_failed'],
      ['incoming with a trigger', { kind: 'incoming', trigger: '!x' }, 400, 'validation_failed'],
      ['avatarURL that is not http', { kind: 'incoming', avatarURL: 'javascript:alert(1)' }, 400, 'validation_failed'],
      ['over-long trigger', { kind: 'outgoing', url: 'https://example.com', trigger: 't'.repeat(101) }, 400, 'validation_failed'],
    ])('create with %s: %s and nothing is created', async (_label, body, status, code) => {
      const before = (await admin.get<Envelope<Webhook[]>>('/webhooks/')).body.response.length;
      const input: Record<string, unknown> = { channelID: channelId, userID: botId, ...body };
      if (input.userID === 'MEMBER') input.userID = org.users[0].id;
      await expectError(admin.post('/webhooks/', input), status, code);
      expect((await admin.get<Envelope<Webhook[]>>('/webhooks/')).body.response.length).toBe(before);
    });

    it.each([
      ['id that is not a number', '/webhooks/abc', 400, 'bad_request'],
      ['unknown id', `/webhooks/${FAKE_ID}`, 404, 'webhook_not_found'],
      ['bad status filter', `/webhooks/${FAKE_ID}/deliveries?status=lost`, 400, 'validation_failed'],
    ])('get with %s', async (_label, path, status, code) => {
      await expectError(admin.get(path), status, code);
    });

    it('needs authentication', async () => {
      await expectError(api(cluster.apiUrl).get('/webhooks/'), 401, 'not_authenticated');
    });
  });

  describe('incoming', () => {
    let hook: Webhook;

    beforeAll(async () => {
      hook = await createWebhook({ kind: 'incoming', username: 'Deploys', avatarURL: 'https://example.com/d.png' });
    });

    it('posts the content as the bot with the display name, visible over REST and pushed over RTM', async () => {
      const rtm = await RtmTestClient.connect(cluster.apiUrl, org.users[0].token);
      try {
        const posted = await api(cluster.apiUrl).post<Envelope<Message>>(`${hook.incomingPath}?content=${encodeURIComponent('deployed *v1*')}&username=Release`);
        expect(posted.status).toBe(200);
        expect(posted.body.response).toMatchObject({ userID: botId, message: 'deployed *v1*', meta: { webhookID: hook.webhookID, username: 'Release', avatarURL: 'https://example.com/d.png' } });
        const frame = await rtm.waitFor((f) => f.type === 'message' && f.text === 'deployed *v1*');
        expect(frame).toMatchObject({ username: 'Release', icons: { image_48: 'https://example.com/d.png' } });
        const stored = (await history()).find((message) => message.messageID === posted.body.response.messageID);
        expect(stored?.meta?.username).toBe('Release');
      } finally {
        rtm.close();
      }
    });

    it.each([
      ['a JSON body with content', { content: 'json content' }, undefined, 'json content'],
      ['a Slack-style JSON body', { text: 'slack text' }, undefined, 'slack text'],
      ['a form body', 'content=form+content', 'application/x-www-form-urlencoded', 'form content'],
      ['a Slack payload form', `payload=${encodeURIComponent('{"text":"payload text"}')}`, 'application/x-www-form-urlencoded', 'payload text'],
    ])('accepts %s', async (_label, body, type, expected) => {
      const posted = await api(cluster.apiUrl).post<Envelope<Message>>(hook.incomingPath, body, type ? { 'content-type': type } : {});
      expect(posted.status).toBe(200);
      expect(posted.body.response.message).toBe(expected);
      expect(posted.body.response.meta?.username).toBe('Deploys');
    });

    it('answers a wrong token, a malformed token and an unknown webhook alike, and creates nothing', async () => {
      const before = (await history()).length;
      const wrong = `/webhooks/${hook.webhookID}/sbw_${'x'.repeat(43)}?content=nope`;
      await expectError(api(cluster.apiUrl).post(wrong), 404, 'webhook_not_found');
      await expectError(api(cluster.apiUrl).post(`/webhooks/${hook.webhookID}/garbage?content=nope`), 404, 'webhook_not_found');
      await expectError(api(cluster.apiUrl).post(`/webhooks/${FAKE_ID}/${hook.token}?content=nope`), 404, 'webhook_not_found');
      await expectError(api(cluster.apiUrl).call('DELETE', `/webhooks/${hook.webhookID}/sbw_${'y'.repeat(43)}`), 404, 'webhook_not_found');
      expect((await history()).length).toBe(before);
    });

    it.each([
      ['no content', '', 400, 'validation_failed'],
      ['empty content', '?content=', 400, 'validation_failed'],
      ['an avatar that is not a URL', '?content=x&avatarURL=nope', 400, 'validation_failed'],
    ])('refuses %s', async (_label, query, status, code) => {
      await expectError(api(cluster.apiUrl).post(`${hook.incomingPath}${query}`), status, code);
    });

    it('refuses an outgoing webhook’s token and an archived channel clearly', async () => {
      const out = await outgoing('/never');
      await expectError(api(cluster.apiUrl).post(`${out.incomingPath}?content=x`), 400, 'bad_request');
      const archived = (await admin.post<Envelope>('/channels/', { name: 'hooks-archived' })).body.response.channelID as string;
      const created = await admin.post<Envelope<Webhook>>('/webhooks/', { channelID: archived, kind: 'incoming', userID: botId });
      await sql('UPDATE channels SET archived_at = now() WHERE id = $1', [archived]);
      await expectError(api(cluster.apiUrl).post(`${created.body.response.incomingPath}?content=x`), 409, 'channel_archived');
    });

    it('rate-limits one webhook without touching the others', async () => {
      const limited = await createWebhook({ kind: 'incoming' });
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await api(cluster.apiUrl).post(`${limited.incomingPath}?content=n${i}`)).status);
      expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
      await expectError(api(cluster.apiUrl).post(`${limited.incomingPath}?content=over`), 429, 'rate_limited');
      expect((await api(cluster.apiUrl).post(`${hook.incomingPath}?content=still+fine`)).status).toBe(200);
      // Wrong tokens have their own allowance: they cannot lock the real token out.
      const victim = await createWebhook({ kind: 'incoming' });
      for (let i = 0; i < 21; i++) await api(cluster.apiUrl).post(`/webhooks/${victim.webhookID}/sbw_${'z'.repeat(43)}?content=x`);
      expect((await api(cluster.apiUrl).post(`${victim.incomingPath}?content=real`)).status).toBe(200);
    });

    it('rotates the token and signing secret: the old token stops working', async () => {
      const rotating = await createWebhook({ kind: 'incoming' });
      await expectError(member.post(`/webhooks/${rotating.webhookID}/credentials/rotate`), 404, 'webhook_not_found');
      const rotated = await admin.post<Envelope<Webhook>>(`/webhooks/${rotating.webhookID}/credentials/rotate`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.response.token).not.toBe(rotating.token);
      expect(rotated.body.response.signingSecret).not.toBe(rotating.signingSecret);
      await expectError(api(cluster.apiUrl).post(`${rotating.incomingPath}?content=old`), 404, 'webhook_not_found');
      expect((await api(cluster.apiUrl).post(`${rotated.body.response.incomingPath}?content=new`)).status).toBe(200);
    });

    it('deletes the webhook with its token', async () => {
      const doomed = await createWebhook({ kind: 'incoming' });
      expect((await api(cluster.apiUrl).call('DELETE', doomed.incomingPath)).status).toBe(200);
      await expectError(api(cluster.apiUrl).post(`${doomed.incomingPath}?content=x`), 404, 'webhook_not_found');
      await expectError(admin.get(`/webhooks/${doomed.webhookID}`), 404, 'webhook_not_found');
    });
  });

  describe('outgoing', () => {
    it('retries 500s, posts the 200 {"text"} reply exactly once, and signs every attempt', async () => {
      receiver.on('/flaky', (_request, n) => (n <= 2 ? { status: 500 } : { status: 200, body: '{"text":"pong"}' }));
      const hook = await outgoing('/flaky', '!ping');
      await member.post(`/channels/${channelId}/messages/`, { message: 'no trigger here' });
      await member.post(`/channels/${channelId}/messages/`, { message: '!pingpong is another word' });
      const trigger = (await member.post<Envelope<Message>>(`/channels/${channelId}/messages/`, { message: '!ping now' })).body.response;
      const [delivery] = await finished(hook.webhookID);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });
      const requests = receiver.at('/flaky');
      expect(requests).toHaveLength(3);
      for (const request of requests) {
        verifySignature(request, hook.signingSecret);
        expect(request.headers['x-switchboard-delivery']).toBe(delivery.deliveryID);
        expect(request.headers['content-type']).toBe('application/json');
      }
      expect(JSON.parse(requests[0].body)).toEqual({
        type: 'message.created',
        deliveryID: delivery.deliveryID,
        webhookID: hook.webhookID,
        organisationID: org.id,
        trigger: '!ping',
        message: { messageID: trigger.messageID, message: '!ping now', userID: org.users[0].id, replyTo: null, ts: expect.any(String), createdAt: expect.any(String) },
        channel: { channelID: channelId, name: 'hooks', type: 'public' },
        author: { userID: org.users[0].id, handle: expect.any(String), name: 'User 0', kind: 'user' },
      });
      const replies = (await history()).filter((message) => message.message === 'pong');
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatchObject({ messageID: delivery.replyMessageID, userID: botId, replyTo: null, meta: { username: 'Echo', webhookID: hook.webhookID } });
    });

    it('answers a trigger inside a thread in that thread, from a plain-text body', async () => {
      receiver.on('/thread', () => ({ status: 200, body: 'threaded pong', headers: { 'content-type': 'text/plain' } }));
      const hook = await outgoing('/thread', '!t');
      const root = (await member.post<Envelope<Message>>(`/channels/${channelId}/messages/`, { message: 'a root' })).body.response;
      await member.post(`/channels/${channelId}/messages/${root.messageID}/replies`, { message: '!t in a thread' });
      const [delivery] = await finished(hook.webhookID);
      expect(delivery.status).toBe('delivered');
      const thread = (await admin.get<Envelope<Message[]>>(`/channels/${channelId}/messages/${root.messageID}/replies`)).body.response;
      expect(thread.map((message) => message.message)).toEqual(['a root', '!t in a thread', 'threaded pong']);
      expect(JSON.parse(receiver.at('/thread')[0].body).message.replyTo).toBe(root.messageID);
    });

    it('times out a hanging receiver and retries', async () => {
      receiver.on('/hang', (_request, n) => (n === 1 ? 'hang' : { status: 204 }));
      const hook = await outgoing('/hang', '!hang');
      await member.post(`/channels/${channelId}/messages/`, { message: '!hang' });
      const [delivery] = await finished(hook.webhookID);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204, replyMessageID: null });
      expect(receiver.at('/hang')).toHaveLength(2);
      receiver.releaseHanging();
    });

    it('caps requests in flight per target, so a hanging endpoint leaves worker slots to the others', async () => {
      const slowReceiver = await WebhookReceiver.start();
      try {
        slowReceiver.on('/slow', () => 'hang');
        receiver.on('/fast', () => ({ status: 204 }));
        const slow = await createWebhook({ kind: 'outgoing', url: slowReceiver.url('/slow'), trigger: '!load' });
        const fast = await outgoing('/fast', '!load');
        // Six slow deliveries could fill all four worker slots; the per-target cap of two cannot.
        for (let i = 0; i < 6; i++) await member.post(`/channels/${channelId}/messages/`, { message: `!load ${i}` });
        const fastDone = await finished(fast.webhookID, 6);
        expect(fastDone.every((delivery) => delivery.status === 'delivered')).toBe(true);
        expect(slowReceiver.at('/slow').length).toBeGreaterThanOrEqual(2);
        expect(slowReceiver.maxInFlight.get('/slow')).toBe(2);
        await admin.delete(`/webhooks/${slow.webhookID}`); // its pending retries stop at the next attempt
      } finally {
        await slowReceiver.stop();
      }
    });

    it('does not retry a 400, and keeps it as dead with its reason', async () => {
      receiver.on('/bad', () => ({ status: 400, body: '{"error":"nope"}' }));
      const hook = await outgoing('/bad', '!bad');
      await member.post(`/channels/${channelId}/messages/`, { message: '!bad' });
      const [delivery] = await finished(hook.webhookID);
      expect(delivery).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: 400, lastError: 'answered HTTP 400: not retried' });
      expect(receiver.at('/bad')).toHaveLength(1);
    });

    it('is dead after the last attempt, listed as dead, and a retry by hand delivers it', async () => {
      let healthy = false;
      receiver.on('/down', () => (healthy ? { status: 200, body: '{"content":"back up"}' } : { status: 503 }));
      const hook = await outgoing('/down', '!down');
      await member.post(`/channels/${channelId}/messages/`, { message: '!down' });
      const [delivery] = await finished(hook.webhookID);
      expect(delivery).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, lastStatusCode: 503, lastError: 'answered HTTP 503 (last attempt)' });
      expect((await deliveries(hook.webhookID, 'dead')).map((d) => d.deliveryID)).toEqual([delivery.deliveryID]);
      expect(await deliveries(hook.webhookID, 'delivered')).toEqual([]);

      await expectError(member.post(`/webhooks/${hook.webhookID}/deliveries/${delivery.deliveryID}/retry`), 404, 'webhook_not_found');
      healthy = true;
      const retried = await admin.post<Envelope<Delivery>>(`/webhooks/${hook.webhookID}/deliveries/${delivery.deliveryID}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body.response.status).toBe('pending');
      const [after] = await finished(hook.webhookID);
      expect(after).toMatchObject({ status: 'delivered', attempts: MAX_ATTEMPTS + 1 });
      expect((await history()).filter((message) => message.message === 'back up')).toHaveLength(1);
      await expectError(admin.post(`/webhooks/${hook.webhookID}/deliveries/${delivery.deliveryID}/retry`), 409, 'conflict');
      await expectError(admin.post(`/webhooks/${hook.webhookID}/deliveries/${FAKE_ID}/retry`), 404, 'delivery_not_found');
    });

    it('never fires for bot messages (a webhook’s own reply cannot loop)', async () => {
      receiver.on('/all', () => ({ status: 200, body: '{"text":"echo"}' }));
      const hook = await outgoing('/all');
      await member.post(`/channels/${channelId}/messages/`, { message: 'anything' });
      const [delivery] = await finished(hook.webhookID);
      expect(delivery.status).toBe('delivered');
      // The bot's "echo" reply was relayed before this second message; only the member's message fires.
      await member.post(`/channels/${channelId}/messages/`, { message: 'second' });
      const list = await finished(hook.webhookID, 2);
      expect(list).toHaveLength(2);
      expect(receiver.at('/all').map((request) => JSON.parse(request.body).message.message)).toEqual(['anything', 'second']);
    });

    it('counts deliveries on the dispatcher’s /metrics', async () => {
      const text = await (await fetch(`${cluster.dispatcher!.url}/metrics`)).text();
      expect(text).toMatch(/webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
      expect(text).toMatch(/webhook_deliveries_total\{outcome="dead"\} [1-9]/);
      expect(text).toMatch(/webhook_delivery_attempts_total\{result="retry"\} [1-9]/);
      expect(text).toContain('webhook_delivery_attempt_duration_seconds_bucket');
    });

    it('drops a delivery whose message was deleted before it could be sent', async () => {
      receiver.on('/late', () => ({ status: 204 }));
      const hook = await outgoing('/late', '!late');
      await cluster.dispatcher!.stop();
      const message = (await member.post<Envelope<Message>>(`/channels/${channelId}/messages/`, { message: '!late secret' })).body.response;
      await eventually(async () => (await deliveries(hook.webhookID)).length === 1, 10_000, 'the delivery to be enqueued');
      await member.delete(`/channels/${channelId}/messages/${message.messageID}`);
      await cluster.dispatcher!.start();
      const [delivery] = await finished(hook.webhookID);
      expect(delivery).toMatchObject({ status: 'dead', attempts: 0, lastError: 'the message was deleted' });
      expect(receiver.at('/late')).toHaveLength(0);
    });

    it('completes a delivery whose dispatcher was killed mid-request, without a second reply', async () => {
      let firstArrived: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
      receiver.on('/crash', (_request, n) => {
        if (n === 1) {
          firstArrived();
          return 'hang';
        }
        return { status: 200, body: '{"text":"survived"}' };
      });
      const hook = await outgoing('/crash', '!crash');
      await member.post(`/channels/${channelId}/messages/`, { message: '!crash' });
      await arrived;
      await cluster.dispatcher!.stop('SIGKILL');
      receiver.releaseHanging();
      await cluster.dispatcher!.start();
      const [delivery] = await finished(hook.webhookID);
      expect(delivery).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
      expect(receiver.at('/crash')).toHaveLength(2);
      expect(new Set(receiver.at('/crash').map((request) => request.headers['x-switchboard-delivery']))).toEqual(new Set([delivery.deliveryID]));
      expect((await history()).filter((message) => message.message === 'survived')).toHaveLength(1);
    });

    it('with the SSRF guard on, refuses loopback targets and records why', async () => {
      const guarded = new AppProcess('webhook-dispatcher', cluster.dispatcher!.port, { ...cluster.dispatcher!.env, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' });
      await cluster.dispatcher!.stop();
      cluster.dispatcher = await guarded.start();
      const literal = await outgoing('/ssrf', '!ssrf');
      const named = await createWebhook({ kind: 'outgoing', url: receiver.url('/ssrf', 'localhost'), trigger: '!ssrf' });
      await member.post(`/channels/${channelId}/messages/`, { message: '!ssrf' });
      const [byLiteral] = await finished(literal.webhookID);
      const [byName] = await finished(named.webhookID);
      expect(byLiteral).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: null, lastError: 'refused: 127.0.0.1 is a loopback address' });
      expect(byName).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: null });
      expect(byName.lastError).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/);
      expect(receiver.at('/ssrf')).toHaveLength(0);
    });
  });
});
