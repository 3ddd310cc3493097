import type { AnyDomainEvent, ChannelType, ChannelView, MessageView } from '@switchboard/contracts';
import { parseNarrow } from '@switchboard/narrow';
import type { FollowSet, QueueSpec } from './queue-spec';
import { ZULIP_ME, ZULIP_ORG, followSet, queueSpec, zulipUser } from './zulip.fixtures';
import { channelView, domainEvent, messageView } from '../view.fixtures';
import { participantsNeeded, translateEvent, usersNeeded } from './zulip-event-translator';

const ORG = ZULIP_ORG;
const ME = ZULIP_ME;
const me = zulipUser(ME, 11, 'Ada');
const bob = zulipUser('2', 12, 'Bob');
const channel = (channelId: string, type: ChannelType, name = `c${channelId}`): ChannelView =>
  channelView(type, {
    channelId,
    zulipId: Number(channelId) + 1000,
    organisationId: ORG,
    name,
    topic: '',
    creatorId: '2',
  });
const general = channel('50', 'public', 'General');
const secret = channel('51', 'private', 'Secret');
const lobby = channel('52', 'public', 'Lobby');
const dm = channel('53', 'group', '');
const message = (channelId: string, text: string, over: Partial<MessageView> = {}): MessageView =>
  messageView({
    messageId: '900',
    zulipId: 77,
    channelId,
    userId: '2',
    topic: 'plans',
    message: text,
    ts: '1.1',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  });
const event = (type: AnyDomainEvent['type'], payload: unknown, organisationId = ORG): AnyDomainEvent =>
  domainEvent(type, payload as never, { organisationId, actorId: '2', audience: {} }) as AnyDomainEvent;
const created = (ch: ChannelView, text = 'hello', over: Partial<MessageView> = {}, author = bob) =>
  event('message.created', { message: message(ch.channelId, text, over), author, channel: ch, parent: null });

const follow = (member: string[] = ['50', '51', '53'], publics: string[] = []) => followSet(member, publics);
const narrow = (value: unknown) => parseNarrow(value);
const types = (out: { type: string }[]) => out.map((item) => item.type);

describe('translateEvent: message delivery', () => {
  it.each<[string, AnyDomainEvent, Partial<QueueSpec>, FollowSet, string[]]>([
    ['member channel message', created(general), {}, follow(), ['message']],
    ['private channel member', created(secret), {}, follow(), ['message']],
    ['not a member of a public channel', created(lobby), {}, follow(), []],
    [
      'all_public_streams adds public channels',
      created(lobby),
      { allPublicStreams: true },
      follow(['50'], ['50', '52']),
      ['message'],
    ],
    [
      'all_public_streams never adds private ones',
      created(secret),
      { allPublicStreams: true },
      follow(['50'], ['50', '52']),
      [],
    ],
    [
      'another organisation',
      event('message.created', { message: message('50', 'x'), author: bob, channel: general, parent: null }, '999'),
      {},
      follow(),
      [],
    ],
    ['event_types without message', created(general), { eventTypes: ['subscription'] }, follow(), []],
    ['event_types with message', created(general), { eventTypes: ['message'] }, follow(), ['message']],
    [
      'narrow channel by name, any case',
      created(general),
      { narrow: narrow([['stream', 'general']]) },
      follow(),
      ['message'],
    ],
    [
      'narrow channel by compact id',
      created(general),
      { narrow: narrow([['channel', '1050']]) },
      follow(),
      ['message'],
    ],
    ['narrow other channel', created(general), { narrow: narrow([['channel', 'Secret']]) }, follow(), []],
    [
      'negated channel',
      created(general),
      { narrow: narrow([{ operator: 'channel', operand: 'General', negated: true }]) },
      follow(),
      [],
    ],
    ['narrow topic', created(general), { narrow: narrow([['topic', 'PLANS']]) }, follow(), ['message']],
    ['narrow other topic', created(general), { narrow: narrow([['topic', 'lunch']]) }, follow(), []],
    [
      'narrow sender by email',
      created(general),
      { narrow: narrow([['sender', 'u2@example.com']]) },
      follow(),
      ['message'],
    ],
    ['narrow sender by compact id', created(general), { narrow: narrow([['sender', '12']]) }, follow(), ['message']],
    ['narrow is:dm on a channel', created(general), { narrow: narrow([['is', 'private']]) }, follow(), []],
    ['narrow is:dm on a dm', created(dm), { narrow: narrow([['is', 'dm']]) }, follow(), ['message']],
    [
      'narrow search word',
      created(general, 'deploy the release now'),
      { narrow: narrow([['search', 'release']]) },
      follow(),
      ['message'],
    ],
    [
      'narrow search missing word',
      created(general, 'deploy now'),
      { narrow: narrow([['search', 'release']]) },
      follow(),
      [],
    ],
    [
      'narrow has:link',
      created(general, 'see https://example.com'),
      { narrow: narrow([['has', 'link']]) },
      follow(),
      ['message'],
    ],
    [
      'narrow is:mentioned',
      created(general, 'hi @**Ada**'),
      { narrow: narrow([['is', 'mentioned']]) },
      follow(),
      ['message'],
    ],
    [
      'narrow is:mentioned, not mentioned',
      created(general, 'hi'),
      { narrow: narrow([['is', 'mentioned']]) },
      follow(),
      [],
    ],
    [
      'narrow is:starred: nobody starred a new message',
      created(general),
      { narrow: narrow([['is', 'starred']]) },
      follow(),
      [],
    ],
    ['narrow is:unread for others', created(general), { narrow: narrow([['is', 'unread']]) }, follow(), ['message']],
    [
      'narrow is:unread for own message',
      created(general, 'mine', { userId: ME }, me),
      { narrow: narrow([['is', 'unread']]) },
      follow(),
      [],
    ],
    [
      'narrow has:attachment on an upload',
      created(general, 'file.pdf', { type: 'attachment' }),
      { narrow: narrow([['has', 'attachment']]) },
      follow(),
      ['message'],
    ],
    [
      'narrow has:attachment on text',
      created(general, 'no file'),
      { narrow: narrow([['has', 'attachment']]) },
      follow(),
      [],
    ],
    [
      'ANDed terms',
      created(general),
      {
        narrow: narrow([
          ['channel', 'general'],
          ['topic', 'other'],
        ]),
      },
      follow(),
      [],
    ],
    [
      'narrow never opens unreadable channels',
      created(lobby),
      { narrow: narrow([['channel', 'Lobby']]) },
      follow(),
      [],
    ],
  ])('%s', (_label, input, over, following, expected) => {
    expect(
      types(
        translateEvent(
          input,
          queueSpec(over),
          following,
          input.payload && 'channel' in input.payload && input.payload.channel.type === 'group' ? [me, bob] : [],
        ),
      ),
    ).toEqual(expected);
  });

  it('renders the Zulip message shape for a channel message', () => {
    const [out] = translateEvent(created(general, 'hi @**Ada**'), queueSpec(), follow());
    expect(out).toMatchObject({
      type: 'message',
      id: 42,
      flags: ['mentioned'],
      message: {
        id: 77,
        sender_id: 12,
        sender_email: 'u2@example.com',
        sender_full_name: 'Bob',
        content: 'hi @**Ada**',
        type: 'stream',
        stream_id: 1050,
        display_recipient: 'General',
        subject: 'plans',
        timestamp: 1735689600,
      },
    });
  });

  it('renders direct messages with their participants', () => {
    const [out] = translateEvent(created(dm, 'psst', { topic: '' }), queueSpec(), follow(), [bob, me]);
    expect(out.message).toMatchObject({
      type: 'private',
      subject: '',
      display_recipient: [
        { id: 11, email: 'u1@example.com', full_name: 'Ada' },
        { id: 12, email: 'u2@example.com', full_name: 'Bob' },
      ],
    });
    expect(out.message).not.toHaveProperty('stream_id', expect.anything());
  });

  it('renders minimal HTML with apply_markdown', () => {
    const [out] = translateEvent(created(general, 'a <b>\n\nc'), queueSpec({ applyMarkdown: true }), follow());
    expect(out.message).toMatchObject({ content: '<p>a &lt;b&gt;</p>\n<p>c</p>', content_type: 'text/html' });
  });

  it.each<[string, AnyDomainEvent, string | null]>([
    ['a dm message needs participants', created(dm), '53'],
    ['a channel message does not', created(general), null],
    ['an unfollowed dm does not', created(channel('60', 'group')), null],
    ['other events do not', event('user.created', { user: bob }), null],
  ])('participantsNeeded: %s', (_label, input, expected) => {
    expect(participantsNeeded(input, follow())).toBe(expected);
  });
});

describe('translateEvent: edits, deletions, channels, members, users', () => {
  const updated = (ch: ChannelView, previous: Partial<MessageView>, next: Partial<MessageView>) =>
    event('message.updated', {
      message: message(ch.channelId, 'new', { updatedAt: '2025-01-01T00:00:05.000Z', ...next }),
      previous: message(ch.channelId, 'old', previous),
      editor: bob,
      author: bob,
      channel: ch,
    });

  it.each<[string, AnyDomainEvent, FollowSet, Record<string, unknown>[] | []]>([
    [
      'content edit',
      updated(general, { message: 'old' }, { message: 'new' }),
      follow(),
      [{ type: 'update_message', message_id: 77, content: 'new', orig_content: 'old', stream_id: 1050, user_id: 12 }],
    ],
    [
      'topic edit',
      updated(general, { message: 'new', topic: 'a' }, { message: 'new', topic: 'b' }),
      follow(),
      [{ type: 'update_message', subject: 'b', orig_subject: 'a' }],
    ],
    ['edit in an unfollowed channel', updated(lobby, {}, {}), follow(), []],
    [
      'deletion',
      event('message.deleted', { message: message('50', ''), author: bob, channel: general, parent: null }),
      follow(),
      [{ type: 'delete_message', message_id: 77, message_type: 'stream', stream_id: 1050, topic: 'plans' }],
    ],
    [
      'dm deletion',
      event('message.deleted', { message: message('53', ''), author: bob, channel: dm, parent: null }),
      follow(),
      [{ type: 'delete_message', message_type: 'private' }],
    ],
    [
      'public channel created by someone else',
      event('channel.created', { channel: lobby, memberIds: ['2'] }),
      follow(),
      [{ type: 'stream', op: 'create', streams: [{ stream_id: 1052, name: 'Lobby', invite_only: false }] }],
    ],
    [
      'private channel created with me',
      event('channel.created', { channel: secret, memberIds: ['2', ME] }),
      follow([]),
      [
        { type: 'stream', op: 'create' },
        { type: 'subscription', op: 'add', subscriptions: [{ name: 'Secret' }] },
      ],
    ],
    [
      'private channel created without me',
      event('channel.created', { channel: secret, memberIds: ['2'] }),
      follow([]),
      [],
    ],
    ['group created', event('channel.created', { channel: dm, memberIds: ['2', ME] }), follow([]), []],
    [
      'rename',
      event('channel.updated', { channel: { ...general, name: 'Main' }, previous: general, actorId: '2' }),
      follow(),
      [{ type: 'stream', op: 'update', stream_id: 1050, property: 'name', value: 'Main', name: 'General' }],
    ],
    [
      'made private',
      event('channel.updated', { channel: { ...general, type: 'private' }, previous: general, actorId: '2' }),
      follow(),
      [{ property: 'invite_only', value: true }],
    ],
    [
      'private rename, not a member',
      event('channel.updated', { channel: { ...secret, name: 'x' }, previous: secret, actorId: '2' }),
      follow([]),
      [],
    ],
    [
      'I joined',
      event('channel.member_joined', { channel: lobby, userId: ME, inviterId: null }),
      follow(),
      [{ type: 'subscription', op: 'add', subscriptions: [{ stream_id: 1052 }] }],
    ],
    [
      'someone else joined',
      event('channel.member_joined', { channel: general, userId: '2', inviterId: null }),
      follow(),
      [],
    ],
    [
      'I left',
      event('channel.member_left', { channel: general, userId: ME, removedById: null }),
      follow(),
      [{ type: 'subscription', op: 'remove', subscriptions: [{ name: 'General', stream_id: 1050 }] }],
    ],
    [
      'user created',
      event('user.created', { user: bob }),
      follow(),
      [{ type: 'realm_user', op: 'add', person: { user_id: 12, email: 'u2@example.com', full_name: 'Bob' } }],
    ],
    [
      'user renamed',
      event('user.updated', { user: { ...bob, name: 'Robert' }, previous: bob }),
      follow(),
      [{ type: 'realm_user', op: 'update', person: { user_id: 12, full_name: 'Robert' } }],
    ],
    [
      'user renamed, handle too',
      event('user.updated', { user: { ...bob, name: 'Robert', handle: 'rob' }, previous: bob }),
      follow(),
      [{ type: 'realm_user', op: 'update', person: { user_id: 12, full_name: 'Robert' } }],
    ],
    [
      'handle changed only (Zulip shows none)',
      event('user.updated', { user: { ...bob, handle: 'rob' }, previous: bob }),
      follow(),
      [],
    ],
    [
      'I renamed myself',
      event('user.updated', { user: { ...me, name: 'Ada L' }, previous: me }),
      follow([]),
      [{ type: 'realm_user', op: 'update', person: { user_id: 11, full_name: 'Ada L' } }],
    ],
  ])('%s', (_label, input, following, expected) => {
    const out = translateEvent(input, queueSpec(), following);
    expect(out).toHaveLength(expected.length);
    expected.forEach((shape, index) => expect(out[index]).toMatchObject({ id: 42, ...shape }));
  });

  it('the queue owner renaming themself moves the viewer along the stream: later mentions match the new handle and name', () => {
    const following = follow();
    const mentioned = (text: string) =>
      (translateEvent(created(general, text), queueSpec(), following)[0].flags as string[]).includes('mentioned');
    expect(mentioned('hi @u1')).toBe(true);
    expect(
      translateEvent(
        event('user.updated', { user: { ...me, name: 'Ada L', handle: 'ada' }, previous: me }),
        queueSpec({ eventTypes: ['message'] }),
        following,
      ),
    ).toStrictEqual([]);
    expect(following.viewer).toMatchObject({ handle: 'ada', name: 'Ada L' });
    expect([mentioned('hi @ada'), mentioned('hi @**Ada L**'), mentioned('hi @u1')]).toEqual([true, true, false]);
    translateEvent(event('user.updated', { user: { ...bob, handle: 'rob' }, previous: bob }), queueSpec(), following);
    expect(following.viewer).toMatchObject({ handle: 'ada' });
  });

  it('a rename sends only the changed field, to queues that want realm_user', () => {
    const renamed = event('user.updated', { user: { ...bob, name: 'Robert' }, previous: bob });
    expect(translateEvent(renamed, queueSpec(), follow())).toStrictEqual([
      { type: 'realm_user', op: 'update', id: 42, person: { user_id: 12, full_name: 'Robert' } },
    ]);
    expect(translateEvent(renamed, queueSpec({ eventTypes: ['realm_user'] }), follow())).toHaveLength(1);
    expect(translateEvent(renamed, queueSpec({ eventTypes: ['message'] }), follow())).toStrictEqual([]);
    expect(translateEvent({ ...renamed, organisationId: '999' }, queueSpec(), follow())).toStrictEqual([]);
  });

  const directory = new Map([me, bob].map((known) => [known.userId, known]));

  it.each<[string, AnyDomainEvent, FollowSet, Record<string, unknown>[]]>([
    [
      'peer joined a followed channel',
      event('channel.member_joined', { channel: general, userId: '2', inviterId: null }),
      follow(),
      [{ type: 'subscription', op: 'peer_add', stream_ids: [1050], user_ids: [12] }],
    ],
    [
      'peer left a followed channel',
      event('channel.member_left', { channel: general, userId: '2', removedById: null }),
      follow(),
      [{ type: 'subscription', op: 'peer_remove', stream_ids: [1050], user_ids: [12] }],
    ],
    [
      'peer joined a channel I am not in',
      event('channel.member_joined', { channel: lobby, userId: '2', inviterId: null }),
      follow(),
      [],
    ],
    [
      'peer joined a group',
      event('channel.member_joined', { channel: dm, userId: '2', inviterId: null }),
      follow(),
      [],
    ],
    [
      'created with me: subscribers as compact ids',
      event('channel.created', { channel: secret, memberIds: ['2', ME] }),
      follow([]),
      [{ type: 'stream' }, { type: 'subscription', op: 'add', subscriptions: [{ subscribers: [12, 11] }] }],
    ],
  ])('with the user directory: %s', (_label, input, following, expected) => {
    const out = translateEvent(input, queueSpec(), following, [], directory);
    expect(out).toHaveLength(expected.length);
    expected.forEach((shape, index) => expect(out[index]).toMatchObject(shape));
  });

  it.each<[string, AnyDomainEvent, FollowSet, string[]]>([
    [
      'peer join in a followed channel',
      event('channel.member_joined', { channel: general, userId: '2', inviterId: null }),
      follow(),
      ['2'],
    ],
    ['own join', event('channel.member_joined', { channel: general, userId: ME, inviterId: null }), follow(), []],
    [
      'peer join elsewhere',
      event('channel.member_joined', { channel: lobby, userId: '2', inviterId: null }),
      follow(),
      [],
    ],
    ['created with me', event('channel.created', { channel: secret, memberIds: ['2', ME] }), follow([]), ['2', ME]],
    ['created without me', event('channel.created', { channel: secret, memberIds: ['2'] }), follow([]), []],
    ['a message', created(general), follow(), []],
  ])('usersNeeded: %s', (_label, input, following, expected) => {
    expect(usersNeeded(input, queueSpec(), following)).toEqual(expected);
  });

  it('membership changes move the follow set, so later messages follow them', () => {
    const following = follow(['50']);
    expect(translateEvent(created(lobby), queueSpec(), following)).toEqual([]);
    translateEvent(
      event('channel.member_joined', { channel: lobby, userId: ME, inviterId: '2' }),
      queueSpec(),
      following,
    );
    expect(types(translateEvent(created(lobby), queueSpec(), following))).toEqual(['message']);
    translateEvent(
      event('channel.member_left', { channel: lobby, userId: ME, removedById: '2' }),
      queueSpec(),
      following,
    );
    expect(translateEvent(created(lobby), queueSpec(), following)).toEqual([]);
    translateEvent(event('channel.created', { channel: secret, memberIds: [ME] }), queueSpec(), following);
    expect(types(translateEvent(created(secret), queueSpec(), following))).toEqual(['message']);
  });

  it('all_public_streams follows public channels as they appear and stop being public', () => {
    const following = follow([], []);
    const all = queueSpec({ allPublicStreams: true });
    translateEvent(event('channel.created', { channel: lobby, memberIds: ['2'] }), all, following);
    expect(types(translateEvent(created(lobby), all, following))).toEqual(['message']);
    translateEvent(
      event('channel.updated', { channel: { ...lobby, type: 'private' }, previous: lobby, actorId: '2' }),
      all,
      following,
    );
    expect(translateEvent(created({ ...lobby, type: 'private' }), all, following)).toEqual([]);
  });
});

describe('translateEvent: reactions, flags, channel state, status', () => {
  const directory = new Map([me, bob].map((known) => [known.userId, known]));
  const reaction = (ch: ChannelView, added = true, userId = '2', name = 'tada') =>
    event(added ? 'message.reaction_added' : 'message.reaction_removed', {
      message: message(ch.channelId, 'x'),
      channel: ch,
      userId,
      reaction: name,
    });
  const read = (
    userId: string,
    flipped: { read: boolean; zulipIds: number[]; truncated: boolean },
    ch: ChannelView = general,
  ) =>
    event('channel.read', {
      channel: ch,
      userId,
      threadId: null,
      unread: { count: 0, mentions: 0, lastReadMessageId: null },
      flipped,
    });
  const status = (icon: string, text: string) =>
    event('status.set', {
      status: {
        userId: '2',
        icon,
        message: text,
        expiresAt: null,
        whenActive: false,
        setAt: '2025-01-01T00:00:00.000Z',
      },
    });

  it.each<[string, AnyDomainEvent, FollowSet, Record<string, unknown>[]]>([
    [
      'reaction added in a followed channel',
      reaction(general),
      follow(),
      [
        {
          type: 'reaction',
          op: 'add',
          message_id: 77,
          user_id: 12,
          user: { user_id: 12, email: 'u2@example.com', full_name: 'Bob' },
          emoji_name: 'tada',
          emoji_code: '1f389',
          reaction_type: 'unicode_emoji',
        },
      ],
    ],
    [
      'reaction removed',
      reaction(general, false, '2', 'thumbsup'),
      follow(),
      [{ type: 'reaction', op: 'remove', emoji_name: 'thumbsup', emoji_code: '1f44d' }],
    ],
    [
      'a custom reaction name',
      reaction(dm, true, ME, 'shipit'),
      follow(),
      [
        {
          type: 'reaction',
          op: 'add',
          user_id: 11,
          emoji_name: 'shipit',
          emoji_code: 'shipit',
          reaction_type: 'realm_emoji',
        },
      ],
    ],
    ['reaction in an unfollowed channel', reaction(lobby), follow(), []],
    [
      'my bookmark: starred',
      event('message.bookmarked', { message: message('50', 'x'), channel: general, userId: ME }),
      follow(),
      [{ type: 'update_message_flags', op: 'add', operation: 'add', flag: 'starred', messages: [77], all: false }],
    ],
    [
      'my bookmark removed',
      event('message.unbookmarked', { message: message('50', 'x'), channel: general, userId: ME }),
      follow(),
      [{ type: 'update_message_flags', op: 'remove', flag: 'starred', messages: [77] }],
    ],
    [
      "someone else's bookmark",
      event('message.bookmarked', { message: message('50', 'x'), channel: general, userId: '2' }),
      follow(),
      [],
    ],
    [
      'I read messages',
      read(ME, { read: true, zulipIds: [70, 71], truncated: false }),
      follow(),
      [{ type: 'update_message_flags', op: 'add', flag: 'read', messages: [70, 71], all: false }],
    ],
    [
      'I marked messages unread',
      read(ME, { read: false, zulipIds: [71], truncated: false }),
      follow(),
      [
        {
          type: 'update_message_flags',
          op: 'remove',
          flag: 'read',
          messages: [71],
          message_details: { 71: { type: 'stream', stream_id: 1050 } },
        },
      ],
    ],
    [
      'I marked dm messages unread',
      read(ME, { read: false, zulipIds: [5], truncated: false }, dm),
      follow(),
      [{ op: 'remove', message_details: { 5: { type: 'private', user_ids: [12] } } }],
    ],
    ['a read that flipped nothing', read(ME, { read: true, zulipIds: [], truncated: false }), follow(), []],
    ["someone else's read", read('2', { read: true, zulipIds: [70], truncated: false }), follow(), []],
    [
      'a channel I am in is archived',
      event('channel.archived', { channel: general, actorId: '2' }),
      follow(),
      [
        { type: 'stream', op: 'delete', stream_ids: [1050], streams: [{ stream_id: 1050 }] },
        { type: 'subscription', op: 'remove', subscriptions: [{ stream_id: 1050 }] },
      ],
    ],
    [
      'a public channel I am not in is archived',
      event('channel.archived', { channel: lobby, actorId: '2' }),
      follow(),
      [{ type: 'stream', op: 'delete' }],
    ],
    [
      'a private channel I am not in is deleted',
      event('channel.deleted', { channel: { ...secret, channelId: '70' }, actorId: '2' }),
      follow(),
      [],
    ],
    [
      'unarchived',
      event('channel.unarchived', { channel: general, actorId: '2' }),
      follow(),
      [
        { type: 'stream', op: 'create' },
        { type: 'subscription', op: 'add' },
      ],
    ],
    [
      'undeleted with me',
      event('channel.undeleted', { channel: secret, actorId: '2', memberIds: [ME] }),
      follow([]),
      [
        { type: 'stream', op: 'create' },
        { type: 'subscription', op: 'add' },
      ],
    ],
    [
      'pinned by me',
      event('channel.flag_set', { channel: general, userId: ME, flag: 'pinned' }),
      follow(),
      [
        { type: 'subscription', op: 'update', stream_id: 1050, property: 'pin_to_top', value: true },
        { property: 'is_muted', value: false },
      ],
    ],
    [
      'muted by me',
      event('channel.flag_set', { channel: general, userId: ME, flag: 'ignored' }),
      follow(),
      [
        { property: 'pin_to_top', value: false },
        { property: 'is_muted', value: true },
      ],
    ],
    ['a group flagged', event('channel.flag_set', { channel: dm, userId: ME, flag: 'pinned' }), follow(), []],
    [
      'status set',
      status('🌴', 'on holiday'),
      follow(),
      [
        {
          type: 'user_status',
          user_id: 12,
          status_text: 'on holiday',
          emoji_name: 'palm_tree',
          emoji_code: '1f334',
          reaction_type: 'unicode_emoji',
        },
      ],
    ],
    [
      'status cleared',
      event('status.cleared', { userId: '2', reason: 'expired' }),
      follow(),
      [{ type: 'user_status', user_id: 12, status_text: '', emoji_name: '', emoji_code: '', reaction_type: '' }],
    ],
    [
      'pins have no Zulip event',
      event('message.pinned', { message: message('50', 'x'), channel: general, userId: '2' }),
      follow(),
      [],
    ],
  ])('%s', (_label, input, following, expected) => {
    const out = translateEvent(input, queueSpec(), following, [me, bob], directory);
    expect(out).toHaveLength(expected.length);
    expected.forEach((shape, index) => expect(out[index]).toMatchObject({ id: 42, ...shape }));
  });

  it('a deleted channel stops being followed, an undeleted one is followed again', () => {
    const following = follow(['50']);
    translateEvent(event('channel.deleted', { channel: general, actorId: '2' }), queueSpec(), following);
    expect(translateEvent(created(general), queueSpec(), following)).toEqual([]);
    translateEvent(
      event('channel.undeleted', { channel: general, actorId: '2', memberIds: [ME] }),
      queueSpec(),
      following,
    );
    expect(types(translateEvent(created(general), queueSpec(), following))).toEqual(['message']);
  });

  it.each<[string, AnyDomainEvent, string[]]>([
    ['a reaction needs its user', reaction(general), ['2']],
    ['an unfollowed reaction needs nobody', reaction(lobby), []],
    ['a status needs its user', status('x', 'y'), ['2']],
  ])('usersNeeded: %s', (_label, input, expected) => {
    expect(usersNeeded(input, queueSpec(), follow())).toEqual(expected);
  });

  it('event_types filters the new types too', () => {
    expect(translateEvent(reaction(general), queueSpec({ eventTypes: ['message'] }), follow(), [], directory)).toEqual(
      [],
    );
    expect(
      types(translateEvent(reaction(general), queueSpec({ eventTypes: ['reaction'] }), follow(), [], directory)),
    ).toEqual(['reaction']);
  });
});

describe('translateEvent: flags of new messages', () => {
  it.each<[string, AnyDomainEvent, FollowSet, string[]]>([
    ['mentioned by @**Name**', created(general, 'hi @**Ada**'), follow(), ['mentioned']],
    [
      'mentioned by @handle, as the Messaging API records it',
      created(general, 'ping @u1 please'),
      follow(),
      ['mentioned'],
    ],
    ['mentioned by <@id>', created(general, 'ping <@1>'), follow(), ['mentioned']],
    ['an e-mail address is no mention', created(general, 'mail u1@example.com'), follow(), []],
    ['own message is read', created(general, 'mine', { userId: ME }, me), follow(), ['read']],
    [
      'a public channel followed only by all_public_streams is historical',
      created(lobby),
      follow(['50'], ['52']),
      ['read', 'historical'],
    ],
  ])('%s', (_label, input, following, expected) => {
    const [out] = translateEvent(input, queueSpec({ allPublicStreams: true }), following);
    expect(out.flags).toEqual(expected);
  });
});
