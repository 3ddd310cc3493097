import { createHmac } from 'node:crypto';
import { AppProcess } from '../support/processes';
import { type Delivery, type Envelope, FAKE_ID, type Message, WebhookFixture } from '../support/webhook-fixture';
import { type ReceivedRequest, WebhookReceiver, eventually } from '../support/webhook-receiver';

const MAX_ATTEMPTS = 3;

/** Fast retries and short locks so every path runs in seconds; loopback receivers need the guard off. */
const DISPATCHER_ENV = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_BACKOFF_BASE_MS: '50',
  WEBHOOK_BACKOFF_MAX_MS: '200',
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_JOB_LOCK_MS: '2000',
  WEBHOOK_CONCURRENCY: '4',
  WEBHOOK_PER_TARGET_CONCURRENCY: '2',
};

describe('webhooks: outgoing deliveries by the webhook-dispatcher', () => {
  let f: WebhookFixture;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    f = await WebhookFixture.start({
      withDispatcher: true,
      dispatcherEnv: DISPATCHER_ENV,
      messagingEnv: { WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
    });
  });

  afterAll(async () => {
    await f?.stop();
    await receiver?.stop();
  });

  const outgoing = (path: string, trigger?: string) =>
    f.createWebhook({ kind: 'outgoing', url: receiver.url(path), trigger, username: 'Echo' });

  const verifySignature = (request: ReceivedRequest, secret: string) => {
    const timestamp = String(request.headers['x-switchboard-timestamp']);
    const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-switchboard-signature']).toBe(expected);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
  };

  it('retries 500s, posts the 200 {"text"} reply exactly once, and signs every attempt', async () => {
    receiver.on('/flaky', (_request, n) => (n <= 2 ? { status: 500 } : { status: 200, body: '{"text":"pong"}' }));
    const hook = await outgoing('/flaky', '!ping');
    await f.post('no trigger here');
    await f.post('!pingpong is another word');
    const trigger = await f.post('!ping now');
    const [delivery] = await f.finished(hook.webhookID);
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
      organisationID: f.org.id,
      trigger: '!ping',
      message: {
        messageID: trigger.messageID,
        message: '!ping now',
        userID: f.org.users[0].id,
        replyTo: null,
        ts: expect.any(String),
        createdAt: expect.any(String),
      },
      channel: { channelID: f.channelId, name: 'hooks', type: 'public' },
      author: { userID: f.org.users[0].id, handle: expect.any(String), name: 'User 0', kind: 'user' },
    });
    const replies = (await f.history()).filter((message) => message.message === 'pong');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      messageID: delivery.replyMessageID,
      userID: f.botId,
      meta: { username: 'Echo', webhookID: hook.webhookID },
    });
    expect(replies[0]).not.toHaveProperty('replyTo'); // top-level: the Messaging REST API leaves replyTo out, as Corteza does
  });

  it('answers a trigger inside a thread in that thread, from a plain-text body', async () => {
    receiver.on('/thread', () => ({ status: 200, body: 'threaded pong', headers: { 'content-type': 'text/plain' } }));
    const hook = await outgoing('/thread', '!t');
    const root = await f.post('a root');
    await f.member.post(`/channels/${f.channelId}/messages/${root.messageID}/replies`, { message: '!t in a thread' });
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery.status).toBe('delivered');
    const thread = (
      await f.admin.get<Envelope<Message[]>>(`/channels/${f.channelId}/messages/${root.messageID}/replies`)
    ).body.response;
    expect(thread.map((message) => message.message)).toEqual(['a root', '!t in a thread', 'threaded pong']);
    expect(JSON.parse(receiver.at('/thread')[0].body).message.replyTo).toBe(root.messageID);
  });

  it('times out a hanging receiver and retries', async () => {
    receiver.on('/hang', (_request, n) => (n === 1 ? 'hang' : { status: 204 }));
    const hook = await outgoing('/hang', '!hang');
    await f.post('!hang');
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204, replyMessageID: null });
    expect(receiver.at('/hang')).toHaveLength(2);
    receiver.releaseHanging();
  });

  it('caps requests in flight per target, so a hanging endpoint leaves worker slots to the others', async () => {
    const slowReceiver = await WebhookReceiver.start();
    try {
      slowReceiver.on('/slow', () => 'hang');
      receiver.on('/fast', () => ({ status: 204 }));
      const slow = await f.createWebhook({ kind: 'outgoing', url: slowReceiver.url('/slow'), trigger: '!load' });
      const fast = await outgoing('/fast', '!load');
      // Six slow deliveries could fill all four worker slots; the per-target cap of two cannot.
      for (let i = 0; i < 6; i++) await f.member.post(`/channels/${f.channelId}/messages/`, { message: `!load ${i}` });
      const fastDone = await f.finished(fast.webhookID, 6);
      expect(fastDone.every((delivery) => delivery.status === 'delivered')).toBe(true);
      expect(slowReceiver.at('/slow').length).toBeGreaterThanOrEqual(2);
      expect(slowReceiver.maxInFlight.get('/slow')).toBe(2);
      await f.admin.delete(`/webhooks/${slow.webhookID}`); // its pending retries stop at the next attempt
    } finally {
      await slowReceiver.stop();
    }
  });

  it('does not retry a 400, and keeps it as dead with its reason', async () => {
    receiver.on('/bad', () => ({ status: 400, body: '{"error":"nope"}' }));
    const hook = await outgoing('/bad', '!bad');
    await f.post('!bad');
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastStatusCode: 400,
      lastError: 'answered HTTP 400: not retried',
    });
    expect(receiver.at('/bad')).toHaveLength(1);
  });

  it('is dead after the last attempt, listed as dead, and a retry by hand delivers it', async () => {
    let healthy = false;
    receiver.on('/down', () => (healthy ? { status: 200, body: '{"content":"back up"}' } : { status: 503 }));
    const hook = await outgoing('/down', '!down');
    await f.post('!down');
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery).toMatchObject({
      status: 'dead',
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 503,
      lastError: 'answered HTTP 503 (last attempt)',
    });
    expect((await f.deliveries(hook.webhookID, 'dead')).map((d) => d.deliveryID)).toEqual([delivery.deliveryID]);
    expect(await f.deliveries(hook.webhookID, 'delivered')).toEqual([]);

    await f.expectError(
      f.member.post(`/webhooks/${hook.webhookID}/deliveries/${delivery.deliveryID}/retry`),
      404,
      'webhook_not_found',
    );
    healthy = true;
    const retried = await f.admin.post<Envelope<Delivery>>(
      `/webhooks/${hook.webhookID}/deliveries/${delivery.deliveryID}/retry`,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.response.status).toBe('pending');
    const [after] = await f.finished(hook.webhookID);
    expect(after).toMatchObject({ status: 'delivered', attempts: MAX_ATTEMPTS + 1 });
    expect((await f.history()).filter((message) => message.message === 'back up')).toHaveLength(1);
    await f.expectError(
      f.admin.post(`/webhooks/${hook.webhookID}/deliveries/${delivery.deliveryID}/retry`),
      409,
      'conflict',
    );
    await f.expectError(
      f.admin.post(`/webhooks/${hook.webhookID}/deliveries/${FAKE_ID}/retry`),
      404,
      'delivery_not_found',
    );
  });

  it('never fires for bot messages (a webhook’s own reply cannot loop)', async () => {
    receiver.on('/all', () => ({ status: 200, body: '{"text":"echo"}' }));
    const hook = await outgoing('/all');
    await f.post('anything');
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery.status).toBe('delivered');
    // The bot's "echo" reply was relayed before this second message; only the member's message fires.
    await f.post('second');
    const list = await f.finished(hook.webhookID, 2);
    expect(list).toHaveLength(2);
    expect(receiver.at('/all').map((request) => JSON.parse(request.body).message.message)).toEqual([
      'anything',
      'second',
    ]);
  });

  it('pages the delivery list newest first with limit and before/after cursors, within a status filter', async () => {
    receiver.on('/paged', () => ({ status: 204 }));
    const hook = await outgoing('/paged', '!page');
    for (let i = 0; i < 5; i++) await f.post(`!page ${i}`);
    const all = (await f.finished(hook.webhookID, 5)).map((delivery) => delivery.deliveryID);
    expect(all).toEqual([...all].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1)));
    const ids = (page: { deliveries: Delivery[] }) => page.deliveries.map((delivery) => delivery.deliveryID);

    const first = await f.deliveryPage(hook.webhookID, 'limit=2');
    expect({ ids: ids(first), hasMore: first.hasMore }).toEqual({ ids: all.slice(0, 2), hasMore: true });
    const second = await f.deliveryPage(hook.webhookID, `limit=2&beforeDeliveryID=${all[1]}`);
    expect({ ids: ids(second), hasMore: second.hasMore }).toEqual({ ids: all.slice(2, 4), hasMore: true });
    const last = await f.deliveryPage(hook.webhookID, `limit=2&beforeDeliveryID=${all[3]}`);
    expect({ ids: ids(last), hasMore: last.hasMore }).toEqual({ ids: all.slice(4), hasMore: false });

    // After a cursor: the page just after it, still newest first.
    const after = await f.deliveryPage(hook.webhookID, `limit=2&afterDeliveryID=${all[4]}`);
    expect({ ids: ids(after), hasMore: after.hasMore }).toEqual({ ids: all.slice(2, 4), hasMore: true });
    const between = await f.deliveryPage(hook.webhookID, `afterDeliveryID=${all[4]}&beforeDeliveryID=${all[0]}`);
    expect(ids(between)).toEqual(all.slice(1, 4));

    const delivered = await f.deliveryPage(hook.webhookID, 'status=delivered&limit=3');
    expect({ ids: ids(delivered), hasMore: delivered.hasMore }).toEqual({ ids: all.slice(0, 3), hasMore: true });
    expect(await f.deliveryPage(hook.webhookID, 'status=dead')).toEqual({ deliveries: [], hasMore: false });

    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'beforeDeliveryID=abc', 'afterDeliveryID=-1']) {
      await f.expectError(f.admin.get(`/webhooks/${hook.webhookID}/deliveries?${query}`), 400, 'validation_failed');
    }
  });

  it('counts deliveries on the dispatcher’s /metrics', async () => {
    const text = await (await fetch(`${f.cluster.dispatcher!.url}/metrics`)).text();
    expect(text).toMatch(/webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
    expect(text).toMatch(/webhook_deliveries_total\{outcome="dead"\} [1-9]/);
    expect(text).toMatch(/webhook_delivery_attempts_total\{result="retry"\} [1-9]/);
    expect(text).toContain('webhook_delivery_attempt_duration_seconds_bucket');
  });

  it('drops a delivery whose message was deleted before it could be sent', async () => {
    receiver.on('/late', () => ({ status: 204 }));
    const hook = await outgoing('/late', '!late');
    await f.cluster.dispatcher!.stop();
    const message = await f.post('!late secret');
    await eventually(
      async () => (await f.deliveries(hook.webhookID)).length === 1,
      10_000,
      'the delivery to be enqueued',
    );
    await f.member.delete(`/channels/${f.channelId}/messages/${message.messageID}`);
    await f.cluster.dispatcher!.start();
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery).toMatchObject({ status: 'dead', attempts: 0, lastError: 'the message was deleted' });
    expect(receiver.at('/late')).toHaveLength(0);
  });

  it('waits out a messaging-service outage without using up the delivery’s attempts', async () => {
    const deferred = async () =>
      Number(
        /webhook_delivery_attempts_total\{result="deferred"\} (\d+)/.exec(
          await (await fetch(`${f.cluster.dispatcher!.url}/metrics`)).text(),
        )?.[1] ?? 0,
      );
    receiver.on('/outage', () => ({ status: 200, body: '{"text":"after the outage"}' }));
    const hook = await outgoing('/outage', '!outage');
    await f.cluster.dispatcher!.stop();
    await f.post('!outage');
    await eventually(
      async () => (await f.deliveries(hook.webhookID)).length === 1,
      10_000,
      'the delivery to be enqueued',
    );
    await f.cluster.messaging.stop();
    await f.cluster.dispatcher!.start();
    await eventually(
      async () => (await deferred()) > MAX_ATTEMPTS,
      20_000,
      'more tries than the delivery has attempts',
    );
    f.cluster.messaging = await f.cluster.messagingProcess().start();
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.at('/outage')).toHaveLength(1);
    expect((await f.history()).filter((message) => message.message === 'after the outage')).toHaveLength(1);
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
    await f.post('!crash');
    await arrived;
    await f.cluster.dispatcher!.stop('SIGKILL');
    receiver.releaseHanging();
    await f.cluster.dispatcher!.start();
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
    expect(receiver.at('/crash')).toHaveLength(2);
    expect(new Set(receiver.at('/crash').map((request) => request.headers['x-switchboard-delivery']))).toEqual(
      new Set([delivery.deliveryID]),
    );
    expect((await f.history()).filter((message) => message.message === 'survived')).toHaveLength(1);
  });

  it('with the SSRF guard on, refuses loopback targets and records why', async () => {
    const guarded = new AppProcess('webhook-dispatcher', f.cluster.dispatcher!.port, {
      ...f.cluster.dispatcher!.env,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false',
    });
    await f.cluster.dispatcher!.stop();
    f.cluster.dispatcher = await guarded.start();
    const literal = await outgoing('/ssrf', '!ssrf');
    const named = await f.createWebhook({
      kind: 'outgoing',
      url: receiver.url('/ssrf', 'localhost'),
      trigger: '!ssrf',
    });
    await f.post('!ssrf');
    const [byLiteral] = await f.finished(literal.webhookID);
    const [byName] = await f.finished(named.webhookID);
    expect(byLiteral).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'refused: 127.0.0.1 is a loopback address',
    });
    expect(byName).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: null });
    expect(byName.lastError).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/);
    expect(receiver.at('/ssrf')).toHaveLength(0);
  });
});
