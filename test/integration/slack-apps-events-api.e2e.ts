import { encodeSlackId } from '@switchboard/contracts';
import { createOrg, type TestOrg } from '../support/admin';
import { api } from '../support/api';
import { BoltProcess } from '../support/bolt-process';
import { Cluster } from '../support/cluster';
import { freePort } from '../support/processes';
import { appToken, createApp } from '../support/slack-apps';

type Body<T = Record<string, unknown>> = { response: T };

describe('Slack apps: unmodified @slack/bolt 5 over the Events API (HTTP receiver)', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let bolt: BoltProcess;
  let impostor: BoltProcess;
  let channelId: string;
  let botHandle: string;
  let botUserId: string;
  let wrongHandle: string;

  beforeAll(async () => {
    cluster = await Cluster.start({
      withDispatcher: true,
      // Bolt listens on 127.0.0.1; Slack's 3 s timeout and 1-minute retry step are shortened for the test.
      dispatcherEnv: {
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        SLACK_EVENTS_TIMEOUT_MS: '1500',
        SLACK_EVENTS_RETRY_BASE_MS: '500',
      },
    });
    org = createOrg(1);
    const [port, impostorPort] = [await freePort(), await freePort()];
    const app = createApp(org.id, 'message,app_mention', ['--request-url', `http://127.0.0.1:${port}/slack/events`]);
    botHandle = app.botHandle;
    botUserId = app.botUserID;
    // A second app whose Bolt was given the wrong signing secret.
    const wrong = createApp(org.id, 'app_mention', ['--request-url', `http://127.0.0.1:${impostorPort}/slack/events`]);
    wrongHandle = wrong.botHandle;
    channelId = (
      await api(cluster.apiUrl, org.admin.token).post<Body<{ channelID: string }>>('/channels/', {
        name: 'http-lab',
        members: [app.botUserID, wrong.botUserID, org.users[0].id],
      })
    ).body.response.channelID;
    const common = { BOLT_MODE: 'http', SLACK_API_URL: `${cluster.apiUrl}/api/` };
    bolt = await new BoltProcess({
      ...common,
      BOT_TOKEN: app.botToken,
      SIGNING_SECRET: app.signingSecret,
      BOLT_PORT: String(port),
      BOLT_SLOW_FIRST_ATTEMPT_MS: '2500',
    }).start();
    impostor = await new BoltProcess({
      ...common,
      BOT_TOKEN: wrong.botToken,
      SIGNING_SECRET: 'f'.repeat(32),
      BOLT_PORT: String(impostorPort),
    }).start();
    expect(appToken(app.appID, 'bot')).toMatch(/^xoxb-/);
  }, 120_000);

  afterAll(async () => {
    await bolt?.stop();
    await impostor?.stop();
    await cluster?.stop();
  });

  it('app.event("app_mention") passes Bolt\'s signature check and its say() reply lands in the thread', async () => {
    const user = api(cluster.apiUrl, org.users[0].token);
    const posted = (
      await user.post<Body<{ messageID: string; ts: string }>>(`/channels/${channelId}/messages/`, {
        message: `hi @${botHandle}`,
      })
    ).body.response;
    const mention = await bolt.waitFor((record) => record.handler === 'app_mention' && record.ts === posted.ts);
    expect(mention).toMatchObject({ channel: encodeSlackId('public', channelId), retry_num: null });
    let replies: { message: string; userID: string }[] = [];
    for (let i = 0; i < 100 && replies.length === 0; i++) {
      replies = (
        await user.get<Body<{ message: string; userID: string }[]>>(
          `/channels/${channelId}/messages/${posted.messageID}/replies`,
        )
      ).body.response.filter((message) => message.userID === botUserId);
      if (replies.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(replies.map((reply) => reply.message)).toEqual([`pong to ${posted.ts}`]);
  });

  it('app.message(/pattern/) works over HTTP', async () => {
    await api(cluster.apiUrl, org.users[0].token).post(`/channels/${channelId}/messages/`, {
      message: 'ping-7 over http',
    });
    expect(
      await bolt.waitFor((record) => record.handler === 'message' && record.text === 'ping-7 over http'),
    ).toMatchObject({ channel_type: 'channel' });
  });

  it('is refused by a Bolt app holding the wrong signing secret', async () => {
    const user = api(cluster.apiUrl, org.users[0].token);
    await user.post(`/channels/${channelId}/messages/`, { message: `hello @${wrongHandle}` });
    await user.post(`/channels/${channelId}/messages/`, { message: `and @${botHandle} too` });
    await bolt.waitFor((record) => record.handler === 'app_mention' && record.text === `and @${botHandle} too`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(impostor.handled('app_mention')).toEqual([]);
  });

  it('retries a slow app with X-Slack-Retry-Num and X-Slack-Retry-Reason', async () => {
    const posted = (
      await api(cluster.apiUrl, org.users[0].token).post<Body<{ ts: string }>>(`/channels/${channelId}/messages/`, {
        message: `slow @${botHandle}`,
      })
    ).body.response;
    const retried = await bolt.waitFor(
      (record) => record.handler === 'app_mention' && record.ts === posted.ts && record.retry_num === 1,
      30_000,
    );
    expect(retried).toMatchObject({ retry_reason: 'http_timeout' });
    const first = bolt.records.find(
      (record) => record.handler === 'app_mention' && record.ts === posted.ts && record.retry_num === null,
    );
    expect(first?.event_id).toBe(retried.event_id);
  }, 60_000);
});
