import { Redis } from 'ioredis';
import { EventLog } from '@switchboard/platform';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_REDIS_URL } from '../support/env';

type Body<T = Record<string, unknown>> = { response: T; error?: { code: string; message: string } };
type Command = { name: string; builtin: boolean; botUserID: string | null };

describe('Commands: built-ins, bot-registered commands, exec', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: Api;
  let bob: Api;
  let bot: Api;
  let channelId: string;
  let privateId: string;

  const exec = (who: Api, channel: string, command: string, body: unknown = {}) =>
    who.post<Body<Record<string, unknown>>>(`/channels/${channel}/messages/command/${command}/exec`, body);
  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body).error?.code }).toEqual({ status, code });
  };

  beforeAll(async () => {
    org = createOrg(2, { bots: 1 }); // before the cluster: see status.e2e.ts
    cluster = await Cluster.start();
    alice = api(cluster.apiUrl, org.users[0].token);
    bob = api(cluster.apiUrl, org.users[1].token);
    bot = api(cluster.apiUrl, org.users[2].token);
    channelId = (
      await alice.post<Body<{ channelID: string }>>('/channels/', { name: 'cmd-general', members: [org.users[2].id] })
    ).body.response.channelID;
    privateId = (await alice.post<Body<{ channelID: string }>>('/channels/', { name: 'cmd-private', type: 'private' }))
      .body.response.channelID;
  });

  afterAll(() => cluster.stop());

  it('lists the built-ins', async () => {
    const names = (await bob.get<Body<Command[]>>('/commands/')).body.response
      .filter((c) => c.builtin)
      .map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['me', 'shrug', 'topic', 'invite', 'leave']));
  });

  it('/me and /shrug post messages; /topic changes the topic', async () => {
    const me = await exec(alice, channelId, 'me', { input: 'waves' });
    expect(me.status).toBe(200);
    expect((me.body.response.message as { message: string }).message).toBe(`_${org.users[0].handle} waves_`);
    const form = await alice.post<Body<{ message: { message: string } }>>(
      `/channels/${channelId}/messages/command/shrug/exec`,
      'input=no+idea',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(form.body.response.message.message).toBe('no idea ¯\\_(ツ)_/¯');
    const topic = await exec(alice, channelId, 'topic', { input: 'Deploys only' });
    expect((topic.body.response.channel as { topic: string }).topic).toBe('Deploys only');
  });

  it('/invite adds users by id or @handle, /leave leaves', async () => {
    const invited = await exec(alice, privateId, 'invite', { input: `@${org.users[1].handle}` });
    expect(invited.status).toBe(200);
    expect((invited.body.response.members as { userID: string }[]).map((m) => m.userID)).toEqual([org.users[1].id]);
    expect((await bob.get(`/channels/${privateId}`)).status).toBe(200);
    expect((await exec(bob, privateId, 'leave')).body.response).toEqual({ command: 'leave', left: true });
    await expectError(bob.get(`/channels/${privateId}`), 404, 'channel_not_found');
  });

  it('bots register commands; running one sends the bot a command.invoked event', async () => {
    const registered = await bot.post<Body<Command>>('/commands/', { name: 'deploy', description: 'Deploy a service' });
    expect(registered.body.response).toEqual({
      name: 'deploy',
      description: 'Deploy a service',
      builtin: false,
      botUserID: org.users[2].id,
    });
    expect((await alice.get<Body<Command[]>>('/commands/')).body.response.map((c) => c.name)).toContain('deploy');

    const ran = await exec(alice, channelId, 'deploy', { input: 'api', params: ['--force'] });
    expect(ran.body.response).toEqual({ command: 'deploy', dispatchedTo: org.users[2].id });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const deadline = Date.now() + 5000;
      let invoked: { audience: unknown; payload: unknown } | undefined;
      while (!invoked && Date.now() < deadline) {
        invoked = (await new EventLog(redis).readAfter(org.id, '0')).events.find(
          (event) => event.type === 'command.invoked',
        );
        if (!invoked) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(invoked?.audience).toEqual({ userIds: [org.users[2].id] });
      expect(invoked?.payload).toMatchObject({
        command: 'deploy',
        invokerId: org.users[0].id,
        input: 'api',
        params: ['--force'],
      });
    } finally {
      await redis.quit();
    }
  });

  it.each([
    ['a human registering', () => alice.post('/commands/', { name: 'mine' }), 403, 'forbidden'],
    ['a built-in name', () => bot.post('/commands/', { name: 'shrug' }), 409, 'name_taken'],
    ['a taken name', () => bot.post('/commands/', { name: 'deploy' }), 409, 'name_taken'],
    ['a bad name', () => bot.post('/commands/', { name: 'Not Valid' }), 400, 'validation_failed'],
    ['an unknown command', () => exec(alice, channelId, 'nope'), 404, 'not_found'],
    ['/me without text', () => exec(alice, channelId, 'me'), 400, 'validation_failed'],
    ['/invite without users', () => exec(alice, channelId, 'invite'), 400, 'validation_failed'],
    [
      '/invite of an unknown handle',
      () => exec(alice, privateId, 'invite', { input: '@nobody-here' }),
      404,
      'user_not_found',
    ],
    ['params of the wrong type', () => exec(alice, channelId, 'shrug', { params: [{}] }), 400, 'validation_failed'],
    ['a channel the caller may not read', () => exec(bob, privateId, 'shrug'), 404, 'channel_not_found'],
    ['/topic by a non-owner', () => exec(bob, channelId, 'topic', { input: 'mine now' }), 403, 'forbidden'],
    ['/shrug by a non-member', () => exec(bob, channelId, 'shrug'), 403, 'not_a_member'],
  ])('refuses %s', async (_label, call, status, code) => {
    await expectError(call(), status, code);
  });

  it('a failed command changes nothing', async () => {
    const before = (await alice.get<Body<{ topic: string }>>(`/channels/${channelId}`)).body.response.topic;
    await exec(bob, channelId, 'topic', { input: 'hijack' });
    expect((await alice.get<Body<{ topic: string }>>(`/channels/${channelId}`)).body.response.topic).toBe(before);
  });
});
