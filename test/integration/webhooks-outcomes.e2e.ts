import { createHmac } from 'node:crypto';
import { INTERNAL_SECRET } from '../support/env';
import { type Delivery, type Envelope, type Webhook, WebhookFixture } from '../support/webhook-fixture';
import { WebhookReceiver, eventually } from '../support/webhook-receiver';

const MAX_ATTEMPTS = 2;

/**
 * Outcomes are buffered for a whole second before one internal call records the batch, so a test
 * can kill the dispatcher between a target's answer and its recording.
 */
const DISPATCHER_ENV = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_BACKOFF_BASE_MS: '50',
  WEBHOOK_BACKOFF_MAX_MS: '200',
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_JOB_LOCK_MS: '2000',
  WEBHOOK_OUTCOME_BATCH_MS: '1000',
  WEBHOOK_OUTCOME_BATCH_SIZE: '500',
};

describe('webhooks: outcomes recorded in batches', () => {
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

  const outgoing = (path: string, trigger: string) =>
    f.createWebhook({ kind: 'outgoing', url: receiver.url(path), trigger, username: 'Echo' });
  const replies = async (text: string) => (await f.history()).filter((message) => message.message === text);
  const recordOutcomes = (outcomes: unknown[]) =>
    fetch(`${f.cluster.messaging.url}/internal/v1/webhook-deliveries/outcomes`, {
      method: 'POST',
      headers: { 'x-internal-secret': INTERNAL_SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ outcomes }),
    });

  it('posts the reply exactly once when the worker is killed after delivering and before recording the outcome', async () => {
    let answered: () => void = () => undefined;
    const firstAnswer = new Promise<void>((resolve) => (answered = resolve));
    receiver.on('/killed', () => {
      answered();
      return { status: 200, body: '{"text":"exactly once"}' };
    });
    const hook = await outgoing('/killed', '!kill');
    await f.post('!kill');
    await firstAnswer;
    await f.cluster.dispatcher!.stop('SIGKILL'); // the outcome still waits for its batch
    const [unrecorded] = await f.deliveries(hook.webhookID);
    expect(unrecorded).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await replies('exactly once')).toHaveLength(0);

    await f.cluster.dispatcher!.start(); // the job's lock expires and it runs again: a second POST
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(receiver.at('/killed')).toHaveLength(2);
    expect(new Set(receiver.at('/killed').map((request) => request.headers['x-switchboard-delivery']))).toEqual(
      new Set([delivery.deliveryID]),
    );
    const posted = await replies('exactly once');
    expect(posted).toHaveLength(1);
    expect(posted[0].messageID).toBe(delivery.replyMessageID);
  });

  it('records a replayed or duplicated batch once: one attempt, one reply, and the finished state for everyone', async () => {
    receiver.on('/replayed', () => ({ status: 200, body: '{"text":"replayed"}' }));
    const hook = await outgoing('/replayed', '!replay');
    await f.cluster.dispatcher!.stop();
    try {
      await f.post('!replay');
      const [pending] = await eventually(
        async () => {
          const list = await f.deliveries(hook.webhookID);
          return list.length === 1 ? list : null;
        },
        10_000,
        'the delivery to be enqueued',
      );
      const outcome = {
        deliveryId: pending.deliveryID,
        outcome: 'delivered',
        statusCode: 200,
        reply: 'from a replayed batch',
      };
      const first = await recordOutcomes([outcome, outcome]);
      const again = await recordOutcomes([outcome]);
      expect(first.status).toBe(200);
      const recorded = (
        (await first.json()) as { recorded: { deliveryId: string; status: string; replyMessageId: string | null }[] }
      ).recorded;
      expect(recorded).toHaveLength(2);
      expect(recorded[0]).toEqual(recorded[1]);
      expect(recorded[0]).toMatchObject({
        deliveryId: pending.deliveryID,
        status: 'delivered',
        replyMessageId: expect.any(String),
      });
      expect(((await again.json()) as { recorded: unknown[] }).recorded).toEqual([recorded[0]]);
      const [delivery] = await f.deliveries(hook.webhookID);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, replyMessageID: recorded[0].replyMessageId });
      expect(await replies('from a replayed batch')).toHaveLength(1);
    } finally {
      await f.cluster.dispatcher!.start();
    }
  });

  it('refuses a malformed batch with 400 and records nothing of it', async () => {
    for (const outcomes of [
      [],
      [{ deliveryId: 'x', outcome: 'delivered' }],
      [{ deliveryId: '1', outcome: 'maybe' }],
      Array.from({ length: 501 }, () => ({ deliveryId: '1', outcome: 'retry' })),
    ]) {
      const response = await recordOutcomes(outcomes);
      expect(response.status).toBe(400);
    }
  });

  it('records a batch of mixed outcomes: delivered, retried until dead, dead at once; a dead one is retried by hand', async () => {
    let healthy = false;
    receiver.on('/ok', () => ({ status: 204 }));
    receiver.on('/down', () => (healthy ? { status: 200, body: '{"text":"up again"}' } : { status: 503 }));
    receiver.on('/gone', () => ({ status: 410 }));
    const hooks: Webhook[] = [
      await outgoing('/ok', '!mix'),
      await outgoing('/down', '!mix'),
      await outgoing('/gone', '!mix'),
    ];
    for (let i = 0; i < 3; i++) await f.post(`!mix ${i}`);
    const [ok, down, gone] = await Promise.all(hooks.map((hook) => f.finished(hook.webhookID, 3)));
    expect(ok.map((d) => [d.status, d.attempts])).toEqual(Array.from({ length: 3 }, () => ['delivered', 1]));
    expect(down.map((d) => [d.status, d.attempts, d.lastError])).toEqual(
      Array.from({ length: 3 }, () => ['dead', MAX_ATTEMPTS, 'answered HTTP 503 (last attempt)']),
    );
    expect(gone.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual(
      Array.from({ length: 3 }, () => ['dead', 1, 410]),
    );
    expect(receiver.at('/down')).toHaveLength(3 * MAX_ATTEMPTS);

    healthy = true;
    const retried = await f.admin.post<Envelope<Delivery>>(
      `/webhooks/${hooks[1].webhookID}/deliveries/${down[0].deliveryID}/retry`,
    );
    expect(retried.body.response.status).toBe('pending');
    await eventually(
      async () => (await f.deliveries(hooks[1].webhookID, 'delivered')).length === 1,
      15_000,
      'the retried delivery',
    );
    const [after] = await f.deliveries(hooks[1].webhookID, 'delivered');
    expect(after).toMatchObject({ deliveryID: down[0].deliveryID, attempts: MAX_ATTEMPTS + 1 });
    expect(await replies('up again')).toHaveLength(1);
  });

  it('sends a queued delivery to the webhook’s new URL, signed with its rotated secret', async () => {
    receiver.on('/old', () => ({ status: 204 }));
    receiver.on('/new', () => ({ status: 204 }));
    const hook = await outgoing('/old', '!moved');
    await f.cluster.dispatcher!.stop();
    await f.post('!moved');
    await eventually(
      async () => (await f.deliveries(hook.webhookID)).length === 1,
      10_000,
      'the delivery to be enqueued',
    );
    const updated = await f.admin.post<Envelope>(`/webhooks/${hook.webhookID}`, {
      channelID: f.channelId,
      userID: f.botId,
      kind: 'outgoing',
      trigger: '!moved',
      url: receiver.url('/new'),
    });
    expect(updated.status).toBe(200);
    const rotated = (await f.admin.post<Envelope<Webhook>>(`/webhooks/${hook.webhookID}/credentials/rotate`)).body
      .response;
    await eventually(
      async () =>
        (
          await f.sql(
            `SELECT 1 FROM outbox_events o LEFT JOIN outbox_cursors c USING (organisation_id) WHERE o.event_id > coalesce(c.event_id, 0)`,
          )
        ).length === 0,
      10_000,
      'the outbox to drain',
    );
    await f.cluster.dispatcher!.start();
    const [delivery] = await f.finished(hook.webhookID);
    expect(delivery.status).toBe('delivered');
    expect(receiver.at('/old')).toHaveLength(0);
    const [request] = receiver.at('/new');
    const timestamp = String(request.headers['x-switchboard-timestamp']);
    expect(request.headers['x-switchboard-signature']).toBe(
      'v1=' + createHmac('sha256', rotated.signingSecret).update(`${timestamp}.${request.body}`).digest('hex'),
    );
  });

  it('ends the queued deliveries of a deleted webhook without sending them', async () => {
    receiver.on('/deleted', () => ({ status: 204 }));
    const hook = await outgoing('/deleted', '!del');
    await f.cluster.dispatcher!.stop();
    await f.post('!del');
    await eventually(
      async () => (await f.deliveries(hook.webhookID)).length === 1,
      10_000,
      'the delivery to be enqueued',
    );
    const [row] = (await f.sql(`SELECT id::text FROM webhook_deliveries WHERE webhook_id = $1`, [hook.webhookID])) as {
      id: string;
    }[];
    await f.admin.delete(`/webhooks/${hook.webhookID}`);
    await eventually(
      async () =>
        ((await f.sql(`SELECT status FROM webhook_deliveries WHERE id = $1`, [row.id])) as { status: string }[])[0]
          .status === 'dead',
      10_000,
      'the delivery to end',
    );
    await f.cluster.dispatcher!.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [ended] = (await f.sql(`SELECT status, attempts, last_error FROM webhook_deliveries WHERE id = $1`, [
      row.id,
    ])) as { status: string; attempts: number; last_error: string }[];
    expect(ended).toEqual({
      status: 'dead',
      attempts: 0,
      last_error: 'the webhook was deleted or is no longer outgoing',
    });
    expect(receiver.at('/deleted')).toHaveLength(0);
  });
});
