import { encodeSlackId } from '@switchboard/contracts';
import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { httpRequest } from '../support/http';
import { RtmTestClient } from '../support/rtm-client';
import { type ZulipApi, zulipApi } from '../support/zulip';

type ZulipEvent = Record<string, unknown> & { id: number; type: string };
type Channel = { channelID: string; zulipID: number };
type Message = { messageID: string; zulipID: number };

/** A registered queue and its long-polling reader; `until` polls until the wanted events have arrived. */
class QueueReader {
  readonly events: ZulipEvent[] = [];
  private last: number;

  private constructor(
    private readonly zulip: ZulipApi,
    readonly queueId: string,
    lastEventId: number,
  ) {
    this.last = lastEventId;
  }

  static async register(zulip: ZulipApi, params: Record<string, unknown> = {}): Promise<QueueReader> {
    const registered = await zulip.post('/register', params);
    expect(registered.body).toMatchObject({ result: 'success' });
    return new QueueReader(zulip, registered.body.queue_id as string, registered.body.last_event_id as number);
  }

  async until(predicate: (event: ZulipEvent) => boolean, timeoutMs = 10_000): Promise<ZulipEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`timed out; events so far: ${JSON.stringify(this.events).slice(0, 3000)}`);
      const polled = await this.zulip.get('/events', {
        queue_id: this.queueId,
        last_event_id: this.last,
        dont_block: false,
      });
      expect(polled.body).toMatchObject({ result: 'success' });
      for (const event of polled.body.events as ZulipEvent[]) {
        this.events.push(event);
        this.last = Math.max(this.last, event.id);
      }
    }
  }
}

describe('Zulip queues: typing, presence, reactions, flags and channel state', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: ZulipApi;
  let bob: ZulipApi;
  let general: Channel;

  beforeAll(async () => {
    org = createOrg(3);
    cluster = await Cluster.start({ realtimeReplicas: 2, realtimeEnv: { ZULIP_HEARTBEAT_SECONDS: '2' } });
    const [a, b] = org.users;
    alice = zulipApi(cluster.apiUrl, a.email, a.token);
    bob = zulipApi(cluster.apiUrl, b.email, b.token);
    const admin = api(cluster.apiUrl, org.admin.token);
    general = (await admin.post<{ response: Channel }>('/channels/', { name: 'general', members: [a.id, b.id] })).body
      .response;
    // Typing reaches a direct conversation only once it exists.
    await api(cluster.apiUrl, a.token).post('/channels/', { type: 'group', members: [b.id] });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('typing from a Zulip client reaches a queue polled on another replica, in a channel topic and in a direct conversation, start and stop', async () => {
    const reader = await QueueReader.register(alice, { event_types: ['typing'] });
    const sent = await bob.post('/typing', { op: 'start', type: 'stream', stream_id: general.zulipID, topic: 'lunch' });
    expect(sent.body).toEqual({ result: 'success', msg: '' });
    const inChannel = await reader.until((event) => event.type === 'typing' && event.message_type === 'stream');
    expect(inChannel).toMatchObject({
      op: 'start',
      sender: { user_id: expect.any(Number), email: org.users[1].email },
      stream_id: general.zulipID,
      topic: 'lunch',
    });

    await bob.post('/typing', { op: 'stop', to: [org.users[0].email] });
    const direct = await reader.until((event) => event.type === 'typing' && event.message_type === 'direct');
    expect(direct).toMatchObject({ op: 'stop', sender: { email: org.users[1].email } });
    expect((direct.recipients as { email: string }[]).map((recipient) => recipient.email).sort()).toEqual(
      [org.users[0].email, org.users[1].email].sort(),
    );
    // Typing never moves the acknowledged id: it takes the id of the last stored event.
    expect(direct.id).toBeLessThanOrEqual(inChannel.id);
  });

  it('typing between two polls is delivered by the next poll; its own typing is not echoed', async () => {
    const reader = await QueueReader.register(alice, { event_types: ['typing', 'message'] });
    await alice.post('/typing', { op: 'start', type: 'stream', stream_id: general.zulipID, topic: 'own' });
    await bob.post('/typing', { op: 'start', type: 'channel', stream_id: general.zulipID, topic: 'between polls' });
    const event = await reader.until((candidate) => candidate.type === 'typing');
    expect(event).toMatchObject({ topic: 'between polls' });
    expect(reader.events.filter((candidate) => candidate.type === 'typing')).toHaveLength(1);
  });

  it('typing crosses dialects: Slack RTM typing reaches Zulip queues, Zulip typing reaches RTM sockets', async () => {
    const reader = await QueueReader.register(alice, { event_types: ['typing'] });
    const socket = await RtmTestClient.connect(cluster.apiUrl, org.users[1].token, cluster.realtime[1].port);
    const aliceSocket = await RtmTestClient.connect(cluster.apiUrl, org.users[0].token, cluster.realtime[0].port);
    try {
      const slackChannel = encodeSlackId('public', general.channelID);
      socket.send({ id: 1, type: 'typing', channel: slackChannel });
      const fromSlack = await reader.until((event) => event.type === 'typing');
      expect(fromSlack).toMatchObject({ op: 'start', message_type: 'stream', stream_id: general.zulipID, topic: '' });

      // Alice's socket saw Bob's Slack typing; now his Zulip typing.
      await aliceSocket.waitFor((frame) => frame.type === 'user_typing' && frame.channel === slackChannel);
      await bob.post('/typing', { op: 'start', type: 'stream', stream_id: general.zulipID, topic: 'x' });
      await aliceSocket.waitUntil(() => aliceSocket.ofType('user_typing').length === 2);
      // Slack has no "stopped typing": a stop sends nothing to sockets.
      await bob.post('/typing', { op: 'stop', type: 'stream', stream_id: general.zulipID, topic: 'x' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(aliceSocket.ofType('user_typing')).toHaveLength(2);
    } finally {
      socket.close();
      aliceSocket.close();
    }
  });

  it('typing is refused where the sender may not post, and bad typing requests get Zulip errors', async () => {
    const carol = zulipApi(cluster.apiUrl, org.users[2].email, org.users[2].token);
    const private_ = (
      await api(cluster.apiUrl, org.admin.token).post<{ response: Channel }>('/channels/', {
        name: 'hidden',
        type: 'private',
        members: [org.users[0].id],
      })
    ).body.response;
    const hidden = await carol.post('/typing', {
      op: 'start',
      type: 'stream',
      stream_id: private_.zulipID,
      topic: 't',
    });
    expect(hidden.status).toBe(400);
    expect(hidden.body).toMatchObject({ result: 'error', code: 'STREAM_DOES_NOT_EXIST' });
    const notMember = await carol.post('/typing', {
      op: 'start',
      type: 'stream',
      stream_id: general.zulipID,
      topic: 't',
    });
    expect(notMember.status).toBe(400);
    expect(notMember.body).toMatchObject({ result: 'error' });
    expect((await bob.post('/typing', { type: 'stream', stream_id: general.zulipID, topic: 't' })).body).toMatchObject({
      result: 'error',
      msg: "Missing 'op' argument",
    });
    expect((await bob.post('/typing', { op: 'sideways', to: [org.users[0].email] })).body).toMatchObject({
      result: 'error',
      code: 'BAD_REQUEST',
    });
    expect((await bob.post('/typing', { op: 'start', type: 'stream', stream_id: general.zulipID })).body).toMatchObject(
      { result: 'error', msg: "Missing 'topic' argument" },
    );
    expect((await bob.post('/typing', { op: 'start', to: ['nobody@example.com'] })).status).toBe(400);
    // Typing to someone one has no conversation with yet reaches them, and creates no conversation.
    const bobQueue = await QueueReader.register(bob, { event_types: ['typing'] });
    expect((await carol.post('/typing', { op: 'start', to: [org.users[1].email] })).body).toEqual({
      result: 'success',
      msg: '',
    });
    const fresh = await bobQueue.until(
      (event) => event.type === 'typing' && (event.sender as { email: string }).email === org.users[2].email,
    );
    expect(fresh).toMatchObject({ op: 'start', message_type: 'direct' });
    expect((fresh.recipients as { email: string }[]).map((recipient) => recipient.email).sort()).toEqual(
      [org.users[1].email, org.users[2].email].sort(),
    );
    const carolsChannels = await api(cluster.apiUrl, org.users[2].token).get<{ response: { type: string }[] }>(
      '/channels/',
    );
    expect(carolsChannels.body.response.filter((channel) => channel.type === 'group')).toEqual([]);
    expect((await carol.post('/typing', { op: 'start', to: ['999999'] })).status).toBe(400);
  });

  it('a polled queue makes its user present; others see it as a presence event and over the Slack Web API', async () => {
    const carol = org.users[2];
    const watcher = await QueueReader.register(alice, { event_types: ['presence'] });
    const carolQueue = await QueueReader.register(zulipApi(cluster.apiUrl, carol.email, carol.token), {
      event_types: ['message'],
    });
    const online = await watcher.until((event) => event.type === 'presence' && event.email === carol.email);
    expect(online).toMatchObject({ presence: { website: { status: 'active', client: 'website' } } });
    const presence = await httpRequest(
      `${cluster.apiUrl}/api/users.getPresence?user=${encodeSlackId('user', carol.id)}`,
      { headers: { authorization: `Bearer ${org.users[0].token}` } },
    );
    expect(JSON.parse(presence.text)).toMatchObject({ ok: true, presence: 'active' });

    const registered = await alice.post('/register', { fetch_event_types: ['presence'], slim_presence: true });
    expect(registered.body.presences).toHaveProperty(String(online.user_id));
    expect(registered.body).toHaveProperty('server_timestamp');

    await zulipApi(cluster.apiUrl, carol.email, carol.token).delete('/events', { queue_id: carolQueue.queueId });
    await watcher.until(
      (event) =>
        event.type === 'presence' &&
        event.email === carol.email &&
        (event.presence as { website: { status: string } }).website.status === 'idle',
    );
  });

  it("POST /users/me/presence reports a Zulip app's activity and answers everyone's presence", async () => {
    const carol = org.users[2];
    const carolZulip = zulipApi(cluster.apiUrl, carol.email, carol.token);
    const watcher = await QueueReader.register(alice, {
      event_types: ['presence'],
      client_capabilities: { simplified_presence_events: true },
    });
    const answer = await carolZulip.post('/users/me/presence', { status: 'active', slim_presence: true });
    expect(answer.body).toMatchObject({ result: 'success', server_timestamp: expect.any(Number) });
    const carolId = (await carolZulip.get('/users/me')).body.user_id as number;
    expect((answer.body.presences as Record<string, unknown>)[String(carolId)]).toMatchObject({
      active_timestamp: expect.any(Number),
    });
    const event = await watcher.until(
      (candidate) =>
        candidate.type === 'presence' && String(carolId) in (candidate.presences as Record<string, unknown>),
    );
    expect(
      (event.presences as Record<string, { active_timestamp: number }>)[String(carolId)].active_timestamp,
    ).toBeGreaterThan(0);
    expect((await carolZulip.post('/users/me/presence', { status: 'idle', ping_only: true })).body).toEqual({
      result: 'success',
      msg: '',
    });
    await watcher.until(
      (candidate) =>
        candidate.type === 'presence' &&
        (candidate.presences as Record<string, { active_timestamp: number }>)[String(carolId)]?.active_timestamp === 0,
    );
    expect((await carolZulip.post('/users/me/presence', { status: 'asleep' })).status).toBe(400);
  });

  it('reactions, bookmarks (starred), read markers, channel flags and archiving reach the queue', async () => {
    const reader = await QueueReader.register(alice, {
      event_types: ['reaction', 'update_message_flags', 'stream', 'subscription'],
    });
    const rest = api(cluster.apiUrl, org.users[1].token);
    const own = api(cluster.apiUrl, org.users[0].token);
    const message = (
      await rest.post<{ response: Message }>(`/channels/${general.channelID}/messages/`, {
        message: 'react to me',
        topic: 't',
      })
    ).body.response;
    await rest.post(`/channels/${general.channelID}/messages/${message.messageID}/reaction/tada`);
    expect(await reader.until((event) => event.type === 'reaction')).toMatchObject({
      op: 'add',
      message_id: message.zulipID,
      emoji_name: 'tada',
      emoji_code: '1f389',
      reaction_type: 'unicode_emoji',
      user: { email: org.users[1].email },
    });

    await own.post(`/channels/${general.channelID}/messages/${message.messageID}/bookmark`);
    expect(
      await reader.until((event) => event.type === 'update_message_flags' && event.flag === 'starred'),
    ).toMatchObject({ op: 'add', messages: [message.zulipID], all: false });

    await own.post(`/channels/${general.channelID}/messages/mark-as-read`, { lastReadMessageID: message.messageID });
    const read = await reader.until((event) => event.type === 'update_message_flags' && event.flag === 'read');
    expect(read).toMatchObject({ op: 'add' });
    expect(read.messages).toContain(message.zulipID);

    await own.put(`/channels/${general.channelID}/flag`, { flag: 'pinned' });
    expect(
      await reader.until(
        (event) => event.type === 'subscription' && event.op === 'update' && event.property === 'pin_to_top',
      ),
    ).toMatchObject({ stream_id: general.zulipID, value: true });

    const admin = api(cluster.apiUrl, org.admin.token);
    const doomed = (
      await admin.post<{ response: Channel }>('/channels/', { name: 'doomed', members: [org.users[0].id] })
    ).body.response;
    await admin.put(`/channels/${doomed.channelID}/state`, { state: 'archive' });
    expect(await reader.until((event) => event.type === 'stream' && event.op === 'delete')).toMatchObject({
      stream_ids: [doomed.zulipID],
    });
    expect(await reader.until((event) => event.type === 'subscription' && event.op === 'remove')).toMatchObject({
      subscriptions: [{ stream_id: doomed.zulipID }],
    });
  });
});
