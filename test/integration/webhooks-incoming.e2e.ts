import { RtmTestClient } from '../support/rtm-client';
import { type Envelope, FAKE_ID, type Message, type Webhook, WebhookFixture } from '../support/webhook-fixture';

describe('webhooks: management and incoming posts', () => {
  let f: WebhookFixture;

  beforeAll(async () => {
    f = await WebhookFixture.start({ gatewayEnv: { WEBHOOK_INCOMING_PER_MINUTE: '20' } });
  });

  afterAll(() => f?.stop());

  const outgoing = (path: string) =>
    f.createWebhook({ kind: 'outgoing', url: `http://127.0.0.1:9/${path}`, username: 'Echo' });

  describe('management', () => {
    it('creates a webhook, shows the token and signing secret once, and lists it', async () => {
      const hook = await f.createWebhook({ kind: 'incoming', username: 'CI', avatarURL: 'https://example.com/ci.png' });
      expect(hook.token).toMatch(/^sbw_[A-Za-z0-9_-]{43}$/);
      expect(hook.signingSecret).toMatch(/^whsec_/);
      expect(hook.incomingPath).toBe(`/webhooks/${hook.webhookID}/${hook.token}`);
      const fetched = await f.admin.get<Envelope>(`/webhooks/${hook.webhookID}`);
      expect(fetched.body.response).toMatchObject({
        webhookID: hook.webhookID,
        kind: 'incoming',
        userID: f.botId,
        ownerID: f.org.admin.id,
        username: 'CI',
      });
      expect(fetched.body.response).not.toHaveProperty('token');
      expect(fetched.body.response).not.toHaveProperty('signingSecret');
      const listed = await f.admin.get<Envelope<Webhook[]>>(`/webhooks/?channelID=${f.channelId}`);
      expect(listed.body.response.map((webhook) => webhook.webhookID)).toContain(hook.webhookID);
      const byOwner = await f.admin.get<Envelope<Webhook[]>>(`/webhooks/?userID=${f.org.admin.id}`);
      expect(byOwner.body.response.map((webhook) => webhook.webhookID)).toContain(hook.webhookID);
      const byOtherOwner = await f.admin.get<Envelope<Webhook[]>>(`/webhooks/?userID=${f.org.users[0].id}`);
      expect(byOtherOwner.body.response).toEqual([]);
    });

    it('updates a webhook, and refuses members who do not own the channel', async () => {
      const hook = await f.createWebhook({ kind: 'incoming' });
      const updated = await f.admin.post<Envelope<Webhook>>(`/webhooks/${hook.webhookID}`, {
        channelID: f.channelId,
        kind: 'incoming',
        userID: f.botId,
        username: 'Renamed',
      });
      expect(updated.status).toBe(200);
      expect(updated.body.response.username).toBe('Renamed');
      await f.expectError(f.member.get(`/webhooks/${hook.webhookID}`), 404, 'webhook_not_found');
      await f.expectError(
        f.member.post(`/webhooks/${hook.webhookID}`, { channelID: f.channelId, kind: 'incoming', userID: f.botId }),
        404,
        'webhook_not_found',
      );
      await f.expectError(f.member.delete(`/webhooks/${hook.webhookID}`), 404, 'webhook_not_found');
      await f.expectError(f.member.get(`/webhooks/${hook.webhookID}/deliveries`), 404, 'webhook_not_found');
      expect((await f.member.get<Envelope<Webhook[]>>('/webhooks/')).body.response).toEqual([]);
      await f.expectError(
        f.member.post('/webhooks/', { channelID: f.channelId, kind: 'incoming', userID: f.botId }),
        403,
        'forbidden',
      );
      await f.expectError(
        f.outsider.post('/webhooks/', { channelID: f.privateId, kind: 'incoming', userID: f.botId }),
        404,
        'channel_not_found',
      );
      const deleted = await f.admin.delete(`/webhooks/${hook.webhookID}`);
      expect(deleted.status).toBe(200);
      await f.expectError(f.admin.get(`/webhooks/${hook.webhookID}`), 404, 'webhook_not_found');
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
      [
        'over-long trigger',
        { kind: 'outgoing', url: 'https://example.com', trigger: 't'.repeat(101) },
        400,
        'validation_failed',
      ],
    ])('create with %s: %s and nothing is created', async (_label, body, status, code) => {
      const before = (await f.admin.get<Envelope<Webhook[]>>('/webhooks/')).body.response.length;
      const input: Record<string, unknown> = { channelID: f.channelId, userID: f.botId, ...body };
      if (input.userID === 'MEMBER') input.userID = f.org.users[0].id;
      await f.expectError(f.admin.post('/webhooks/', input), status, code);
      expect((await f.admin.get<Envelope<Webhook[]>>('/webhooks/')).body.response.length).toBe(before);
    });

    it.each([
      ['id that is not a number', '/webhooks/abc', 400, 'bad_request'],
      ['unknown id', `/webhooks/${FAKE_ID}`, 404, 'webhook_not_found'],
      ['bad status filter', `/webhooks/${FAKE_ID}/deliveries?status=lost`, 400, 'validation_failed'],
    ])('get with %s', async (_label, path, status, code) => {
      await f.expectError(f.admin.get(path), status, code);
    });

    it('needs authentication', async () => {
      await f.expectError(f.anonymous.get('/webhooks/'), 401, 'not_authenticated');
    });
  });

  describe('incoming', () => {
    let hook: Webhook;

    beforeAll(async () => {
      hook = await f.createWebhook({ kind: 'incoming', username: 'Deploys', avatarURL: 'https://example.com/d.png' });
    });

    it('posts the content as the bot with the display name, visible over REST and pushed over RTM', async () => {
      const rtm = await RtmTestClient.connect(f.cluster.apiUrl, f.org.users[0].token);
      try {
        const posted = await f.anonymous.post<Envelope<Message>>(
          `${hook.incomingPath}?content=${encodeURIComponent('deployed *v1*')}&username=Release`,
        );
        expect(posted.status).toBe(200);
        expect(posted.body.response).toMatchObject({
          userID: f.botId,
          message: 'deployed *v1*',
          meta: { webhookID: hook.webhookID, username: 'Release', avatarURL: 'https://example.com/d.png' },
        });
        const frame = await rtm.waitFor((f) => f.type === 'message' && f.text === 'deployed *v1*');
        expect(frame).toMatchObject({ username: 'Release', icons: { image_48: 'https://example.com/d.png' } });
        const stored = (await f.history()).find((message) => message.messageID === posted.body.response.messageID);
        expect(stored?.meta?.username).toBe('Release');
      } finally {
        rtm.close();
      }
    });

    it.each([
      ['a JSON body with content', { content: 'json content' }, undefined, 'json content'],
      ['a Slack-style JSON body', { text: 'slack text' }, undefined, 'slack text'],
      ['a form body', 'content=form+content', 'application/x-www-form-urlencoded', 'form content'],
      [
        'a Slack payload form',
        `payload=${encodeURIComponent('{"text":"payload text"}')}`,
        'application/x-www-form-urlencoded',
        'payload text',
      ],
    ])('accepts %s', async (_label, body, type, expected) => {
      const posted = await f.anonymous.post<Envelope<Message>>(
        hook.incomingPath,
        body,
        type ? { 'content-type': type } : {},
      );
      expect(posted.status).toBe(200);
      expect(posted.body.response.message).toBe(expected);
      expect(posted.body.response.meta?.username).toBe('Deploys');
    });

    it('answers a wrong token, a malformed token and an unknown webhook alike, and creates nothing', async () => {
      const before = (await f.history()).length;
      const wrong = `/webhooks/${hook.webhookID}/sbw_${'x'.repeat(43)}?content=nope`;
      await f.expectError(f.anonymous.post(wrong), 404, 'webhook_not_found');
      await f.expectError(
        f.anonymous.post(`/webhooks/${hook.webhookID}/garbage?content=nope`),
        404,
        'webhook_not_found',
      );
      await f.expectError(
        f.anonymous.post(`/webhooks/${FAKE_ID}/${hook.token}?content=nope`),
        404,
        'webhook_not_found',
      );
      await f.expectError(
        f.anonymous.call('DELETE', `/webhooks/${hook.webhookID}/sbw_${'y'.repeat(43)}`),
        404,
        'webhook_not_found',
      );
      expect((await f.history()).length).toBe(before);
    });

    it.each([
      ['no content', '', 400, 'validation_failed'],
      ['empty content', '?content=', 400, 'validation_failed'],
      ['an avatar that is not a URL', '?content=x&avatarURL=nope', 400, 'validation_failed'],
    ])('refuses %s', async (_label, query, status, code) => {
      await f.expectError(f.anonymous.post(`${hook.incomingPath}${query}`), status, code);
    });

    it('refuses an outgoing webhook’s token and an archived channel clearly', async () => {
      const out = await outgoing('never');
      await f.expectError(f.anonymous.post(`${out.incomingPath}?content=x`), 400, 'bad_request');
      const archived = (await f.admin.post<Envelope>('/channels/', { name: 'hooks-archived' })).body.response
        .channelID as string;
      const created = await f.admin.post<Envelope<Webhook>>('/webhooks/', {
        channelID: archived,
        kind: 'incoming',
        userID: f.botId,
      });
      await f.sql('UPDATE channels SET archived_at = now() WHERE id = $1', [archived]);
      await f.expectError(f.anonymous.post(`${created.body.response.incomingPath}?content=x`), 409, 'channel_archived');
    });

    it('rate-limits one webhook without touching the others', async () => {
      const limited = await f.createWebhook({ kind: 'incoming' });
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++)
        statuses.push((await f.anonymous.post(`${limited.incomingPath}?content=n${i}`)).status);
      expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
      const over = f.anonymous.post(`${limited.incomingPath}?content=over`);
      await f.expectError(over, 429, 'rate_limited');
      expect(Number((await over).headers['retry-after'])).toBeGreaterThan(0);
      expect((await f.anonymous.post(`${hook.incomingPath}?content=still+fine`)).status).toBe(200);
      // Wrong tokens have their own allowance: they cannot lock the real token out.
      const victim = await f.createWebhook({ kind: 'incoming' });
      for (let i = 0; i < 21; i++)
        await f.anonymous.post(`/webhooks/${victim.webhookID}/sbw_${'z'.repeat(43)}?content=x`);
      expect((await f.anonymous.post(`${victim.incomingPath}?content=real`)).status).toBe(200);
    });

    it('rotates the token and signing secret: the old token stops working', async () => {
      const rotating = await f.createWebhook({ kind: 'incoming' });
      await f.expectError(
        f.member.post(`/webhooks/${rotating.webhookID}/credentials/rotate`),
        404,
        'webhook_not_found',
      );
      const rotated = await f.admin.post<Envelope<Webhook>>(`/webhooks/${rotating.webhookID}/credentials/rotate`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.response.token).not.toBe(rotating.token);
      expect(rotated.body.response.signingSecret).not.toBe(rotating.signingSecret);
      await f.expectError(f.anonymous.post(`${rotating.incomingPath}?content=old`), 404, 'webhook_not_found');
      expect((await f.anonymous.post(`${rotated.body.response.incomingPath}?content=new`)).status).toBe(200);
    });

    it('deletes the webhook with its token', async () => {
      const doomed = await f.createWebhook({ kind: 'incoming' });
      expect((await f.anonymous.call('DELETE', doomed.incomingPath)).status).toBe(200);
      await f.expectError(f.anonymous.post(`${doomed.incomingPath}?content=x`), 404, 'webhook_not_found');
      await f.expectError(f.admin.get(`/webhooks/${doomed.webhookID}`), 404, 'webhook_not_found');
    });
  });
});
