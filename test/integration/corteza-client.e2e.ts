import { apiClients } from '@cortezaproject/corteza-js';
import { apiClients as apiClients2020v6 } from 'corteza-js-2020-6';
import sharp from 'sharp';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';

/**
 * The generated Corteza Messaging client, unmodified (@cortezaproject/corteza-js 2020.12.4, and
 * 2020.6.2 for the webhook methods later releases dropped), through every endpoint of seed 004.
 * Each answer is checked for the fields corteza-webapp-messaging reads (src/types.js,
 * src/types/channel.js, src/store/*): a field the web app tests for absence (`replyTo`) must be
 * absent, not null; flags it reads with `!!` must be real booleans.
 */
type Client = InstanceType<typeof apiClients.Messaging>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of an untyped generated client
type AxiosLikeError = { response?: { status: number; data: { error?: { message?: string } } } };

const CHANNEL_FLAGS = [
  'canJoin',
  'canPart',
  'canObserve',
  'canSendMessages',
  'canDeleteMessages',
  'canChangeMembers',
  'canChangeMembershipPolicy',
  'canUpdate',
  'canArchive',
  'canDelete',
];
const MESSAGE_FLAGS = ['isPinned', 'isBookmarked', 'canReply', 'canEdit', 'canDelete'];

/** What Channel's constructor and its helpers read (membership, DM detection, sidebar filter). */
function expectWebAppChannel(channel: Json): void {
  expect(channel).toEqual(
    expect.objectContaining({
      channelID: expect.stringMatching(/^\d+$/),
      name: expect.any(String),
      topic: expect.any(String),
      type: expect.stringMatching(/^(public|private|group)$/),
      membershipFlag: expect.any(String),
      createdAt: expect.any(String),
    }),
  );
  for (const flag of CHANNEL_FLAGS) expect(typeof channel[flag]).toBe('boolean');
  for (const absentWhenUnset of ['updatedAt', 'archivedAt', 'deletedAt', 'unread', 'members'])
    if (absentWhenUnset in channel) expect(channel[absentWhenUnset]).not.toBeNull();
  if (channel.members) expect(channel.members).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+$/)]));
}

/** What Message's constructor reads; `replyTo` is absent on top-level messages (the channel view keeps `!m.replyTo`). */
function expectWebAppMessage(message: Json): void {
  expect(message).toEqual(
    expect.objectContaining({
      messageID: expect.stringMatching(/^\d+$/),
      userID: expect.stringMatching(/^\d+$/),
      channelID: expect.stringMatching(/^\d+$/),
      message: expect.any(String),
      type: expect.any(String),
      createdAt: expect.any(String),
    }),
  );
  for (const flag of MESSAGE_FLAGS) expect(typeof message[flag]).toBe('boolean');
  for (const absentWhenUnset of ['replyTo', 'replies', 'updatedAt', 'deletedAt', 'reactions', 'att', 'attachment'])
    if (absentWhenUnset in message) expect(message[absentWhenUnset]).not.toBeNull();
}

async function rejection(promise: Promise<unknown>): Promise<{ status: number; message: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as AxiosLikeError).response;
    return { status: response?.status ?? 0, message: response?.data.error?.message };
  }
  throw new Error('expected the call to fail');
}

describe('Corteza Messaging client (corteza-js 2020.12.4 / 2020.6.2) against the Messaging REST API', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let admin: Client;
  let member: Client;
  let outsider: Client;
  let channelId: string;
  let rootId: string;
  let replyId: string;
  let attachmentMessage: Json;
  const client = (token: string): Client => new apiClients.Messaging({ baseURL: cluster.apiUrl, jwt: token });

  beforeAll(async () => {
    cluster = await Cluster.start({ withDispatcher: true });
    org = createOrg(2, { bots: 1 });
    admin = client(org.admin.token);
    member = client(org.users[0].token);
    outsider = client(org.users[1].token);
  });

  afterAll(() => cluster.stop());

  it('keeps the issued token: longer than 100 characters, so the client sends it as a bearer token', async () => {
    expect(org.admin.token.length).toBeGreaterThan(100);
    expect(admin.isValidJWT(org.admin.token)).toBe(true);
    expect((admin as unknown as { headers: Record<string, string> }).headers.Authorization).toBe(
      `Bearer ${org.admin.token}`,
    );
    expect(await rejection(new apiClients.Messaging({ baseURL: cluster.apiUrl }).channelList({}))).toEqual({
      status: 401,
      message: expect.any(String),
    });
  });

  it('channelCreate answers the channel with its members and the creator’s capabilities', async () => {
    const channel = (await admin.channelCreate({
      name: 'corteza-general',
      topic: 'web app',
      type: 'public',
      members: [org.users[0].id],
    })) as Json;
    expectWebAppChannel(channel);
    channelId = channel.channelID;
    expect(channel).toMatchObject({ name: 'corteza-general', topic: 'web app', type: 'public', membershipFlag: '' });
    expect([...channel.members].sort()).toEqual([org.admin.id, org.users[0].id].sort());
    expect(channel).toMatchObject({
      canJoin: false,
      canPart: true,
      canObserve: true,
      canSendMessages: true,
      canUpdate: true,
      canArchive: true,
      canDelete: true,
      canChangeMembers: true,
    });
    expect(channel).not.toHaveProperty('updatedAt');
    expect(channel).not.toHaveProperty('archivedAt');
  });

  it('channelCreate of a group answers a direct message the web app recognises (type group, no name, two members)', async () => {
    const dm = (await admin.channelCreate({ type: 'group', members: [org.users[1].id] })) as Json;
    expectWebAppChannel(dm);
    expect(dm.type === 'group' && dm.name === '' && dm.members.length === 2).toBe(true);
    expect([...dm.members].sort()).toEqual([org.admin.id, org.users[1].id].sort());
  });

  it('channelList lists public channels a non-member may join and observe (the sidebar keeps canJoin || canObserve)', async () => {
    const channels = (await outsider.channelList({})) as unknown as Json[];
    channels.forEach(expectWebAppChannel);
    const general = channels.find((channel) => channel.channelID === channelId)!;
    expect(general).toMatchObject({
      canJoin: true,
      canObserve: true,
      canSendMessages: false,
      canPart: false,
      canUpdate: false,
      canArchive: false,
      canDelete: false,
    });
    expect(general.members).not.toContain(org.users[1].id);
    expect(
      channels.filter((channel) => channel.canJoin || channel.canObserve).map((channel) => channel.channelID),
    ).toContain(channelId);
    const own = (await admin.channelList({ query: 'corteza' })) as unknown as Json[];
    expect(own.map((channel) => channel.channelID)).toEqual([channelId]);
  });

  it('channelRead, channelUpdate', async () => {
    expectWebAppChannel((await member.channelRead({ channelID: channelId })) as Json);
    expect(await member.channelRead({ channelID: channelId })).toMatchObject({
      canUpdate: false,
      canPart: true,
      canSendMessages: true,
      canJoin: false,
    });
    const updated = (await admin.channelUpdate({
      channelID: channelId,
      name: 'corteza-main',
      topic: 'renamed',
    })) as Json;
    expectWebAppChannel(updated);
    expect(updated).toMatchObject({ name: 'corteza-main', topic: 'renamed', updatedAt: expect.any(String) });
  });

  it('channelSetFlag and channelRemoveFlag answer the channel with its membershipFlag (the store replaces the channel with it)', async () => {
    const pinned = (await member.channelSetFlag({ channelID: channelId, flag: 'pinned' })) as Json;
    expectWebAppChannel(pinned);
    expect(pinned).toMatchObject({ channelID: channelId, name: 'corteza-main', membershipFlag: 'pinned' });
    const cleared = (await member.channelRemoveFlag({ channelID: channelId })) as Json;
    expectWebAppChannel(cleared);
    expect(cleared).toMatchObject({ channelID: channelId, membershipFlag: '' });
  });

  it('channelMembers, channelJoin, channelPart, channelInvite', async () => {
    const members = (await admin.channelMembers({ channelID: channelId })) as unknown as Json[];
    expect(members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userID: org.admin.id,
          type: 'owner',
          channelID: channelId,
          createdAt: expect.any(String),
        }),
      ]),
    );
    expect(await outsider.channelJoin({ channelID: channelId, userID: org.users[1].id })).toMatchObject({
      userID: org.users[1].id,
      channelID: channelId,
    });
    expect(((await outsider.channelRead({ channelID: channelId })) as Json).members).toContain(org.users[1].id);
    await outsider.channelPart({ channelID: channelId, userID: org.users[1].id });
    expect(await outsider.channelRead({ channelID: channelId })).toMatchObject({ canJoin: true, canPart: false });
    const invited = (await admin.channelInvite({
      channelID: channelId,
      userID: [org.users[1].id],
    })) as unknown as Json[];
    expect(invited.map((entry) => entry.userID)).toContain(org.users[1].id);
    await outsider.channelPart({ channelID: channelId, userID: org.users[1].id });
  });

  it('messageCreate answers a top-level message without replyTo, with the author’s capabilities', async () => {
    const message = (await admin.messageCreate({ channelID: channelId, message: 'hello from corteza-js' })) as Json;
    expectWebAppMessage(message);
    rootId = message.messageID;
    expect(message).toMatchObject({
      message: 'hello from corteza-js',
      type: 'text',
      channelID: channelId,
      userID: org.admin.id,
      isPinned: false,
      isBookmarked: false,
      canReply: true,
      canEdit: true,
      canDelete: true,
    });
    expect(message).not.toHaveProperty('replyTo');
    expect(message).not.toHaveProperty('reactions');
  });

  it('messageReplyCreate answers the reply with replyTo; replies cannot be replied to', async () => {
    const reply = (await member.messageReplyCreate({
      channelID: channelId,
      messageID: rootId,
      message: 'a reply',
    })) as Json;
    expectWebAppMessage(reply);
    replyId = reply.messageID;
    expect(reply).toMatchObject({ replyTo: rootId, canReply: false, canEdit: true, canDelete: true });
  });

  it('messageEdit answers the edited message with updatedAt', async () => {
    const edited = (await admin.messageEdit({
      channelID: channelId,
      messageID: rootId,
      message: 'hello, edited',
    })) as Json;
    expectWebAppMessage(edited);
    expect(edited).toMatchObject({ message: 'hello, edited', updatedAt: expect.any(String), replies: 1 });
  });

  it('searchMessages is how the web app loads history: top-level messages have no replyTo, and capabilities are the viewer’s', async () => {
    const messages = (await member.searchMessages({ channelID: [channelId] })) as unknown as Json[];
    messages.forEach(expectWebAppMessage);
    const shown = messages.filter((message) => !message.replyTo);
    expect(shown.map((message) => message.messageID)).toContain(rootId);
    expect(shown.find((message) => message.messageID === rootId)).toMatchObject({
      canReply: true,
      canEdit: false,
      canDelete: false,
      replies: 1,
    });
    const admins = (await admin.searchMessages({ channelID: [channelId], query: 'edited' })) as unknown as Json[];
    expect(admins.map((message) => message.messageID)).toEqual([rootId]);
    expect(admins[0]).toMatchObject({ canEdit: true, canDelete: true });
  });

  it('searchThreads lists thread roots; searchMessages with threadID loads a thread', async () => {
    const roots = (await member.searchThreads({ channelID: [channelId] })) as unknown as Json[];
    roots.forEach(expectWebAppMessage);
    expect(roots.map((message) => message.messageID)).toEqual([rootId]);
    expect(roots[0]).toMatchObject({ replies: 1 });
    const thread = (await member.searchMessages({ channelID: [channelId], threadID: [rootId] })) as unknown as Json[];
    expect(thread.map((message) => message.messageID).sort()).toEqual([rootId, replyId].sort());
    expect(thread.find((message) => message.messageID === replyId)).toMatchObject({ replyTo: rootId });
  });

  it('messageReactionCreate and messageReactionRemove keep the reaction as sent (`:thumbsup:`) so the web app can draw and toggle it', async () => {
    const reacted = (await member.messageReactionCreate({
      channelID: channelId,
      messageID: rootId,
      reaction: ':thumbsup:',
    })) as Json;
    expectWebAppMessage(reacted);
    expect(reacted.reactions).toEqual([{ reaction: ':thumbsup:', count: 1, userIDs: [org.users[0].id] }]);
    const [fromSearch] = (
      (await member.searchMessages({ channelID: [channelId], query: 'edited' })) as unknown as Json[]
    ).filter((message) => message.messageID === rootId);
    const existing = fromSearch.reactions.find((reaction: Json) => reaction.reaction === ':thumbsup:');
    expect(existing.userIDs).toContain(org.users[0].id);
    const removed = (await member.messageReactionRemove({
      channelID: channelId,
      messageID: rootId,
      reaction: existing.reaction,
    })) as Json;
    expect(removed).not.toHaveProperty('reactions');
  });

  it('messagePinCreate/Remove and messageBookmarkCreate/Remove answer isPinned / isBookmarked', async () => {
    expect(await member.messagePinCreate({ channelID: channelId, messageID: rootId })).toMatchObject({
      isPinned: true,
    });
    const pinned = (await member.searchMessages({ channelID: [channelId], pinnedOnly: true })) as unknown as Json[];
    expect(pinned.map((message) => message.messageID)).toEqual([rootId]);
    expect(pinned[0].isPinned).toBe(true);
    expect(await member.messagePinRemove({ channelID: channelId, messageID: rootId })).toMatchObject({
      isPinned: false,
    });
    expect(await member.messageBookmarkCreate({ channelID: channelId, messageID: rootId })).toMatchObject({
      isBookmarked: true,
    });
    expect(
      ((await member.searchMessages({ channelID: [channelId], bookmarkedOnly: true })) as unknown as Json[])[0],
    ).toMatchObject({ messageID: rootId, isBookmarked: true });
    expect(await member.messageBookmarkRemove({ channelID: channelId, messageID: rootId })).toMatchObject({
      isBookmarked: false,
    });
  });

  it('messageMarkAsRead answers count, threadCount and lastMessageID (the unread badge adds count + threadCount)', async () => {
    await admin.messageCreate({ channelID: channelId, message: 'unread one' });
    const before = ((await member.channelList({})) as unknown as Json[]).find(
      (channel) => channel.channelID === channelId,
    )!;
    expect(before.unread).toMatchObject({ count: expect.any(Number), threadCount: expect.any(Number) });
    expect(before.unread.count).toBeGreaterThan(0);
    const unread = (await member.messageMarkAsRead({ channelID: channelId })) as Json;
    expect(unread).toEqual({
      count: 0,
      threadCount: expect.any(Number),
      lastMessageID: expect.stringMatching(/^\d+$/),
      mentions: 0,
    });
    expect(Number.isNaN(unread.count + unread.threadCount)).toBe(false);
    const thread = (await member.messageMarkAsRead({ channelID: channelId, threadID: rootId })) as Json;
    expect(thread).toMatchObject({ count: 0, threadCount: 0, lastMessageID: replyId });
    expect(
      ((await member.channelList({})) as unknown as Json[]).find((channel) => channel.channelID === channelId),
    ).not.toHaveProperty('unread');
  });

  it('channelAttach (the web app uploads to its endpoint) carries the attachment with meta.original and, for images, meta.preview; searchMessages?type=attachment finds it', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('upload', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'chart.png');
    const uploaded = await fetch(`${cluster.apiUrl}${admin.channelAttachEndpoint({ channelID: channelId })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.admin.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(200);
    attachmentMessage = ((await uploaded.json()) as Json).response;
    expectWebAppMessage(attachmentMessage);
    const attachment = attachmentMessage.att ?? attachmentMessage.attachment;
    expect(attachment).toMatchObject({
      attachmentID: expect.stringMatching(/^\d+$/),
      userID: org.admin.id,
      name: 'chart.png',
      url: expect.stringContaining('/attachment/'),
      previewUrl: expect.stringContaining('/preview.'),
    });
    expect(attachment.meta.original).toEqual({
      size: png.length,
      mimetype: 'image/png',
      ext: 'png',
      image: { width: 64, height: 48, animated: false },
    });
    expect(attachment.meta.preview).toMatchObject({
      mimetype: expect.stringMatching(/^image\//),
      ext: expect.any(String),
    });

    const found = (await member.searchMessages({ channelID: [channelId], type: ['attachment'] })) as unknown as Json[];
    expect(found.map((message) => message.messageID)).toEqual([attachmentMessage.messageID]);
    expect(found[0].attachment ?? found[0].att).toMatchObject({
      attachmentID: attachment.attachmentID,
      meta: { original: { mimetype: 'image/png' } },
    });
    expect(
      ((await member.searchMessages({ channelID: [channelId], type: ['text'] })) as unknown as Json[]).map(
        (message) => message.type,
      ),
    ).not.toContain('attachment');
  });

  it('attachmentOriginal and attachmentPreview serve the signed links the answers carry', async () => {
    const attachment = attachmentMessage.att;
    const signed = new URL(attachment.url, cluster.apiUrl);
    const original = await member
      .api()
      .get(signed.pathname, { params: Object.fromEntries(signed.searchParams), responseType: 'arraybuffer' });
    expect(original.headers['content-type']).toBe('image/png');
    expect(original.data.byteLength).toBe(attachment.meta.original.size);
    const preview = new URL(attachment.previewUrl, cluster.apiUrl);
    const sign = preview.searchParams.get('sign')!;
    const userId = preview.searchParams.get('userID')!;
    expect(
      await admin.attachmentOriginal({
        attachmentID: attachment.attachmentID,
        name: 'chart.png',
        sign,
        userID: userId,
        download: true,
      }),
    ).toBeUndefined();
    const ext = preview.pathname.split('.').pop();
    const bytes = await admin
      .api()
      .get(admin.attachmentPreviewEndpoint({ attachmentID: attachment.attachmentID, ext }), {
        params: { sign, userID: userId },
        responseType: 'arraybuffer',
      });
    expect(bytes.headers['content-type']).toMatch(/^image\//);
    await admin.attachmentPreview({ attachmentID: attachment.attachmentID, ext, sign, userID: userId });
  });

  it('messageDelete', async () => {
    await admin.messageDelete({ channelID: channelId, messageID: attachmentMessage.messageID });
    expect(
      ((await member.searchMessages({ channelID: [channelId], type: ['attachment'] })) as unknown as Json[]).length,
    ).toBe(0);
  });

  it('commandsList and messageExecuteCommand', async () => {
    const commands = (await member.commandsList()) as unknown as Json[];
    expect(commands).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'me', description: expect.any(String) })]),
    );
    const result = (await member.messageExecuteCommand({
      channelID: channelId,
      command: 'me',
      input: 'waves',
    })) as Json;
    expectWebAppMessage(result.message);
    expect(result.message).toMatchObject({ message: `_${org.users[0].handle} waves_`, canEdit: true, canReply: true });
  });

  it('statusSet, statusList (the footer keys by userID), statusDelete', async () => {
    expect(await member.statusSet({ icon: ':coffee:', message: 'brb', expires: '30m' })).toMatchObject({
      userID: org.users[0].id,
      icon: ':coffee:',
      message: 'brb',
    });
    const statuses = (await admin.statusList()) as unknown as Json[];
    expect(statuses).toEqual(
      expect.arrayContaining([expect.objectContaining({ userID: org.users[0].id, icon: ':coffee:', message: 'brb' })]),
    );
    await member.statusDelete();
    expect(((await admin.statusList()) as unknown as Json[]).map((status) => status.userID)).not.toContain(
      org.users[0].id,
    );
  });

  it('activitySend', async () => {
    await member.activitySend({ channelID: channelId, kind: 'typing' });
  });

  it('permissionsList, permissionsEffective, permissionsRead, permissionsUpdate, permissionsDelete', async () => {
    expect(((await admin.permissionsList()) as unknown as Json[]).length).toBeGreaterThan(0);
    const effective = (await member.permissionsEffective({
      resource: `messaging:channel:${channelId}`,
    })) as unknown as Json[];
    expect(effective).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resource: expect.any(String),
          operation: expect.any(String),
          access: expect.stringMatching(/^(allow|deny)$/),
        }),
      ]),
    );
    const roleId = '2';
    const patched = (await admin.permissionsUpdate({
      roleID: roleId,
      rules: [{ resource: `messaging:channel:${channelId}`, operation: 'message.send', access: 'deny' }],
    })) as Json;
    expect(patched.rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          roleID: roleId,
          resource: `messaging:channel:${channelId}`,
          operation: 'message.send',
          access: 'deny',
        }),
      ]),
    );
    expect(await member.channelRead({ channelID: channelId })).toMatchObject({
      canSendMessages: false,
      canObserve: true,
    });
    expect(((await admin.permissionsRead({ roleID: roleId })) as Json).rules.length).toBeGreaterThan(0);
    await admin.permissionsDelete({ roleID: roleId });
    expect(await member.channelRead({ channelID: channelId })).toMatchObject({ canSendMessages: true });
  });

  it('channelState archive / unarchive / delete / undelete answer the channel', async () => {
    const archived = (await admin.channelState({ channelID: channelId, state: 'archive' })) as Json;
    expectWebAppChannel(archived);
    expect(archived).toMatchObject({ archivedAt: expect.any(String), canSendMessages: false, canUpdate: false });
    const back = (await admin.channelState({ channelID: channelId, state: 'unarchive' })) as Json;
    expect(back).not.toHaveProperty('archivedAt');
    expect(await admin.channelState({ channelID: channelId, state: 'delete' })).toMatchObject({
      deletedAt: expect.any(String),
    });
    expect(await admin.channelState({ channelID: channelId, state: 'undelete' })).not.toHaveProperty('deletedAt');
  });

  it('errors reach the client as 4xx with the server’s message', async () => {
    expect(await rejection(member.channelRead({ channelID: '123456789012345678' }))).toEqual({
      status: 404,
      message: expect.any(String),
    });
    expect(await rejection(outsider.messageCreate({ channelID: channelId, message: 'not a member' }))).toEqual({
      status: 403,
      message: expect.any(String),
    });
    expect(await rejection(member.channelSetFlag({ channelID: channelId, flag: 'starred' }))).toEqual({
      status: 400,
      message: expect.any(String),
    });
    expect(await rejection(member.searchMessages({ type: ['sticker'] }))).toEqual({
      status: 400,
      message: expect.any(String),
    });
  });

  it('webhooks with the 2020.6.2 client: create, list, get, update, public post and delete, delete', async () => {
    const hooks = new apiClients2020v6.Messaging({ baseURL: cluster.apiUrl, jwt: org.admin.token });
    const bot = org.users[2];
    const created = (await hooks.webhooksCreate({
      channelID: channelId,
      kind: 'incoming',
      userID: bot.id,
      username: 'CI',
    })) as Json;
    expect(created).toMatchObject({
      webhookID: expect.stringMatching(/^\d+$/),
      kind: 'incoming',
      channelID: channelId,
      userID: bot.id,
      token: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(
      ((await hooks.webhooksList({ channelID: channelId })) as unknown as Json[]).map((hook) => hook.webhookID),
    ).toContain(created.webhookID);
    expect(await hooks.webhooksGet({ webhookID: created.webhookID })).toMatchObject({
      webhookID: created.webhookID,
      kind: 'incoming',
    });
    expect(
      await hooks.webhooksUpdate({
        webhookID: created.webhookID,
        channelID: channelId,
        kind: 'incoming',
        userID: bot.id,
        username: 'CI bot',
      }),
    ).toMatchObject({ username: 'CI bot' });
    const anonymous = new apiClients2020v6.Messaging({ baseURL: cluster.apiUrl });
    const posted = (await anonymous.webhooksPublicCreate({
      webhookID: created.webhookID,
      webhookToken: created.token,
      content: 'build green',
    })) as Json;
    expect(posted).toMatchObject({ message: 'build green', userID: bot.id });
    const outgoing = (await hooks.webhooksCreate({
      channelID: channelId,
      kind: 'outgoing',
      userID: bot.id,
      trigger: '!deploy',
      url: 'https://ci.example.com/hook',
    })) as Json;
    expect(outgoing).toMatchObject({ kind: 'outgoing', trigger: '!deploy', url: 'https://ci.example.com/hook' });
    await hooks.webhooksDelete({ webhookID: outgoing.webhookID });
    await anonymous.webhooksPublicDelete({ webhookID: created.webhookID, webhookToken: created.token });
    expect(await rejection(hooks.webhooksGet({ webhookID: created.webhookID }))).toEqual({
      status: 404,
      message: expect.any(String),
    });
  });
});
