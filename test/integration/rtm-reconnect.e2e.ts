import { RTMClient } from '@slack/rtm-api';
import { encodeSlackId } from '@switchboard/contracts';
import { createOrg, type TestOrg } from '../support/admin';
import { api } from '../support/api';
import { Cluster } from '../support/cluster';

type Body = { response: { channelID: string } };
type SlackMessage = { type: string; channel?: string; text?: string; subtype?: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(50);
}

/**
 * Issue 14 §5: an unmodified @slack/rtm-api bot (no resume parameter, default options) keeps every
 * message while its realtime replica is SIGKILLed and comes back, because the next socket of the
 * same credential and client replays from where the last one stopped, and rtm.connect answers a
 * dead tier with a short retryable 429 instead of URLs nobody serves.
 */
describe('an unmodified @slack/rtm-api bot across a realtime replica SIGKILL', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let channelId: string;
  let slackChannel: string;

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(1, { bots: 1 });
    channelId = (
      await api(cluster.apiUrl, org.admin.token).post<Body>('/channels/', {
        name: 'reconnects',
        members: [org.users[0].id, org.users[1].id],
      })
    ).body.response.channelID;
    slackChannel = encodeSlackId('public', channelId);
  });

  afterAll(() => cluster.stop());

  async function killedFor(
    downMs: number,
    label: string,
  ): Promise<{ sent: string[]; received: string[]; backAfterMs: number; sentWhileDown: number }> {
    const bot = org.users[1];
    const rtm = new RTMClient(bot.token, {
      slackApiUrl: `${cluster.apiUrl}/api/`,
      logLevel: (process.env.TEST_SLACK_LOG ?? 'error') as never,
    });
    const received: string[] = [];
    const readyAt: number[] = [];
    rtm.on('message', (event: SlackMessage) => {
      if (event.channel === slackChannel && !event.subtype && event.text?.startsWith(label)) received.push(event.text);
    });
    // `connected` is the server's hello; @slack/rtm-api adds a fixed 2 s before `ready` on every reconnect.
    rtm.on('connected', () => readyAt.push(Date.now()));
    await rtm.start();
    await until(() => readyAt.length > 0, 10_000);

    // Another user posts 10 messages a second over REST for the whole scenario.
    const poster = api(cluster.apiUrl, org.users[0].token);
    const sent: string[] = [];
    const sentAt: number[] = [];
    let posting = true;
    const posts = (async () => {
      for (let i = 0; posting; i++) {
        const started = Date.now();
        const text = `${label} ${i}`;
        const response = await poster.post(`/channels/${channelId}/messages/`, { message: text });
        if (response.status === 200) {
          sent.push(text);
          sentAt.push(Date.now());
        }
        await sleep(Math.max(0, 100 - (Date.now() - started)));
      }
    })();

    try {
      await sleep(1000);
      const killedAt = Date.now();
      await cluster.realtime[0].stop('SIGKILL');
      await sleep(downMs);
      await cluster.realtime[0].start();
      const returnedAt = Date.now();
      await until(() => readyAt.some((at) => at > killedAt), 30_000);
      const backAt = readyAt.find((at) => at > killedAt) ?? Infinity;
      await sleep(1000);
      posting = false;
      await posts;
      await until(() => received.length >= sent.length, 15_000);
      await sleep(300); // a duplicate would arrive now
      return {
        sent,
        received,
        backAfterMs: Math.max(0, backAt - returnedAt),
        sentWhileDown: sentAt.filter((at) => at > killedAt && at < returnedAt).length,
      };
    } finally {
      posting = false;
      await posts.catch(() => undefined);
      await rtm.disconnect().catch(() => undefined);
    }
  }

  it.each([
    ['2 s', 2000],
    ['20 s', 20_000],
  ])(
    'misses nothing and duplicates nothing when the replica is killed for %s, and is back within 5 s of its return',
    async (label, downMs) => {
      const { sent, received, backAfterMs, sentWhileDown } = await killedFor(downMs, `down ${label}`);
      // Messages were posted while the replica was down (10 a second is the aim; a loaded machine posts fewer).
      expect(sentWhileDown).toBeGreaterThan(0);
      expect(received).toEqual(sent);
      expect(backAfterMs).toBeLessThanOrEqual(5000);
    },
    120_000,
  );
});
