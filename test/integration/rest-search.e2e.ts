import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';

type Message = {
  messageID: string;
  channelID: string;
  userID: string;
  message: string;
  replyTo: string | null;
  replies: number;
};
type Body<T = Message[]> = { response: T; error?: { code: string; message: string } };

describe('Messaging REST: /search/messages and /search/threads', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: Api;
  let bob: Api;
  let carol: Api;
  let general: string;
  let random: string;
  let secret: string;
  const ids: Record<string, string> = {};
  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body).error?.code }).toEqual({ status, code });
    expect(typeof (body as Body).error?.message).toBe('string');
  };
  const texts = async (client: Api, query: string) => {
    const result = await client.get<Body>(`/search/messages?${query}`);
    expect(result.status).toBe(200);
    return result.body.response.map((message) => message.message);
  };

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(3);
    [alice, bob, carol] = org.users.map((user) => api(cluster.apiUrl, user.token));
    const channel = async (name: string, type: string, members: string[]) =>
      (await alice.post<Body<{ channelID: string }>>('/channels/', { name, type, members })).body.response.channelID;
    general = await channel('search-general', 'public', [org.users[1].id]);
    random = await channel('search-random', 'public', [org.users[1].id]);
    secret = await channel('search-secret', 'private', [org.users[1].id]);
    const say = async (client: Api, channelId: string, key: string, message: string, replyTo?: string) => {
      const path = replyTo ? `/channels/${channelId}/messages/${replyTo}/replies` : `/channels/${channelId}/messages/`;
      ids[key] = (await client.post<Body<Message>>(path, { message })).body.response.messageID;
    };
    await say(alice, general, 'deploy', 'The deploy pipeline is green');
    await say(bob, general, 'lunch', 'Lunch at noon?');
    await say(bob, general, 'deployReply', 'Deploy finished for staging', ids.deploy);
    await say(alice, random, 'deploy2', 'Another deploy tomorrow');
    await say(alice, secret, 'secretDeploy', 'Secret deploy of the launch codes');
    await say(bob, random, 'unicode', 'Größe café naïve');
    await bob.post(`/channels/${general}/messages/${ids.lunch}/pin`);
    await bob.post(`/channels/${random}/messages/${ids.deploy2}/bookmark`);
  });

  afterAll(() => cluster.stop());

  it('finds words, newest first, only in channels the caller may read', async () => {
    expect(await texts(bob, 'query=deploy')).toEqual([
      'Secret deploy of the launch codes',
      'Another deploy tomorrow',
      'Deploy finished for staging',
      'The deploy pipeline is green',
    ]);
    expect(await texts(carol, 'query=deploy')).toEqual([
      'Another deploy tomorrow',
      'Deploy finished for staging',
      'The deploy pipeline is green',
    ]);
    expect(await texts(carol, 'query=launch')).toEqual([]);
    expect(await texts(bob, `query=${encodeURIComponent('"deploy pipeline"')}`)).toEqual([
      'The deploy pipeline is green',
    ]);
    expect(await texts(bob, `query=${encodeURIComponent('deploy -staging -secret')}`)).toEqual([
      'Another deploy tomorrow',
      'The deploy pipeline is green',
    ]);
    expect(await texts(bob, `query=${encodeURIComponent('größe')}`)).toEqual(['Größe café naïve']);
    expect(await texts(bob, `query=${encodeURIComponent('!!! & |')}`)).toEqual([]);
  });

  it.each([
    ['repeated keys', () => `query=deploy&channelID=${general}&channelID=${random}`],
    ['key[]=', () => `query=deploy&channelID[]=${general}&channelID[]=${random}`],
    ['a JSON array', () => `query=deploy&channelID=${encodeURIComponent(JSON.stringify([general, random]))}`],
  ])('takes channelID[] as %s', async (_label, query) => {
    expect(await texts(bob, query())).toEqual([
      'Another deploy tomorrow',
      'Deploy finished for staging',
      'The deploy pipeline is green',
    ]);
  });

  it('applies every filter of the seed', async () => {
    expect(await texts(bob, `channelID=${general}&userID=${org.users[1].id}`)).toEqual([
      'Deploy finished for staging',
      'Lunch at noon?',
    ]);
    expect(await texts(bob, `threadID=${ids.deploy}`)).toEqual([
      'Deploy finished for staging',
      'The deploy pipeline is green',
    ]);
    expect(await texts(bob, `channelID=${general}&afterMessageID=${ids.deploy}`)).toEqual([
      'Deploy finished for staging',
      'Lunch at noon?',
    ]);
    expect(await texts(bob, `channelID=${general}&beforeMessageID=${ids.lunch}`)).toEqual([
      'The deploy pipeline is green',
    ]);
    expect(await texts(bob, `channelID=${general}&fromMessageID=${ids.lunch}&toMessageID=${ids.deployReply}`)).toEqual([
      'Deploy finished for staging',
      'Lunch at noon?',
    ]);
    expect(await texts(bob, 'pinnedOnly=true')).toEqual(['Lunch at noon?']);
    expect(await texts(bob, 'bookmarkedOnly=1')).toEqual(['Another deploy tomorrow']);
    expect(await texts(alice, 'bookmarkedOnly=true')).toEqual([]);
    expect(await texts(bob, 'type=text&query=lunch')).toEqual(['Lunch at noon?']);
    expect(await texts(bob, 'query=deploy&limit=1')).toHaveLength(1);
  });

  it('finds threads by their root or their replies', async () => {
    const byReply = await bob.get<Body>('/search/threads?query=staging');
    expect(byReply.status).toBe(200);
    expect(byReply.body.response.map((message) => message.messageID)).toEqual([ids.deploy]);
    expect(byReply.body.response[0].replies).toBe(1);
    expect(
      (await bob.get<Body>('/search/threads?query=pipeline')).body.response.map((message) => message.messageID),
    ).toEqual([ids.deploy]);
    expect((await bob.get<Body>(`/search/threads?channelID[]=${random}`)).body.response).toEqual([]);
    expect((await bob.get<Body>('/search/threads?query=lunch')).body.response).toEqual([]);
  });

  it.each([
    ['a malformed channel id', '/search/messages?channelID=abc'],
    ['a limit of 0', '/search/messages?limit=0'],
    ['a limit over 200', '/search/messages?limit=201'],
    ['an unknown type', '/search/messages?type=hologram'],
    ['a pinnedOnly that is not a boolean', '/search/messages?pinnedOnly=maybe'],
    ['a malformed afterMessageID', '/search/messages?afterMessageID=-1'],
    ['an over-long query', `/search/messages?query=${'q'.repeat(501)}`],
    ['threads: a malformed channel id', '/search/threads?channelID[]=x'],
    ['threads: a limit that is not a number', '/search/threads?limit=many'],
  ])('refuses %s', async (_label, path) => {
    await expectError(bob.get(path), 400, 'validation_failed');
  });

  it('needs credentials', async () => {
    await expectError(api(cluster.apiUrl).get('/search/messages?query=deploy'), 401, 'not_authenticated');
    await expectError(api(cluster.apiUrl).get('/search/threads'), 401, 'not_authenticated');
  });
});
