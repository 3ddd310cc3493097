import sharp from 'sharp';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { CORTEZA_SHAPES, shapeDifferences } from '../support/corteza-shapes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw answers compared field by field
type Body = { response: Json };

/** Our Messaging REST answers, entity by entity, against Corteza's serialisation (fixtures in test/support/corteza-shapes.ts). */
describe('Corteza shapes: our JSON per entity against Corteza’s own types', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let owner: Api;
  let member: Api;
  let channel: Json;
  let root: Json;
  let reply: Json;
  let attachmentMessage: Json;

  beforeAll(async () => {
    cluster = await Cluster.start();
    org = createOrg(1, { bots: 1 });
    owner = api(cluster.apiUrl, org.admin.token);
    member = api(cluster.apiUrl, org.users[0].token);
    channel = (await owner.post<Body>('/channels/', { name: 'shapes', members: [org.users[0].id] })).body.response;
    root = (await owner.post<Body>(`/channels/${channel.channelID}/messages/`, { message: 'root' })).body.response;
    reply = (
      await member.post<Body>(`/channels/${channel.channelID}/messages/${root.messageID}/replies`, { message: 'reply' })
    ).body.response;
    await member.post(
      `/channels/${channel.channelID}/messages/${root.messageID}/reaction/${encodeURIComponent(':thumbsup:')}`,
    );
    const form = new FormData();
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .png()
      .toBuffer();
    form.append('upload', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'dot.png');
    const uploaded = await fetch(`${cluster.apiUrl}/channels/${channel.channelID}/attach`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.admin.token}` },
      body: form,
    });
    attachmentMessage = ((await uploaded.json()) as Body).response;
  });

  afterAll(() => cluster.stop());

  it('channel: as created, listed (with unread), read, flagged, archived', async () => {
    expect(shapeDifferences(channel, CORTEZA_SHAPES.channel)).toEqual([]);
    const listed = (await member.get<{ response: Json[] }>('/channels/')).body.response.find(
      (entry) => entry.channelID === channel.channelID,
    )!;
    expect(listed.unread).toBeDefined();
    expect(shapeDifferences(listed, CORTEZA_SHAPES.channel)).toEqual([]);
    expect(
      shapeDifferences(
        (await member.get<Body>(`/channels/${channel.channelID}`)).body.response,
        CORTEZA_SHAPES.channel,
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        (await member.put<Body>(`/channels/${channel.channelID}/flag`, { flag: 'hidden' })).body.response,
        CORTEZA_SHAPES.channel,
      ),
    ).toEqual([]);
    const archived = (await owner.put<Body>(`/channels/${channel.channelID}/state`, { state: 'archive' })).body
      .response;
    expect(archived.archivedAt).toEqual(expect.any(String));
    expect(shapeDifferences(archived, CORTEZA_SHAPES.channel)).toEqual([]);
    await owner.put(`/channels/${channel.channelID}/state`, { state: 'unarchive' });
  });

  it('message: top-level (replyTo absent), reply, with reactions, edited, from search and history', async () => {
    expect(root).not.toHaveProperty('replyTo');
    expect(shapeDifferences(root, CORTEZA_SHAPES.message)).toEqual([]);
    expect(shapeDifferences(reply, CORTEZA_SHAPES.message)).toEqual([]);
    const edited = (
      await owner.put<Body>(`/channels/${channel.channelID}/messages/${root.messageID}`, { message: 'root, edited' })
    ).body.response;
    expect(shapeDifferences(edited, CORTEZA_SHAPES.message)).toEqual([]);
    const searched = (await member.get<{ response: Json[] }>(`/search/messages?channelID=${channel.channelID}`)).body
      .response;
    for (const message of searched) expect(shapeDifferences(message, CORTEZA_SHAPES.message)).toEqual([]);
    const history = (await member.get<{ response: { messages: Json[] } }>(`/channels/${channel.channelID}/messages/`))
      .body.response.messages;
    for (const message of history) expect(shapeDifferences(message, CORTEZA_SHAPES.message)).toEqual([]);
  });

  it('reaction: `:name:` as the web app sent it, userIDs and count', async () => {
    const [found] = (
      await member.get<{ response: Json[] }>(`/search/messages?channelID=${channel.channelID}&query=edited`)
    ).body.response;
    expect(found.reactions).toHaveLength(1);
    expect(shapeDifferences(found.reactions[0], CORTEZA_SHAPES.reaction)).toEqual([]);
    expect(found.reactions[0].reaction).toBe(':thumbsup:');
  });

  it('attachment: meta.original (size, ext, mimetype, image) and meta.preview for images, in the post answer and in search', async () => {
    expect(shapeDifferences(attachmentMessage, CORTEZA_SHAPES.message)).toEqual([]);
    expect(shapeDifferences(attachmentMessage.att, CORTEZA_SHAPES.attachment)).toEqual([]);
    expect(attachmentMessage.att.meta.preview).toBeDefined();
    const [searched] = (
      await member.get<{ response: Json[] }>(`/search/messages?channelID=${channel.channelID}&type=attachment`)
    ).body.response;
    expect(shapeDifferences(searched.att, CORTEZA_SHAPES.attachment)).toEqual([]);
    expect(searched.attachment).toEqual(searched.att);
  });

  it('unread: the mark-as-read answer, channel and thread', async () => {
    expect(
      shapeDifferences(
        (await member.get<Body>(`/channels/${channel.channelID}/messages/mark-as-read`)).body.response,
        CORTEZA_SHAPES.unread,
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        (await member.get<Body>(`/channels/${channel.channelID}/messages/mark-as-read?threadID=${root.messageID}`)).body
          .response,
        CORTEZA_SHAPES.unread,
      ),
    ).toEqual([]);
  });

  it('member: list, join, invite', async () => {
    for (const entry of (await owner.get<{ response: Json[] }>(`/channels/${channel.channelID}/members`)).body.response)
      expect(shapeDifferences(entry, CORTEZA_SHAPES.member)).toEqual([]);
  });

  it('status: set and listed', async () => {
    const set = (await member.post<Body>('/status/', { icon: ':palm_tree:', message: 'away' })).body.response;
    expect(shapeDifferences(set, CORTEZA_SHAPES.status, { nullableExtras: true })).toEqual([]);
    for (const entry of (await owner.get<{ response: Json[] }>('/status/')).body.response)
      expect(shapeDifferences(entry, CORTEZA_SHAPES.status, { nullableExtras: true })).toEqual([]);
  });

  it('webhook: incoming and outgoing, created and read', async () => {
    const bot = org.users[1];
    const incoming = (
      await owner.post<Body>('/webhooks/', { channelID: channel.channelID, kind: 'incoming', userID: bot.id })
    ).body.response;
    expect(shapeDifferences(incoming, CORTEZA_SHAPES.webhook)).toEqual([]);
    expect(incoming).toMatchObject({ trigger: '', url: '' });
    const outgoing = (
      await owner.post<Body>('/webhooks/', {
        channelID: channel.channelID,
        kind: 'outgoing',
        userID: bot.id,
        trigger: '!go',
        url: 'https://ci.example.com/hook',
      })
    ).body.response;
    expect(shapeDifferences(outgoing, CORTEZA_SHAPES.webhook)).toEqual([]);
    expect(
      shapeDifferences(
        (await owner.get<Body>(`/webhooks/${outgoing.webhookID}`)).body.response,
        CORTEZA_SHAPES.webhook,
      ),
    ).toEqual([]);
  });

  it('permission rule: roleID, resource, operation, access', async () => {
    const patched = (
      await owner.call<Body>('PATCH', '/permissions/2/rules', {
        rules: [{ resource: `messaging:channel:${channel.channelID}`, operation: 'message.send', access: 'deny' }],
      })
    ).body.response;
    expect(patched.rules.length).toBeGreaterThan(0);
    for (const rule of patched.rules) expect(shapeDifferences(rule, CORTEZA_SHAPES.permissionRule)).toEqual([]);
    for (const rule of (await owner.get<Body>('/permissions/2/rules')).body.response.rules)
      expect(shapeDifferences(rule, CORTEZA_SHAPES.permissionRule)).toEqual([]);
    await owner.delete('/permissions/2/rules');
  });
});
