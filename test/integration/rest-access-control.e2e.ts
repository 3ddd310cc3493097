import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';

type Body<T = Record<string, unknown>> = { response: T; error?: { code: string } };
type Message = { messageID: string; channelID: string; message: string };
type Channel = { channelID: string; unread: unknown };

/**
 * One private channel, walked through every read path this issue owns, as a non-member and as a
 * removed member: nothing of it may show, and the direct paths answer like an unknown channel.
 */
describe('Access control: a private channel stays invisible on every read path', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let owner: Api;
  let channelId: string;
  let rootId: string;
  const WORD = 'zanzibarquartz';

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(3);
    owner = api(cluster.apiUrl, org.admin.token);
    const removed = api(cluster.apiUrl, org.users[1].token);
    channelId = (
      await owner.post<Body<{ channelID: string }>>('/channels/', {
        name: 'vault',
        type: 'private',
        members: [org.users[0].id, org.users[1].id],
      })
    ).body.response.channelID;
    rootId = (
      await owner.post<Body<Message>>(`/channels/${channelId}/messages/`, {
        message: `${WORD} root <@${org.users[1].id}> @${org.users[2].handle}`,
      })
    ).body.response.messageID;
    await owner.post(`/channels/${channelId}/messages/${rootId}/replies`, { message: `${WORD} reply` });
    await owner.post(`/channels/${channelId}/messages/${rootId}/pin`);
    // The member-to-be-removed bookmarks, reacts and marks read while still inside.
    expect((await removed.post(`/channels/${channelId}/messages/${rootId}/bookmark`)).status).toBe(200);
    expect((await removed.post(`/channels/${channelId}/messages/${rootId}/reaction/eyes`)).status).toBe(200);
    expect((await removed.get(`/channels/${channelId}/messages/mark-as-read?threadID=${rootId}`)).status).toBe(200);
    expect((await removed.get<Body<Message[]>>(`/search/messages?bookmarkedOnly=true`)).body.response).toHaveLength(1);
    expect((await owner.delete(`/channels/${channelId}/members/${org.users[1].id}`)).status).toBe(200);
  });

  afterAll(() => cluster.stop());

  const viewers = (): [string, Api][] => [
    ['a non-member', api(cluster.apiUrl, org.users[2].token)],
    ['a removed member', api(cluster.apiUrl, org.users[1].token)],
  ];

  it.each(['a non-member', 'a removed member'])('%s finds nothing', async (who) => {
    const client = viewers().find(([label]) => label === who)![1];
    const notFound = [
      `/channels/${channelId}`,
      `/channels/${channelId}/members`,
      `/channels/${channelId}/messages/`,
      `/channels/${channelId}/messages/${rootId}/replies`,
      `/channels/${channelId}/messages/mark-as-read`,
    ];
    for (const path of notFound) {
      const result = await client.get<Body>(path);
      expect({ path, status: result.status, code: result.body.error?.code }).toEqual({
        path,
        status: 404,
        code: 'channel_not_found',
      });
    }
    for (const [method, path] of [
      ['POST', `/channels/${channelId}/messages/${rootId}/bookmark`],
      ['DELETE', `/channels/${channelId}/messages/${rootId}/bookmark`],
      ['POST', `/channels/${channelId}/messages/${rootId}/pin`],
      ['POST', `/channels/${channelId}/messages/${rootId}/reaction/eyes`],
      ['POST', `/channels/${channelId}/messages/mark-as-read`],
      ['PUT', `/channels/${channelId}/flag`],
    ] as const) {
      const result = await client.call<Body>(method, path, method === 'PUT' ? { flag: 'pinned' } : {});
      expect({ path, method, status: result.status, code: result.body.error?.code }).toEqual({
        path,
        method,
        status: 404,
        code: 'channel_not_found',
      });
    }
    const searches = [
      `/search/messages?query=${WORD}`,
      `/search/messages?channelID=${channelId}`,
      `/search/messages?threadID=${rootId}`,
      '/search/messages?pinnedOnly=true',
      '/search/messages?bookmarkedOnly=true',
      `/search/messages?userID=${org.admin.id}`,
      `/search/threads?query=${WORD}`,
      `/search/threads?channelID=${channelId}`,
    ];
    for (const path of searches) {
      const result = await client.get<Body<Message[]>>(path);
      expect({ path, status: result.status, response: result.body.response }).toEqual({
        path,
        status: 200,
        response: [],
      });
    }
    const list = await client.get<Body<Channel[]>>('/channels/');
    expect(list.body.response.map((channel) => channel.channelID)).not.toContain(channelId);
    expect(JSON.stringify(list.body.response)).not.toContain(channelId);
  });

  it('while members still see all of it (the walk above is not vacuous)', async () => {
    const member = api(cluster.apiUrl, org.users[0].token);
    expect((await member.get<Body<Message[]>>(`/search/messages?query=${WORD}`)).body.response).toHaveLength(2);
    expect((await member.get<Body<Message[]>>(`/search/threads?query=${WORD}`)).body.response).toHaveLength(1);
    expect((await member.get<Body<Message[]>>('/search/messages?pinnedOnly=true')).body.response).toHaveLength(1);
    expect((await member.get<Body<Channel>>(`/channels/${channelId}`)).body.response.unread).toMatchObject({
      count: 1,
      mentions: 0,
    });
    expect((await member.get<Body<unknown[]>>(`/channels/${channelId}/members`)).body.response).toHaveLength(2);
  });
});
