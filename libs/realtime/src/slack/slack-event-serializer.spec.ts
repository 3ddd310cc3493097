import type {
  AnyDomainEvent,
  ChannelType,
  ChannelView,
  DomainEvent,
  DomainEventPayloads,
  DomainEventType,
  UserView,
} from '@switchboard/contracts';
import { type SlackVariant, renderSlackEvent } from './slack-event-serializer';
import { channelView, domainEvent, messageView, userView } from '../view.fixtures';
import { eventTs, slackChannelObject, slackUserObject, unixSeconds } from '@switchboard/contracts';

const ME = '2001'; // U1JL
const ALICE = '2002'; // U1JM
const BOB = '2003'; // U1JN
const BOT = '2004'; // U1JO, B1JO
const TEAM = 'TRT'; // organisation 1001 (view.fixtures); its channel 3001 is C2BD, G2BD or D2BD
const EVENT_TS = '1735689601.000042'; // occurredAt 2025-01-01T00:00:01.000Z, eventId 42
const CREATED = 1735689600; // 2025-01-01T00:00:00Z

const PARENT = messageView({ messageId: '4001', userId: ME, ts: '1735689500.000007', replies: 1 });
const EDITED_AT = '2025-01-01T00:05:00.500Z'; // eventTs with messageId 5001: 1735689900.500001

const event = <T extends DomainEventType>(
  type: T,
  payload: DomainEventPayloads[T],
  actorId: string | null = ALICE,
): DomainEvent<T> => domainEvent(type, payload, { actorId });

const posted = (over: Partial<DomainEventPayloads['message.created']> = {}) =>
  event('message.created', {
    message: messageView(),
    author: userView(ALICE),
    channel: channelView('public'),
    parent: null,
    ...over,
  });
const edited = (over: Partial<DomainEventPayloads['message.updated']> = {}) =>
  event('message.updated', {
    message: messageView({ message: 'Hi', updatedAt: EDITED_AT }),
    previous: messageView(),
    editor: userView(BOB),
    author: userView(ALICE),
    channel: channelView('public'),
    ...over,
  });
const deleted = (type: ChannelType = 'public') =>
  event('message.deleted', {
    message: messageView(),
    author: userView(ALICE),
    channel: channelView(type),
    parent: null,
  });
const created = (type: ChannelType = 'public') =>
  event('channel.created', { channel: channelView(type), memberIds: [ALICE, ME] });
const renamed = (type: ChannelType = 'public') =>
  event('channel.updated', {
    channel: channelView(type, { name: 'random' }),
    previous: channelView(type),
    actorId: ALICE,
  });
const joined = (type: ChannelType, inviterId: string | null) =>
  event('channel.member_joined', { channel: channelView(type), userId: ME, inviterId });
const left = (type: ChannelType, actorId: string | null = ME) =>
  event('channel.member_left', { channel: channelView(type), userId: ME, removedById: null }, actorId);
const signedUp = (over: Partial<UserView> = {}) => event('user.created', { user: userView(ME, over) });
const renamedSelf = (over: Partial<UserView> = {}) =>
  event(
    'user.updated',
    { user: userView(ME, { name: 'Ada L', handle: 'ada', ...over }), previous: userView(ME, over) },
    ME,
  );

const reacted = (type: ChannelType, added = true) =>
  event(
    added ? 'message.reaction_added' : 'message.reaction_removed',
    { message: messageView(), channel: channelView(type), userId: BOB, reaction: 'tada' },
    BOB,
  );
const pinned = () =>
  event('message.pinned', { message: messageView(), channel: channelView('public'), userId: BOB }, BOB);
const unpinned = (hasPins: boolean) =>
  event('message.unpinned', { message: messageView(), channel: channelView('private'), userId: BOB, hasPins }, BOB);
const starred = (added = true) =>
  event(
    added ? 'message.bookmarked' : 'message.unbookmarked',
    { message: messageView(), channel: channelView('group'), userId: ME },
    ME,
  );
const archived = (archive = true) =>
  event(archive ? 'channel.archived' : 'channel.unarchived', { channel: channelView('public'), actorId: BOB }, BOB);
const removed = () => event('channel.deleted', { channel: channelView('private'), actorId: BOB }, BOB);
const restored = () =>
  event('channel.undeleted', { channel: channelView('private'), actorId: BOB, memberIds: [ME] }, BOB);
const ITEM = {
  type: 'message',
  channel: 'C2BD',
  message: { type: 'message', user: 'U1JM', text: 'Hello', ts: '1735689600.100001' },
};
const CREATED_EVENT = 1735689601;

const MESSAGE_BASE = {
  type: 'message',
  channel: 'C2BD',
  user: 'U1JM',
  text: 'Hello',
  ts: '1735689600.100001',
  team: TEAM,
  event_ts: '1735689600.100001',
};

describe('renderSlackEvent', () => {
  it.each<[string, AnyDomainEvent, Record<string, unknown>]>([
    ['a plain message', posted(), MESSAGE_BASE],
    [
      'a message in a private channel',
      posted({ channel: channelView('private') }),
      { ...MESSAGE_BASE, channel: 'G2BD' },
    ],
    ['a message in a group', posted({ channel: channelView('group') }), { ...MESSAGE_BASE, channel: 'D2BD' }],
    [
      'a thread reply',
      posted({ message: messageView({ replyTo: '4001' }), parent: PARENT }),
      { ...MESSAGE_BASE, thread_ts: '1735689500.000007', parent_user_id: 'U1JL' },
    ],
    [
      'a bot message',
      posted({ message: messageView({ userId: BOT }), author: userView(BOT, { kind: 'bot' }) }),
      { ...MESSAGE_BASE, user: 'U1JO', bot_id: 'B1JO' },
    ],
    [
      'an edited message',
      posted({ message: messageView({ updatedAt: EDITED_AT }) }),
      { ...MESSAGE_BASE, edited: { user: 'U1JM', ts: '1735689900.500001' } },
    ],
  ])('message: %s', (_label, domainEvent, expected) => {
    expect(renderSlackEvent(domainEvent, 'message')).toStrictEqual(expected);
  });

  it('message_changed: hidden, with the new message edited by the editor and the previous message', () => {
    expect(renderSlackEvent(edited(), 'message_changed')).toStrictEqual({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C2BD',
      ts: EVENT_TS,
      event_ts: EVENT_TS,
      message: {
        type: 'message',
        user: 'U1JM',
        text: 'Hi',
        ts: '1735689600.100001',
        edited: { user: 'U1JN', ts: EVENT_TS },
      },
      previous_message: { type: 'message', user: 'U1JM', text: 'Hello', ts: '1735689600.100001' },
    });
  });

  it('message_changed: a bot author keeps bot_id on both messages, a second edit keeps the previous edit', () => {
    const bot = userView(BOT, { kind: 'bot' });
    const frame = renderSlackEvent(
      edited({
        author: bot,
        editor: bot,
        message: messageView({ userId: BOT, updatedAt: EDITED_AT }),
        previous: messageView({ userId: BOT, updatedAt: EDITED_AT }),
        channel: channelView('private'),
      }),
      'message_changed',
    );
    expect(frame.channel).toBe('G2BD');
    expect(frame.message).toStrictEqual({
      type: 'message',
      user: 'U1JO',
      text: 'Hello',
      ts: '1735689600.100001',
      bot_id: 'B1JO',
      edited: { user: 'U1JO', ts: EVENT_TS },
    });
    expect(frame.previous_message).toStrictEqual({
      type: 'message',
      user: 'U1JO',
      text: 'Hello',
      ts: '1735689600.100001',
      bot_id: 'B1JO',
      edited: { user: 'U1JO', ts: '1735689900.500001' },
    });
  });

  it.each([
    ['public', 'C2BD'],
    ['private', 'G2BD'],
    ['group', 'D2BD'],
  ] as const)('message_deleted in a %s channel', (type, id) => {
    expect(renderSlackEvent(deleted(type), 'message_deleted')).toStrictEqual({
      type: 'message',
      subtype: 'message_deleted',
      hidden: true,
      channel: id,
      ts: EVENT_TS,
      deleted_ts: '1735689600.100001',
      event_ts: EVENT_TS,
    });
  });

  it('channel_created', () => {
    expect(renderSlackEvent(created(), 'channel_created')).toStrictEqual({
      type: 'channel_created',
      channel: { id: 'C2BD', name: 'general', created: CREATED, creator: 'U1JM' },
      event_ts: EVENT_TS,
    });
  });

  it.each<[string, AnyDomainEvent, ChannelView]>([
    ['a created public channel', created('public'), channelView('public')],
    ['a created private channel', created('private'), channelView('private')],
    ['a joined public channel', joined('public', null), channelView('public')],
    ['a joined group', joined('group', ALICE), channelView('group')],
  ])('channel_joined for %s carries the channel object as a member', (_label, domainEvent, ch) => {
    expect(renderSlackEvent(domainEvent, 'channel_joined')).toStrictEqual({
      type: 'channel_joined',
      channel: slackChannelObject(ch, true),
      event_ts: EVENT_TS,
    });
  });

  it.each<[ChannelType, string, boolean, boolean, boolean]>([
    ['public', 'C2BD', true, false, false],
    ['private', 'G2BD', false, true, false],
    ['group', 'D2BD', false, false, true],
  ])('the %s channel object', (type, id, isChannel, isGroup, isMpim) => {
    expect(renderSlackEvent(created(type), 'channel_joined').channel).toStrictEqual({
      id,
      name: 'general',
      created: CREATED,
      creator: 'U1JM',
      is_channel: isChannel,
      is_group: isGroup,
      is_im: false,
      is_mpim: isMpim,
      is_private: type !== 'public',
      is_archived: false,
      is_member: true,
      context_team_id: TEAM,
      topic: { value: 'Chat', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
    });
  });

  it.each<[string, AnyDomainEvent, Record<string, unknown>]>([
    [
      'public, with actor',
      left('public'),
      { type: 'channel_left', channel: 'C2BD', actor_id: 'U1JL', event_ts: EVENT_TS },
    ],
    [
      'private, removed by someone',
      left('private', ALICE),
      { type: 'channel_left', channel: 'G2BD', actor_id: 'U1JM', event_ts: EVENT_TS },
    ],
    ['group, no actor', left('group', null), { type: 'channel_left', channel: 'D2BD', event_ts: EVENT_TS }],
  ])('channel_left: %s', (_label, domainEvent, expected) => {
    expect(renderSlackEvent(domainEvent, 'channel_left')).toStrictEqual(expected);
  });

  it.each([
    ['public', 'C2BD'],
    ['private', 'G2BD'],
  ] as const)('channel_rename of a %s channel', (type, id) => {
    expect(renderSlackEvent(renamed(type), 'channel_rename')).toStrictEqual({
      type: 'channel_rename',
      channel: { id, name: 'random', created: CREATED },
      event_ts: EVENT_TS,
    });
  });

  it.each<[string, AnyDomainEvent, Record<string, unknown>]>([
    ['public, invited', joined('public', ALICE), { channel: 'C2BD', channel_type: 'C', inviter: 'U1JM' }],
    ['public, joined alone', joined('public', null), { channel: 'C2BD', channel_type: 'C' }],
    ['private, invited', joined('private', ALICE), { channel: 'G2BD', channel_type: 'G', inviter: 'U1JM' }],
    ['group, no inviter', joined('group', null), { channel: 'D2BD', channel_type: 'G' }],
  ])('member_joined_channel: %s', (_label, domainEvent, fields) => {
    expect(renderSlackEvent(domainEvent, 'member_joined_channel')).toStrictEqual({
      type: 'member_joined_channel',
      user: 'U1JL',
      team: TEAM,
      event_ts: EVENT_TS,
      ...fields,
    });
  });

  it.each([
    ['public', 'C2BD', 'C'],
    ['private', 'G2BD', 'G'],
    ['group', 'D2BD', 'G'],
  ] as const)('member_left_channel from a %s channel', (type, id, channelType) => {
    expect(renderSlackEvent(left(type), 'member_left_channel')).toStrictEqual({
      type: 'member_left_channel',
      user: 'U1JL',
      channel: id,
      channel_type: channelType,
      team: TEAM,
      event_ts: EVENT_TS,
    });
  });

  const PROFILE = { real_name: 'User 2001', display_name: 'user2001', email: '2001@example.com' };
  it.each<[string, Partial<UserView>, Record<string, unknown>]>([
    ['a member', {}, { deleted: false, is_admin: false, is_bot: false, profile: PROFILE }],
    ['an admin', { role: 'admin' }, { deleted: false, is_admin: true, is_bot: false, profile: PROFILE }],
    [
      'a deactivated user',
      { deactivatedAt: '2025-02-01T00:00:00.000Z' },
      { deleted: true, is_admin: false, is_bot: false, profile: PROFILE },
    ],
    [
      'a bot',
      { kind: 'bot' },
      { deleted: false, is_admin: false, is_bot: true, profile: { ...PROFILE, bot_id: 'B1JL' } },
    ],
  ])('team_join for %s carries the user object', (_label, over, fields) => {
    const frame = renderSlackEvent(signedUp(over), 'team_join');
    expect(frame).toStrictEqual({
      type: 'team_join',
      user: { id: 'U1JL', team_id: TEAM, name: 'user2001', real_name: 'User 2001', ...fields },
      event_ts: EVENT_TS,
    });
    expect(frame.user).toStrictEqual(slackUserObject(userView(ME, over)));
  });

  it.each<[string, Partial<UserView>, Record<string, unknown>]>([
    [
      'a member',
      {},
      {
        deleted: false,
        is_admin: false,
        is_bot: false,
        profile: { ...PROFILE, real_name: 'Ada L', display_name: 'ada' },
      },
    ],
    [
      'a bot',
      { kind: 'bot' },
      {
        deleted: false,
        is_admin: false,
        is_bot: true,
        profile: { ...PROFILE, real_name: 'Ada L', display_name: 'ada', bot_id: 'B1JL' },
      },
    ],
  ])('user_change for %s carries the new user object, as users.info shows it', (_label, over, fields) => {
    const frame = renderSlackEvent(renamedSelf(over), 'user_change');
    expect(frame).toStrictEqual({
      type: 'user_change',
      user: { id: 'U1JL', team_id: TEAM, name: 'ada', real_name: 'Ada L', ...fields },
      event_ts: EVENT_TS,
    });
    expect(frame.user).toStrictEqual(slackUserObject(userView(ME, { name: 'Ada L', handle: 'ada', ...over })));
  });

  it.each<[string, AnyDomainEvent, SlackVariant, Record<string, unknown>]>([
    [
      'reaction_added in a public channel',
      reacted('public'),
      'reaction_added',
      {
        type: 'reaction_added',
        user: 'U1JN',
        reaction: 'tada',
        item_user: 'U1JM',
        item: { type: 'message', channel: 'C2BD', ts: '1735689600.100001' },
        event_ts: EVENT_TS,
      },
    ],
    [
      'reaction_removed in a group',
      reacted('group', false),
      'reaction_removed',
      {
        type: 'reaction_removed',
        user: 'U1JN',
        reaction: 'tada',
        item_user: 'U1JM',
        item: { type: 'message', channel: 'D2BD', ts: '1735689600.100001' },
        event_ts: EVENT_TS,
      },
    ],
    [
      'pin_added',
      pinned(),
      'pin_added',
      {
        type: 'pin_added',
        user: 'U1JN',
        channel_id: 'C2BD',
        item: { ...ITEM, created: CREATED_EVENT, created_by: 'U1JN' },
        event_ts: EVENT_TS,
      },
    ],
    [
      'pin_removed, pins left',
      unpinned(true),
      'pin_removed',
      {
        type: 'pin_removed',
        user: 'U1JN',
        channel_id: 'G2BD',
        item: { ...ITEM, channel: 'G2BD' },
        has_pins: true,
        event_ts: EVENT_TS,
      },
    ],
    [
      'pin_removed, the last pin',
      unpinned(false),
      'pin_removed',
      {
        type: 'pin_removed',
        user: 'U1JN',
        channel_id: 'G2BD',
        item: { ...ITEM, channel: 'G2BD' },
        has_pins: false,
        event_ts: EVENT_TS,
      },
    ],
    [
      'star_added',
      starred(),
      'star_added',
      {
        type: 'star_added',
        user: 'U1JL',
        item: { ...ITEM, channel: 'D2BD', date_create: CREATED_EVENT },
        event_ts: EVENT_TS,
      },
    ],
    [
      'star_removed',
      starred(false),
      'star_removed',
      {
        type: 'star_removed',
        user: 'U1JL',
        item: { ...ITEM, channel: 'D2BD', date_create: CREATED_EVENT },
        event_ts: EVENT_TS,
      },
    ],
    ['channel_archive', archived(), 'channel_archive', { type: 'channel_archive', channel: 'C2BD', user: 'U1JN' }],
    [
      'channel_unarchive',
      archived(false),
      'channel_unarchive',
      { type: 'channel_unarchive', channel: 'C2BD', user: 'U1JN' },
    ],
    ['channel_deleted', removed(), 'channel_deleted', { type: 'channel_deleted', channel: 'G2BD' }],
    [
      'channel_joined after an undelete',
      restored(),
      'channel_joined',
      { type: 'channel_joined', channel: slackChannelObject(channelView('private'), true), event_ts: EVENT_TS },
    ],
  ])('%s', (_label, domainEvent, variant, expected) => {
    expect(renderSlackEvent(domainEvent, variant)).toStrictEqual(expected);
  });

  describe('variants that do not fit the event', () => {
    const EVENTS: AnyDomainEvent[] = [
      ...[
        posted(),
        edited(),
        deleted(),
        created(),
        renamed(),
        joined('public', ALICE),
        left('public'),
        signedUp(),
        renamedSelf(),
      ],
      ...[
        reacted('public'),
        reacted('public', false),
        pinned(),
        unpinned(true),
        starred(),
        starred(false),
        archived(),
        archived(false),
        removed(),
        restored(),
      ],
    ];
    const FITS: Record<SlackVariant, DomainEventType[]> = {
      message: ['message.created'],
      message_changed: ['message.updated'],
      message_deleted: ['message.deleted'],
      channel_created: ['channel.created'],
      im_created: ['channel.created'],
      channel_joined: ['channel.created', 'channel.member_joined', 'channel.undeleted'],
      channel_left: ['channel.member_left'],
      channel_rename: ['channel.updated'],
      member_joined_channel: ['channel.member_joined'],
      member_left_channel: ['channel.member_left'],
      team_join: ['user.created'],
      user_change: ['user.updated'],
      reaction_added: ['message.reaction_added'],
      reaction_removed: ['message.reaction_removed'],
      pin_added: ['message.pinned'],
      pin_removed: ['message.unpinned'],
      star_added: ['message.bookmarked'],
      star_removed: ['message.unbookmarked'],
      channel_archive: ['channel.archived'],
      channel_unarchive: ['channel.unarchived'],
      channel_deleted: ['channel.deleted'],
    };
    const variants = Object.keys(FITS) as SlackVariant[];
    const pairs = (pick: (variant: SlackVariant) => boolean) =>
      variants
        .filter(pick)
        .flatMap((variant) =>
          EVENTS.filter((e) => !FITS[variant].includes(e.type)).map((e) => [variant, e.type, e] as const),
        );

    it.each(
      variants.flatMap((variant) =>
        EVENTS.filter((e) => FITS[variant].includes(e.type)).map((e) => [variant, e.type, e] as const),
      ),
    )('renders %s for %s', (variant, _type, domainEvent) => {
      expect(() => renderSlackEvent(domainEvent, variant)).not.toThrow();
    });

    it.each(pairs((variant) => variant !== 'channel_joined' && variant !== 'channel_left'))(
      'refuses %s for %s',
      (variant, type, domainEvent) => {
        expect(() => renderSlackEvent(domainEvent, variant)).toThrow(`cannot render ${type} as ${variant}`);
      },
    );

    // channel_joined/channel_left render only membership events, never any event that has a channel.
    it.each(pairs((variant) => variant === 'channel_joined' || variant === 'channel_left'))(
      'refuses %s for %s',
      (variant, type, domainEvent) => {
        expect(() => renderSlackEvent(domainEvent, variant)).toThrow(`cannot render ${type} as ${variant}`);
      },
    );
  });
});

describe('slack shapes', () => {
  it.each([
    ['2025-01-01T00:00:01.000Z', '42', '1735689601.000042'],
    ['2025-01-01T00:00:01.999Z', '1999', '1735689601.999999'],
    ['2025-01-01T00:00:00.000Z', '1000', '1735689600.000000'],
    ['2025-01-01T00:00:00.005Z', '9223372036854775807', '1735689600.005807'],
  ])('eventTs(%s, %s) is %s', (occurredAt, eventId, ts) => {
    expect(eventTs(occurredAt, eventId)).toBe(ts);
  });

  it.each([
    ['2025-01-01T00:00:00.999Z', CREATED],
    [null, 0],
  ])('unixSeconds(%p) is %p', (iso, seconds) => {
    expect(unixSeconds(iso)).toBe(seconds);
  });

  it('marks archived channels and non-members', () => {
    const object = slackChannelObject(channelView('public', { archivedAt: '2025-03-01T00:00:00.000Z' }), false);
    expect(object.is_archived).toBe(true);
    expect(object.is_member).toBe(false);
  });
});
