import { RTMClient } from '@slack/rtm-api';
import { WebClient } from '@slack/web-api';
import { encodeSlackId } from '@switchboard/contracts';
import { type TestOrg, createOrg } from '../support/admin';
import { api } from '../support/api';
import { Cluster } from '../support/cluster';

type Body = { response: Record<string, string> };
type SlackMessage = {
  type: string;
  subtype?: string;
  channel: string;
  text: string;
  ts: string;
  user: string;
  bot_id?: string;
  thread_ts?: string;
};

function nextEvent<T>(rtm: RTMClient, type: string, predicate: (event: T) => boolean, timeoutMs = 10000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event`)), timeoutMs);
    const listener = (event: T) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      rtm.off(type, listener);
      resolve(event);
    };
    rtm.on(type, listener);
  });
}

describe('unmodified @slack/rtm-api and @slack/web-api bots against Switchboard', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let rtm: RTMClient;
  let web: WebClient;
  let channelId: string;
  let slackChannel: string;

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(3, { bots: 1 });
    const bot = org.users[3];
    channelId = (
      await api(cluster.apiUrl, org.admin.token).post<Body>('/channels/', {
        name: 'bot-lab',
        members: [bot.id, org.users[0].id],
      })
    ).body.response.channelID;
    slackChannel = encodeSlackId('public', channelId);
    const slackApiUrl = `${cluster.apiUrl}/api/`;
    web = new WebClient(bot.token, { slackApiUrl, retryConfig: { retries: 0 } });
    rtm = new RTMClient(bot.token, {
      slackApiUrl,
      autoReconnect: false,
      logLevel: (process.env.TEST_SLACK_LOG ?? 'error') as never,
    });
  });

  afterAll(async () => {
    // @slack/rtm-api 7.0.4 stores pending replies at `awaitingReplyList[messageId]` (ids start at 2)
    // and on disconnect runs `for (const p of list) p.cancel()`, which throws on the holes. That is
    // a client bug, not a protocol matter; compacting the list lets the test disconnect cleanly.
    const pending = (rtm as unknown as { awaitingReplyList: unknown[] }).awaitingReplyList;
    (rtm as unknown as { awaitingReplyList: unknown[] }).awaitingReplyList = pending.filter(Boolean);
    await rtm.disconnect().catch(() => undefined);
    await cluster.stop();
  });

  it('starts, reaches ready, receives a REST message, replies over the socket and in a thread, and sees its own events', async () => {
    const ready = new Promise<void>((resolve) => rtm.once('ready', () => resolve()));
    const started = (await rtm.start()) as unknown as { self: { id: string }; team: { id: string } };
    expect(started.self.id).toBe(encodeSlackId('user', org.users[3].id));
    await ready;

    const incoming = nextEvent<SlackMessage>(rtm, 'message', (event) => event.text === 'hello bot');
    await api(cluster.apiUrl, org.users[0].token).post(`/channels/${channelId}/messages/`, { message: 'hello bot' });
    const message = await incoming;
    expect(message).toMatchObject({ channel: slackChannel, user: encodeSlackId('user', org.users[0].id) });

    const own = nextEvent<SlackMessage>(rtm, 'message', (event) => event.text === 'hello human');
    const reply = (await rtm.sendMessage('hello human', slackChannel)) as unknown as { ok: boolean; ts: string };
    expect(reply.ok).toBe(true);
    expect(await own).toMatchObject({ ts: reply.ts, bot_id: encodeSlackId('bot', org.users[3].id) });

    const threaded = await web.chat.postMessage({
      channel: slackChannel,
      text: 'in your thread',
      thread_ts: message.ts,
    });
    expect(threaded).toMatchObject({
      ok: true,
      channel: slackChannel,
      message: { text: 'in your thread', thread_ts: message.ts },
    });

    const replies = await web.conversations.replies({ channel: slackChannel, ts: message.ts });
    expect(replies.messages!.map((m) => m.text)).toEqual(['hello bot', 'in your thread']);

    const reacted = nextEvent<{ reaction: string; item: { ts: string } }>(
      rtm,
      'reaction_added',
      (event) => event.reaction === 'thumbsup',
    );
    expect((await web.reactions.add({ channel: slackChannel, timestamp: message.ts, name: 'thumbsup' })).ok).toBe(true);
    expect((await reacted).item.ts).toBe(message.ts);
    await expect(
      web.reactions.add({ channel: slackChannel, timestamp: message.ts, name: 'thumbsup' }),
    ).rejects.toMatchObject({ data: { error: 'already_reacted' } });
    expect((await web.reactions.remove({ channel: slackChannel, timestamp: message.ts, name: 'thumbsup' })).ok).toBe(
      true,
    );
    await expect(
      web.reactions.remove({ channel: slackChannel, timestamp: message.ts, name: 'thumbsup' }),
    ).rejects.toMatchObject({ data: { error: 'no_reaction' } });
    const pinned = nextEvent<{ channel_id: string }>(rtm, 'pin_added', () => true);
    expect((await web.pins.add({ channel: slackChannel, timestamp: message.ts })).ok).toBe(true);
    expect((await pinned).channel_id).toBe(slackChannel);
    await expect(web.pins.add({ channel: slackChannel, timestamp: message.ts })).rejects.toMatchObject({
      data: { error: 'already_pinned' },
    });
    expect((await web.pins.remove({ channel: slackChannel, timestamp: message.ts })).ok).toBe(true);

    const edited = nextEvent<SlackMessage & { message: { text: string } }>(
      rtm,
      'message',
      (event) => event.subtype === 'message_changed',
    );
    await web.chat.update({ channel: slackChannel, ts: reply.ts, text: 'hello, human' });
    expect((await edited).message.text).toBe('hello, human');
    await web.chat.delete({ channel: slackChannel, ts: reply.ts });
    const history = await web.conversations.history({ channel: slackChannel });
    expect(history.messages!.map((m) => m.text)).toEqual(['hello bot']);
  });

  it('answers auth.test with bot_id, and refuses what a bot may not do with Slack errors', async () => {
    const auth = await web.auth.test();
    expect(auth).toMatchObject({
      ok: true,
      user_id: encodeSlackId('user', org.users[3].id),
      bot_id: encodeSlackId('bot', org.users[3].id),
      team_id: encodeSlackId('team', org.id),
    });
    await expect(web.chat.postMessage({ channel: 'C0', text: 'x' })).rejects.toMatchObject({
      data: { ok: false, error: 'channel_not_found' },
    });
    await expect(web.chat.postMessage({ channel: slackChannel, text: '' })).rejects.toMatchObject({
      data: { error: 'no_text' },
    });
    const adminMessage = (
      await api(cluster.apiUrl, org.admin.token).post<Body>(`/channels/${channelId}/messages/`, {
        message: 'admin says',
      })
    ).body.response;
    await expect(web.chat.update({ channel: slackChannel, ts: adminMessage.ts, text: 'hijack' })).rejects.toMatchObject(
      { data: { error: 'cant_update_message' } },
    );
    await expect(web.apiCall('no.such.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    await expect(
      new WebClient('sbt_' + 'x'.repeat(43), {
        slackApiUrl: `${cluster.apiUrl}/api/`,
        retryConfig: { retries: 0 },
      }).auth.test(),
    ).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('walks every user with users.list pagination, and lists, joins, leaves and opens conversations', async () => {
    const seen: string[] = [];
    for await (const page of web.paginate('users.list', { limit: 2 }))
      seen.push(...(page as unknown as { members: { id: string }[] }).members.map((member) => member.id));
    expect(seen.sort()).toEqual([org.admin, ...org.users].map((user) => encodeSlackId('user', user.id)).sort());

    const created = await web.conversations.create({ name: 'bot-made' });
    expect(created.channel).toMatchObject({ name: 'bot-made', is_member: true });
    const listed: string[] = [];
    for await (const page of web.paginate('conversations.list', { limit: 1, types: 'public_channel' }))
      listed.push(...(page as unknown as { channels: { name: string }[] }).channels.map((channel) => channel.name));
    expect(listed).toEqual(expect.arrayContaining(['bot-lab', 'bot-made']));
    const info = await web.conversations.info({ channel: created.channel!.id! });
    expect(info.channel).toMatchObject({ is_member: true, is_channel: true });
    expect((await web.conversations.leave({ channel: created.channel!.id! })).ok).toBe(true);
    expect(await web.conversations.join({ channel: created.channel!.id! })).toMatchObject({
      ok: true,
      channel: { is_member: true },
    });
    expect(await web.conversations.join({ channel: created.channel!.id! })).toMatchObject({
      ok: true,
      warning: 'already_in_channel',
    });
    const members = await web.conversations.members({ channel: slackChannel });
    expect(members.members).toEqual(expect.arrayContaining([encodeSlackId('user', org.users[3].id)]));

    const dm = await web.conversations.open({ users: encodeSlackId('user', org.users[1].id) });
    expect(dm.channel!.id).toMatch(/^D/);
    expect((await web.conversations.open({ users: encodeSlackId('user', org.users[1].id) })).channel!.id).toBe(
      dm.channel!.id,
    );
    expect((await web.chat.postMessage({ channel: dm.channel!.id!, text: 'psst' })).ok).toBe(true);
  });

  it('moves its read marker with conversations.mark', async () => {
    const post = async (message: string) =>
      (await api(cluster.apiUrl, org.users[0].token).post<Body>(`/channels/${channelId}/messages/`, { message })).body
        .response;
    const first = await post('mark me');
    await post('still unread');
    expect(await web.apiCall('conversations.mark', { channel: slackChannel, ts: first.ts })).toMatchObject({
      ok: true,
    });
    const channel = await api(cluster.apiUrl, org.users[3].token).get<{ response: { unread: unknown } }>(
      `/channels/${channelId}`,
    );
    expect(channel.body.response.unread).toMatchObject({ count: 1, lastMessageID: first.messageID });
    await expect(web.apiCall('conversations.mark', { channel: slackChannel, ts: '1.000001' })).rejects.toMatchObject({
      data: { error: 'invalid_timestamp' },
    });
    await expect(web.apiCall('conversations.mark', { channel: slackChannel })).rejects.toMatchObject({
      data: { error: 'invalid_timestamp' },
    });
  });

  it('reports and sets presence', async () => {
    expect(await web.users.getPresence({})).toMatchObject({ ok: true, presence: 'active', online: true });
    const manual = nextEvent<{ presence: string }>(rtm, 'manual_presence_change', () => true);
    await web.users.setPresence({ presence: 'away' });
    expect((await manual).presence).toBe('away');
    expect(await web.users.getPresence({ user: encodeSlackId('user', org.users[3].id) })).toMatchObject({
      presence: 'away',
    });
    await web.users.setPresence({ presence: 'auto' });
    expect((await web.users.getPresence({})).presence).toBe('active');
    await expect(web.users.setPresence({ presence: 'busy' as 'away' })).rejects.toMatchObject({
      data: { error: 'invalid_presence' },
    });
  });
});
