import WebSocket from 'ws';
import { createOrg, type TestOrg } from '../support/admin';
import { api } from '../support/api';
import { Cluster } from '../support/cluster';

type Body<T = Record<string, unknown>> = { response: T };
type Frame = Record<string, unknown> & {
  type?: string;
  envelope_id?: string;
  retry_attempt?: number;
  payload?: { event_id?: string; event?: { text?: string } };
};

/** A raw Socket Mode client: frames as they come, acks only when told. */
class RawSocket {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
    ws.on('close', (code) => (this.closeCode = code));
  }

  static async open(url: string): Promise<RawSocket> {
    const socket = new RawSocket(new WebSocket(url));
    await new Promise((resolve, reject) => {
      socket.ws.once('open', resolve);
      socket.ws.once('error', reject);
    });
    return socket;
  }

  async next(predicate: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.frames.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no matching frame in ${timeoutMs} ms: ${JSON.stringify(this.frames).slice(0, 1000)}`);
  }

  async closed(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return this.closeCode ?? -1;
  }

  ack(envelopeId: string): void {
    this.ws.send(JSON.stringify({ envelope_id: envelopeId, payload: {} }));
  }
}

describe('Slack apps: admin REST and the Socket Mode protocol (raw WebSocket client)', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let appToken: string;
  let appId: string;
  let channelId: string;
  let botToken: string;
  const sockets: RawSocket[] = [];

  const connectUrl = async (replica = 0): Promise<string> => {
    const answer = (
      await api(cluster.apiUrl, appToken).post<{ ok: boolean; url: string }>('/api/apps.connections.open')
    ).body;
    expect(answer.ok).toBe(true);
    const url = new URL(answer.url);
    url.port = String(cluster.realtime[replica].port);
    return url.toString();
  };
  const connect = async (replica = 0) => {
    const socket = await RawSocket.open(await connectUrl(replica));
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    cluster = await Cluster.start({ realtimeReplicas: 2, realtimeEnv: { SOCKET_MODE_ACK_TIMEOUT_MS: '800' } });
    org = createOrg(1);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.ws.terminate();
    await cluster?.stop();
  });

  it('lets organisation admins create apps and tokens over REST, showing secrets once', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    expect(
      (await api(cluster.apiUrl, org.users[0].token).post('/apps/', { name: 'Nope', eventTypes: ['message'] })).status,
    ).toBe(403);
    expect((await admin.post('/apps/', { name: 'Bad', eventTypes: ['message', 'file_shared'] })).status).toBe(400);
    expect((await admin.post('/apps/', { name: 'Bad', eventTypes: ['message'], requestURL: 'ftp://x' })).status).toBe(
      400,
    );
    const created = (
      await admin.post<
        Body<{ appID: string; botUserID: string; botToken: string; signingSecret: string; socketMode: boolean }>
      >('/apps/', { name: 'Raw', eventTypes: ['message'], socketMode: true })
    ).body.response;
    expect(created).toMatchObject({
      socketMode: true,
      botToken: expect.stringMatching(/^xoxb-/),
      signingSecret: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    appId = created.appID;
    const token = (await admin.post<Body<{ token: string; kind: string }>>(`/apps/${appId}/tokens`, { kind: 'app' }))
      .body.response;
    expect(token).toMatchObject({ kind: 'app', token: expect.stringMatching(/^xapp-/) });
    appToken = token.token;
    expect((await admin.post(`/apps/${appId}/tokens`, { kind: 'user' })).status).toBe(400);
    expect((await admin.post('/apps/999999/tokens', { kind: 'app' })).status).toBe(404);
    const listed = (await admin.get<Body<Record<string, unknown>[]>>('/apps/')).body.response;
    expect(listed.map((app) => app.appID)).toEqual([appId]);
    expect(listed[0]).not.toHaveProperty('signingSecret');
    expect(listed[0]).not.toHaveProperty('botToken');
    channelId = (
      await admin.post<Body<{ channelID: string }>>('/channels/', { name: 'raw-lab', members: [created.botUserID] })
    ).body.response.channelID;
    botToken = created.botToken;
  });

  it('stores chat.postMessage blocks beside the message, with text as the fallback, and shows them in history', async () => {
    const bot = api(cluster.apiUrl, botToken);
    const slackChannel = `C${BigInt(channelId).toString(36).toUpperCase()}`;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Deploy* finished' } }];
    const posted = (
      await bot.post<{ ok: boolean; ts: string; message: Record<string, unknown> }>('/api/chat.postMessage', {
        channel: slackChannel,
        blocks,
      })
    ).body;
    expect(posted).toMatchObject({ ok: true, message: { text: '*Deploy* finished', blocks } });
    const reply = (
      await bot.post<{ ok: boolean }>('/api/chat.postMessage', {
        channel: slackChannel,
        text: 'details',
        thread_ts: posted.ts,
        blocks: JSON.stringify(blocks),
      })
    ).body;
    expect(reply.ok).toBe(true);
    const history = (
      await bot.post<{ messages: Record<string, unknown>[] }>('/api/conversations.history', { channel: slackChannel })
    ).body.messages;
    expect(history.find((message) => message.ts === posted.ts)).toMatchObject({ text: '*Deploy* finished', blocks });
    const thread = (
      await bot.post<{ messages: Record<string, unknown>[] }>('/api/conversations.replies', {
        channel: slackChannel,
        ts: posted.ts,
      })
    ).body.messages;
    expect(thread.map((message) => [message.text, message.blocks])).toEqual([
      ['*Deploy* finished', blocks],
      ['details', blocks],
    ]);
    expect((await bot.post('/api/chat.postMessage', { channel: slackChannel, blocks: '{"no":"array"}' })).body).toEqual(
      { ok: false, error: 'invalid_blocks' },
    );
    // Other surfaces show the text.
    const rest = (
      await api(cluster.apiUrl, org.admin.token).get<Body<{ messages: { message: string }[] }>>(
        `/channels/${channelId}/messages/`,
      )
    ).body.response.messages;
    expect(rest.map((message) => message.message)).toContain('*Deploy* finished');
  });

  it('says hello with num_connections and the app id; a ticket works once', async () => {
    const url = await connectUrl();
    const first = await RawSocket.open(url);
    sockets.push(first);
    const hello = await first.next((frame) => frame.type === 'hello');
    expect(hello).toMatchObject({
      num_connections: 1,
      connection_info: { app_id: expect.stringMatching(/^A/) },
      debug_info: { host: expect.any(String) },
    });
    const again = await RawSocket.open(url);
    expect(await again.closed()).toBe(4001);
    const second = await connect();
    expect(await second.next((frame) => frame.type === 'hello')).toMatchObject({ num_connections: 2 });
  });

  it('sends each event to one connection, and an unacknowledged one again on the other with a growing retry_attempt', async () => {
    const [a, b] = sockets.filter((socket) => socket.closeCode === null);
    await api(cluster.apiUrl, org.admin.token).post(`/channels/${channelId}/messages/`, { message: 'retry me' });
    const isEvent = (frame: Frame) => frame.type === 'events_api' && frame.payload?.event?.text === 'retry me';
    const firstTry = await Promise.any([a.next(isEvent), b.next(isEvent)]);
    expect(firstTry).toMatchObject({
      retry_attempt: 0,
      retry_reason: '',
      accepts_response_payload: false,
      payload: { type: 'event_callback', api_app_id: expect.stringMatching(/^A/) },
    });
    const [first, other] = a.frames.includes(firstTry) ? [a, b] : [b, a];
    const retry = await other.next((frame) => isEvent(frame) && frame.retry_attempt === 1);
    expect(retry).toMatchObject({ retry_reason: 'timeout', payload: { event_id: firstTry.payload!.event_id } });
    other.ack(retry.envelope_id!);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect([...first.frames, ...other.frames].filter(isEvent)).toHaveLength(2);
  });

  it('refuses an eleventh connection of an app with link_disabled', async () => {
    while (sockets.filter((socket) => socket.closeCode === null).length < 10) await connect();
    const extra = await connect();
    expect(await extra.next((frame) => frame.type === 'disconnect')).toMatchObject({ reason: 'link_disabled' });
    expect(await extra.closed()).toBe(4008);
    for (const socket of sockets.splice(2)) socket.ws.close();
  });

  it('asks connections to refresh before a replica drains', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const draining = await connect(1);
    await draining.next((frame) => frame.type === 'hello');
    const stopping = cluster.realtime[1].stop('SIGTERM');
    expect(await draining.next((frame) => frame.type === 'disconnect')).toMatchObject({ reason: 'refresh_requested' });
    expect(await draining.closed()).toBe(1012);
    await stopping;
  });
});
