import type { AnyDomainEvent, ChannelView, MessageView, UserView } from '@switchboard/contracts';
import { SLACK_APP_EVENT_TYPES } from '@switchboard/contracts';
import { type AppAudience, selectAppEvents } from './app-event-selector';

const BOT = '900';
const channel = (id: string, type: ChannelView['type'] = 'public', name = `c${id}`): ChannelView =>
  ({
    channelId: id,
    zulipId: 1,
    organisationId: '1',
    name,
    topic: '',
    type,
    creatorId: '5',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: null,
    archivedAt: null,
    deletedAt: null,
  }) as ChannelView;
const user = (id: string, kind: UserView['kind'] = 'user'): UserView =>
  ({
    userId: id,
    zulipId: 1,
    organisationId: '1',
    email: `${id}@x.test`,
    handle: `h${id}`,
    name: `N${id}`,
    kind,
    role: 'member',
    createdAt: '2026-01-01T00:00:00.000Z',
    deactivatedAt: null,
  }) as UserView;
const message = (text: string, channelId: string, userId = '5'): MessageView =>
  ({
    messageId: '77',
    zulipId: 1,
    channelId: channelId,
    userId: userId,
    topic: '',
    message: text,
    type: 'text',
    replyTo: null,
    replies: 0,
    ts: '1700000000.000100',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: null,
    deletedAt: null,
    reactions: [],
    pinned: false,
  }) as MessageView;
const event = (type: string, payload: unknown): AnyDomainEvent =>
  ({
    organisationId: '1',
    eventId: '42',
    type,
    occurredAt: '2026-01-01T00:00:00.000Z',
    actorId: '5',
    audience: {},
    payload,
  }) as AnyDomainEvent;

function app(types: string[], memberOf: string[] = ['10']): AppAudience {
  return {
    appId: '3',
    botUserId: BOT,
    botHandle: 'echo',
    eventTypes: new Set(types),
    isMemberOf: (id) => memberOf.includes(id),
  };
}

/** An app subscribed to every event type. */
const ALL = [...SLACK_APP_EVENT_TYPES];
const created = (text: string, ch: ChannelView, author = '5') =>
  event('message.created', {
    message: message(text, ch.channelId, author),
    author: user(author),
    channel: ch,
    parent: null,
  });

describe('selectAppEvents', () => {
  it.each([
    ['a message in a channel of the bot', created('hello', channel('10')), ALL, ['message']],
    ['a message mentioning the bot by handle', created('hi @echo', channel('10')), ALL, ['message', 'app_mention']],
    ['a message mentioning the bot by id', created(`hi <@${BOT}>`, channel('10')), ALL, ['message', 'app_mention']],
    ['a mention without the app_mention subscription', created('hi @echo', channel('10')), ['message'], ['message']],
    ['the bot mentioning itself', created('I am @echo', channel('10'), BOT), ALL, ['message']],
    ['a message in a channel the bot is not in', created('hi @echo', channel('11')), ALL, []],
    [
      'a public channel created',
      event('channel.created', { channel: channel('12'), memberIds: ['5'] }),
      ALL,
      ['channel_created'],
    ],
    [
      'a private channel created',
      event('channel.created', { channel: channel('12', 'private'), memberIds: ['5'] }),
      ALL,
      [],
    ],
    [
      'a public channel renamed',
      event('channel.updated', {
        channel: channel('11', 'public', 'new'),
        previous: channel('11', 'public', 'old'),
        actorId: '5',
      }),
      ALL,
      ['channel_rename'],
    ],
    [
      'a private channel of others renamed',
      event('channel.updated', {
        channel: channel('11', 'private', 'new'),
        previous: channel('11', 'private', 'old'),
        actorId: '5',
      }),
      ALL,
      [],
    ],
    [
      'a topic change (no rename)',
      event('channel.updated', { channel: channel('10'), previous: channel('10'), actorId: '5' }),
      ALL,
      [],
    ],
    [
      'a reaction in its channel',
      event('message.reaction_added', {
        message: message('x', '10'),
        channel: channel('10'),
        userId: '5',
        reaction: 'tada',
      }),
      ALL,
      ['reaction_added'],
    ],
    [
      'a reaction elsewhere',
      event('message.reaction_added', {
        message: message('x', '11'),
        channel: channel('11'),
        userId: '5',
        reaction: 'tada',
      }),
      ALL,
      [],
    ],
    [
      'a reaction removed',
      event('message.reaction_removed', {
        message: message('x', '10'),
        channel: channel('10'),
        userId: '5',
        reaction: 'tada',
      }),
      ALL,
      ['reaction_removed'],
    ],
    [
      'a pin in its channel',
      event('message.pinned', { message: message('x', '10'), channel: channel('10'), userId: '5' }),
      ALL,
      ['pin_added'],
    ],
    [
      'someone joining its channel',
      event('channel.member_joined', { channel: channel('10'), userId: '6', inviterId: null }),
      ALL,
      ['member_joined_channel'],
    ],
    [
      'the bot itself leaving (no longer a member)',
      event('channel.member_left', { channel: channel('11'), userId: BOT, removedById: null }),
      ALL,
      ['member_left_channel'],
    ],
    [
      'someone leaving another channel',
      event('channel.member_left', { channel: channel('11'), userId: '6', removedById: null }),
      ALL,
      [],
    ],
    [
      'an archive of its channel',
      event('channel.archived', { channel: channel('10', 'private'), actorId: '5' }),
      ALL,
      ['channel_archive'],
    ],
    ['a new user', event('user.created', { user: user('8') }), ALL, ['team_join']],
    ['a profile change', event('user.updated', { user: user('8'), previous: user('8') }), ALL, ['user_change']],
    [
      'a profile change, unsubscribed',
      event('user.updated', { user: user('8'), previous: user('8') }),
      ['message'],
      [],
    ],
    [
      'a bookmark (private)',
      event('message.bookmarked', { message: message('x', '10'), channel: channel('10'), userId: '5' }),
      ALL,
      [],
    ],
  ])('%s', (_label, domainEvent, types, expected) => {
    expect(selectAppEvents(domainEvent, app(types)).map((selected) => selected.type)).toEqual(expected);
  });

  it('renders messages with channel_type and Slack-style mentions, and app_mention as its own type', () => {
    const [msg, mention] = selectAppEvents(created(`hi <@${BOT}>`, channel('10', 'group')), app(ALL));
    expect(msg.event).toMatchObject({
      type: 'message',
      channel_type: 'im',
      text: 'hi <@UP0>',
      channel: 'DA',
      user: 'U5',
    });
    expect(mention.event).toMatchObject({ type: 'app_mention', text: 'hi <@UP0>', channel: 'DA' });
    expect(mention.event).not.toHaveProperty('channel_type');
    expect(msg.index).not.toBe(mention.index);
  });
});
