import { encodeSlackId } from '@switchboard/contracts';
import { createOrg, type TestOrg } from '../support/admin';
import { api } from '../support/api';
import { BoltProcess, FailoverProxy } from '../support/bolt-process';
import { Cluster } from '../support/cluster';
import { type CreatedTestApp, appToken, createApp } from '../support/slack-apps';
import { zulipApi } from '../support/zulip';

type Body<T = Record<string, unknown>> = { response: T };
describe('Slack apps: unmodified @slack/bolt 5 in Socket Mode', () => {
  let cluster: Cluster;
  let proxy: FailoverProxy;
  let org: TestOrg;
  let app: CreatedTestApp;
  let bolt: BoltProcess;
  let channelId: string;
  let botHandle: string;

  beforeAll(async () => {
    // Two realtime replicas behind a load balancer that sends new connections to the first live one.
    cluster = await Cluster.start({ realtimeReplicas: 2, realtimeEnv: { SOCKET_MODE_ACK_TIMEOUT_MS: '1500' } });
    proxy = await new FailoverProxy(cluster.realtime.map((replica) => replica.port)).start();
    // The gateway hands out socket URLs through the proxy.
    await cluster.gateway.stop();
    cluster.gateway.env.REALTIME_PUBLIC_URL = `ws://127.0.0.1:${proxy.port}`;
    await cluster.gateway.start();
    org = createOrg(1);
    app = createApp(org.id, 'message,app_mention,reaction_added', ['--socket-mode']);
    const appLevel = appToken(app.appID, 'app');
    botHandle = app.botHandle;
    channelId = (
      await api(cluster.apiUrl, org.admin.token).post<Body<{ channelID: string }>>('/channels/', {
        name: 'bolt-lab',
        members: [app.botUserID, org.users[0].id],
      })
    ).body.response.channelID;
    bolt = await new BoltProcess({
      BOLT_MODE: 'socket',
      SLACK_API_URL: `${cluster.apiUrl}/api/`,
      BOT_TOKEN: app.botToken,
      APP_TOKEN: appLevel,
    }).start();
  }, 120_000);

  afterAll(async () => {
    await bolt?.stop();
    await proxy?.stop();
    await cluster?.stop();
  });

  it('answers auth.test for the bot token with bot_id, bot_user_id and app_id, and refuses the app token elsewhere', async () => {
    const auth = (await api(cluster.apiUrl, app.botToken).post('/api/auth.test')).body;
    expect(auth).toMatchObject({
      ok: true,
      user_id: encodeSlackId('user', app.botUserID),
      bot_user_id: encodeSlackId('user', app.botUserID),
      bot_id: encodeSlackId('bot', app.botUserID),
      app_id: encodeSlackId('app', app.appID),
    });
    const appLevel = appToken(app.appID, 'app');
    expect((await api(cluster.apiUrl, appLevel).post('/api/auth.test')).body).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect((await api(cluster.apiUrl, app.botToken).post('/api/apps.connections.open')).body).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect((await api(cluster.apiUrl, 'xapp-' + 'A'.repeat(43)).post('/api/apps.connections.open')).body).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
  });

  it('app.event("app_mention") gets a mention posted over REST, and its say() reply in the thread is readable over REST and Zulip', async () => {
    const user = api(cluster.apiUrl, org.users[0].token);
    const posted = (
      await user.post<Body<{ messageID: string; ts: string }>>(`/channels/${channelId}/messages/`, {
        message: `@${botHandle} are you there?`,
      })
    ).body.response;
    const mention = await bolt.waitFor((record) => record.handler === 'app_mention' && record.ts === posted.ts);
    expect(mention).toMatchObject({
      channel: encodeSlackId('public', channelId),
      text: `@${botHandle} are you there?`,
    });
    let replies: { message: string; userID: string }[] = [];
    for (let i = 0; i < 100 && replies.length === 0; i++) {
      replies = (
        await user.get<Body<{ message: string; userID: string }[]>>(
          `/channels/${channelId}/messages/${posted.messageID}/replies`,
        )
      ).body.response.filter((message) => message.userID === app.botUserID);
      if (replies.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(replies.map((reply) => reply.message)).toEqual([`pong to ${posted.ts}`]);
    const zulip = zulipApi(cluster.apiUrl, org.users[0].email, org.users[0].token);
    const found = await zulip.get('/messages', {
      anchor: 'newest',
      num_before: 20,
      num_after: 0,
      narrow: [['channel', 'bolt-lab']],
      apply_markdown: false,
    });
    expect((found.body.messages as { content: string }[]).map((message) => message.content)).toContain(
      `pong to ${posted.ts}`,
    );
  });

  it('app.message(/pattern/) gets matching messages with channel_type, once each', async () => {
    const user = api(cluster.apiUrl, org.users[0].token);
    await user.post(`/channels/${channelId}/messages/`, { message: 'no match here' });
    await user.post(`/channels/${channelId}/messages/`, { message: 'ping-1' });
    const record = await bolt.waitFor((r) => r.handler === 'message' && r.text === 'ping-1');
    expect(record).toMatchObject({ channel: encodeSlackId('public', channelId), channel_type: 'channel' });
    expect(bolt.handled('message').filter((r) => r.text === 'no match here')).toEqual([]);
  });

  it('never delivers events from channels its bot is not in, or from another organisation', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    const outside = (
      await admin.post<Body<{ channelID: string }>>('/channels/', { name: 'no-bots', members: [org.users[0].id] })
    ).body.response.channelID;
    await admin.post(`/channels/${outside}/messages/`, { message: `ping-900 @${botHandle} secret` });
    const other = createOrg(0);
    const otherApi = api(cluster.apiUrl, other.admin.token);
    const otherChannel = (await otherApi.post<Body<{ channelID: string }>>('/channels/', { name: 'elsewhere' })).body
      .response.channelID;
    await otherApi.post(`/channels/${otherChannel}/messages/`, { message: `ping-901 @${botHandle}` });
    // Events reach an app in commit order: once this one is here, the ones above were decided.
    await admin.post(`/channels/${channelId}/messages/`, { message: 'ping-902' });
    await bolt.waitFor((r) => r.text === 'ping-902');
    expect(
      bolt.records.filter(
        (r) => typeof r.text === 'string' && (r.text.includes('ping-900') || r.text.includes('ping-901')),
      ),
    ).toEqual([]);
  });

  it('reconnects after its realtime replica is killed, losing no event and handling none twice', async () => {
    const user = api(cluster.apiUrl, org.users[0].token);
    await cluster.realtime[0].stop('SIGKILL');
    for (let i = 100; i < 120; i++) await user.post(`/channels/${channelId}/messages/`, { message: `ping-${i}` });
    for (let i = 100; i < 120; i++)
      await bolt.waitFor((r) => r.handler === 'message' && r.text === `ping-${i}`, 40_000);
    // Anything retried would arrive within a few ack timeouts.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const ids = bolt.handled('message').map((r) => r.event_id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 90_000);
});
