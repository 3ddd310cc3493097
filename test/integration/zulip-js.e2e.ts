import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { ROOT } from '../support/env';

// The package under test, unmodified (a CommonJS module without types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zulipInit = require('zulip-js') as (config: {
  username: string;
  apiKey: string;
  realm: string;
}) => Promise<ZulipJs>;

interface ZulipJs {
  queues: {
    register(params: Record<string, unknown>): Promise<Record<string, unknown>>;
    deregister(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  };
  events: { retrieve(params: Record<string, unknown>): Promise<{ result: string; events: ZulipEvent[] }> };
  messages: {
    retrieve(params: Record<string, unknown>): Promise<{ result: string; messages: Record<string, unknown>[] }>;
  };
  streams: {
    retrieve(): Promise<{ result: string; streams: { name: string; stream_id: number }[] }>;
    getStreamId(name: string): Promise<{ result: string; stream_id: number }>;
  };
  users: { me: { getProfile(): Promise<Record<string, unknown>> } };
}

interface ZulipEvent {
  id: number;
  type: string;
  message?: {
    id: number;
    content: string;
    subject: string;
    display_recipient: unknown;
    sender_email: string;
    type: string;
  };
}

type Channel = { channelID: string; zulipID: number };

describe('an unmodified zulip-js client', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let bot: ChildProcess | null = null;
  const botOutput: string[] = [];

  beforeAll(async () => {
    org = createOrg(1, { bots: 1 });
    cluster = await Cluster.start();
  });

  afterAll(async () => {
    bot?.kill('SIGKILL');
    await cluster.stop();
  });

  const waitFor = async <T>(
    check: () => Promise<T | undefined> | T | undefined,
    what: string,
    timeoutMs = 15000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; bot output:\n${botOutput.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('queues.register with a narrow + events.retrieve get a message posted over the Messaging REST API', async () => {
    const [alice, deployBot] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const denmark = (
      await admin.post<{ response: Channel }>('/channels/', { name: 'Denmark', members: [deployBot.id] })
    ).body.response;
    const sweden = (await admin.post<{ response: Channel }>('/channels/', { name: 'Sweden', members: [deployBot.id] }))
      .body.response;
    const client = await zulipInit({ username: deployBot.email, apiKey: deployBot.token, realm: cluster.apiUrl });

    expect(await client.users.me.getProfile()).toMatchObject({
      result: 'success',
      email: deployBot.email,
      is_bot: true,
    });
    expect(await client.streams.getStreamId('denmark')).toMatchObject({
      result: 'success',
      stream_id: denmark.zulipID,
    });
    const queue = await client.queues.register({ event_types: ['message'], narrow: [['channel', 'denmark']] });
    expect(queue).toMatchObject({ result: 'success', queue_id: expect.any(String), last_event_id: expect.any(Number) });

    await admin.post(`/channels/${sweden.channelID}/messages/`, { message: 'not for the narrow', topic: 'misc' });
    await admin.post(`/channels/${denmark.channelID}/messages/`, { message: 'hello Denmark', topic: 'weather' });
    const retrieved = await client.events.retrieve({
      queue_id: queue.queue_id,
      last_event_id: queue.last_event_id,
      dont_block: false,
    });
    expect(retrieved.result).toBe('success');
    expect(
      retrieved.events.map((event) => [
        event.type,
        event.message?.content,
        event.message?.subject,
        event.message?.display_recipient,
      ]),
    ).toEqual([['message', 'hello Denmark', 'weather', 'Denmark']]);
    void alice;

    const history = await client.messages.retrieve({
      anchor: 'newest',
      num_before: 10,
      num_after: 0,
      narrow: [{ operator: 'channel', operand: 'denmark' }],
      apply_markdown: false,
    });
    expect(history.messages.map((message) => message.content)).toEqual(['hello Denmark']);
    expect((await client.queues.deregister({ queue_id: queue.queue_id })).result).toBe('success');
  });

  it('callOnEachEvent receives a REST-posted message and its reply is readable over REST', async () => {
    const [, deployBot] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const ops = (await admin.post<{ response: Channel }>('/channels/', { name: 'ops', members: [deployBot.id] })).body
      .response;
    bot = spawn(process.execPath, [path.join(ROOT, 'test/support/zulip-js-bot.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_PATH: path.join(ROOT, 'node_modules'),
        ZULIP_EMAIL: deployBot.email,
        ZULIP_API_KEY: deployBot.token,
        ZULIP_REALM: cluster.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: ROOT,
    });
    bot.stdout?.on('data', (chunk: Buffer) => botOutput.push(chunk.toString()));
    bot.stderr?.on('data', (chunk: Buffer) => botOutput.push(chunk.toString()));

    // The bot registers asynchronously: keep pinging until it answers (each ping is a new message).
    const reply = await waitFor(
      async () => {
        await admin.post(`/channels/${ops.channelID}/messages/`, { message: 'ping deploy', topic: 'releases' });
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const page = await admin.get<{ response: { messages: { message: string; topic: string; userID: string }[] } }>(
          `/channels/${ops.channelID}/messages/`,
        );
        return page.body.response.messages.find((message) => message.message === 'pong: ping deploy');
      },
      'the bot reply',
      30000,
    );
    expect(reply).toMatchObject({ topic: 'releases', userID: deployBot.id });
    expect(botOutput.join('')).toContain('"type":"message"');
  });
});
