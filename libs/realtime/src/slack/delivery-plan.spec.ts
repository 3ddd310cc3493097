import type {
  AnyDomainEvent,
  ChannelType,
  ChannelView,
  DomainEventPayloads,
  DomainEventType,
  WebhookView,
} from '@switchboard/contracts';
import { type DeliveryPlan, type Viewer, planDelivery } from './delivery-plan';
import { type SlackVariant, renderSlackEvent } from './slack-event-serializer';
import { channelView, domainEvent, messageView, userView } from '../view.fixtures';

const ORG = '1001';
const OTHER_ORG = '1002';
const ME = '2001';
const ALICE = '2002';
const CHANNEL = '3001';

const event = <T extends DomainEventType>(type: T, payload: DomainEventPayloads[T], organisationId = ORG) =>
  domainEvent(type, payload, { organisationId });

const viewer = (memberOf: string[], organisationId = ORG, userId = ME): Viewer => ({
  userId,
  organisationId,
  isMemberOf: (id) => memberOf.includes(id),
});

const MEMBER = viewer([CHANNEL]);
const OUTSIDER = viewer([]);
const FOREIGN_MEMBER = viewer([CHANNEL], OTHER_ORG);

const created = (type: ChannelType, memberIds: string[], org = ORG) =>
  event('channel.created', { channel: channelView(type), memberIds }, org);
const updated = (type: ChannelType, change: Partial<ChannelView>, org = ORG) =>
  event('channel.updated', { channel: channelView(type, change), previous: channelView(type), actorId: ALICE }, org);
const joined = (type: ChannelType, userId: string, org = ORG) =>
  event('channel.member_joined', { channel: channelView(type), userId, inviterId: null }, org);
const left = (type: ChannelType, userId: string, org = ORG) =>
  event('channel.member_left', { channel: channelView(type), userId, removedById: null }, org);
const webhook: WebhookView = {
  webhookId: '6001',
  organisationId: ORG,
  channelId: CHANNEL,
  kind: 'outgoing',
  userId: ALICE,
  ownerId: ALICE,
  trigger: '!ping',
  url: 'https://example.com/hook',
  username: null,
  avatarURL: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: null,
};
const webhookEvent = (type: 'webhook.created' | 'webhook.updated' | 'webhook.deleted'): AnyDomainEvent =>
  type === 'webhook.updated' ? event(type, { webhook, previous: webhook }) : event(type, { webhook });
const posted = (org = ORG) =>
  event(
    'message.created',
    { message: messageView(), author: userView(ALICE), channel: channelView('public'), parent: null },
    org,
  );
const edited = (org = ORG) =>
  event(
    'message.updated',
    {
      message: messageView({ message: 'Hi', updatedAt: '2025-01-01T00:00:01.000Z' }),
      previous: messageView(),
      editor: userView(ALICE),
      author: userView(ALICE),
      channel: channelView('private'),
    },
    org,
  );
const deleted = (org = ORG) =>
  event(
    'message.deleted',
    { message: messageView(), author: userView(ALICE), channel: channelView('group'), parent: null },
    org,
  );
const signedUp = (userId: string, org = ORG) =>
  event('user.created', { user: userView(userId, { organisationId: org }) }, org);
const renamedUser = (userId: string, org = ORG) =>
  event(
    'user.updated',
    {
      user: userView(userId, { organisationId: org, name: 'Renamed', handle: 'renamed' }),
      previous: userView(userId, { organisationId: org }),
    },
    org,
  );

const reacted = (type: ChannelType, added = true) =>
  event(added ? 'message.reaction_added' : 'message.reaction_removed', {
    message: messageView(),
    channel: channelView(type),
    userId: ALICE,
    reaction: 'tada',
  });
const pinned = (type: ChannelType) =>
  event('message.pinned', { message: messageView(), channel: channelView(type), userId: ALICE });
const unpinned = (type: ChannelType) =>
  event('message.unpinned', { message: messageView(), channel: channelView(type), userId: ALICE, hasPins: false });
const bookmarked = (userId: string, added = true) =>
  event(added ? 'message.bookmarked' : 'message.unbookmarked', {
    message: messageView(),
    channel: channelView('private'),
    userId,
  });
const archived = (type: ChannelType, archive = true) =>
  event(archive ? 'channel.archived' : 'channel.unarchived', { channel: channelView(type), actorId: ALICE });
const removed = (type: ChannelType) => event('channel.deleted', { channel: channelView(type), actorId: ALICE });
const restored = (memberIds: string[]) =>
  event('channel.undeleted', { channel: channelView('private'), actorId: ALICE, memberIds });
const flagged = () => event('channel.flag_set', { channel: channelView('public'), userId: ME, flag: 'pinned' });
const read = () =>
  event('channel.read', {
    channel: channelView('public'),
    userId: ME,
    threadId: null,
    unread: { count: 0, mentions: 0, lastReadMessageId: '5001' },
    flipped: { read: true, zulipIds: [5001], truncated: false },
  });

const NOTHING: DeliveryPlan = { variants: [] };
const only = (...variants: SlackVariant[]): DeliveryPlan => ({ variants });

const ROWS: [string, AnyDomainEvent, Viewer, DeliveryPlan][] = [
  ['message.created, member', posted(), MEMBER, only('message')],
  ['message.created, non-member', posted(), OUTSIDER, NOTHING],
  ['message.created, other organisation', posted(OTHER_ORG), MEMBER, NOTHING],
  ['message.created, viewer of another organisation', posted(), FOREIGN_MEMBER, NOTHING],
  ['message.updated, member', edited(), MEMBER, only('message_changed')],
  ['message.updated, non-member', edited(), OUTSIDER, NOTHING],
  ['message.updated, other organisation', edited(OTHER_ORG), MEMBER, NOTHING],
  ['message.deleted, member', deleted(), MEMBER, only('message_deleted')],
  ['message.deleted, non-member', deleted(), OUTSIDER, NOTHING],
  ['message.deleted, other organisation', deleted(OTHER_ORG), MEMBER, NOTHING],
  [
    'channel.created public, viewer among members',
    created('public', [ALICE, ME]),
    OUTSIDER,
    { variants: ['channel_created', 'channel_joined'], join: CHANNEL },
  ],
  ['channel.created public, viewer not among members', created('public', [ALICE]), OUTSIDER, only('channel_created')],
  [
    'channel.created private, viewer among members',
    created('private', [ALICE, ME]),
    OUTSIDER,
    { variants: ['channel_joined'], join: CHANNEL },
  ],
  ['channel.created private, viewer not among members', created('private', [ALICE]), OUTSIDER, NOTHING],
  [
    'channel.created group, viewer among members: im_created',
    created('group', [ME, ALICE]),
    OUTSIDER,
    { variants: ['im_created'], join: CHANNEL },
  ],
  ['channel.created group, viewer not among members', created('group', [ALICE]), OUTSIDER, NOTHING],
  ['channel.created public, other organisation', created('public', [ME], OTHER_ORG), OUTSIDER, NOTHING],
  [
    'channel.updated public rename, non-member',
    updated('public', { name: 'random' }),
    OUTSIDER,
    only('channel_rename'),
  ],
  ['channel.updated public rename, member', updated('public', { name: 'random' }), MEMBER, only('channel_rename')],
  ['channel.updated private rename, member', updated('private', { name: 'secret' }), MEMBER, only('channel_rename')],
  ['channel.updated private rename, non-member', updated('private', { name: 'secret' }), OUTSIDER, NOTHING],
  ['channel.updated group rename, member', updated('group', { name: 'trio' }), MEMBER, only('channel_rename')],
  ['channel.updated group rename, non-member', updated('group', { name: 'trio' }), OUTSIDER, NOTHING],
  [
    'channel.updated rename and topic, member',
    updated('public', { name: 'random', topic: 'New' }),
    MEMBER,
    only('channel_rename'),
  ],
  ['channel.updated public topic only, member', updated('public', { topic: 'New' }), MEMBER, NOTHING],
  ['channel.updated public topic only, non-member', updated('public', { topic: 'New' }), OUTSIDER, NOTHING],
  ['channel.updated private topic only, member', updated('private', { topic: 'New' }), MEMBER, NOTHING],
  [
    'channel.updated public rename, other organisation',
    updated('public', { name: 'random' }, OTHER_ORG),
    MEMBER,
    NOTHING,
  ],
  [
    'channel.member_joined public, the joiner',
    joined('public', ME),
    OUTSIDER,
    { variants: ['channel_joined', 'member_joined_channel'], join: CHANNEL },
  ],
  [
    'channel.member_joined private, the joiner',
    joined('private', ME),
    OUTSIDER,
    { variants: ['channel_joined', 'member_joined_channel'], join: CHANNEL },
  ],
  [
    'channel.member_joined, the joiner already seen as member',
    joined('public', ME),
    MEMBER,
    { variants: ['channel_joined', 'member_joined_channel'], join: CHANNEL },
  ],
  ['channel.member_joined, another user, member', joined('private', ALICE), MEMBER, only('member_joined_channel')],
  ['channel.member_joined, another user, non-member', joined('public', ALICE), OUTSIDER, NOTHING],
  ['channel.member_joined, the joiner, other organisation', joined('public', ME, OTHER_ORG), OUTSIDER, NOTHING],
  [
    'channel.member_left public, the leaver',
    left('public', ME),
    MEMBER,
    { variants: ['channel_left'], leave: CHANNEL },
  ],
  [
    'channel.member_left private, the leaver no longer seen as member',
    left('private', ME),
    OUTSIDER,
    { variants: ['channel_left'], leave: CHANNEL },
  ],
  ['channel.member_left, another user, member', left('group', ALICE), MEMBER, only('member_left_channel')],
  ['channel.member_left, another user, non-member', left('public', ALICE), OUTSIDER, NOTHING],
  ['channel.member_left, the leaver, other organisation', left('public', ME, OTHER_ORG), MEMBER, NOTHING],
  ['user.created, someone else', signedUp(ALICE), OUTSIDER, only('team_join')],
  ['user.created, the new user themself', signedUp(ME), OUTSIDER, only('team_join')],
  ['user.created, other organisation', signedUp(ALICE, OTHER_ORG), MEMBER, NOTHING],
  ['user.updated, someone else', renamedUser(ALICE), OUTSIDER, only('user_change')],
  ['user.updated, the user themself', renamedUser(ME), MEMBER, only('user_change')],
  ['user.updated, other organisation', renamedUser(ALICE, OTHER_ORG), MEMBER, NOTHING],
  ['webhook.created, member', webhookEvent('webhook.created'), MEMBER, NOTHING],
  ['webhook.updated, member', webhookEvent('webhook.updated'), MEMBER, NOTHING],
  ['webhook.deleted, member', webhookEvent('webhook.deleted'), MEMBER, NOTHING],
  ['message.reaction_added, member', reacted('public'), MEMBER, only('reaction_added')],
  ['message.reaction_added, non-member of a public channel', reacted('public'), OUTSIDER, NOTHING],
  ['message.reaction_added, other organisation', { ...reacted('public'), organisationId: OTHER_ORG }, MEMBER, NOTHING],
  ['message.reaction_removed, member', reacted('group', false), MEMBER, only('reaction_removed')],
  ['message.reaction_removed, non-member', reacted('group', false), OUTSIDER, NOTHING],
  ['message.pinned, member', pinned('private'), MEMBER, only('pin_added')],
  ['message.pinned, non-member', pinned('public'), OUTSIDER, NOTHING],
  ['message.unpinned, member', unpinned('public'), MEMBER, only('pin_removed')],
  ['message.unpinned, non-member', unpinned('private'), OUTSIDER, NOTHING],
  ['message.bookmarked, the bookmarker', bookmarked(ME), MEMBER, only('star_added')],
  ['message.bookmarked, another member', bookmarked(ALICE), MEMBER, NOTHING],
  ['message.unbookmarked, the bookmarker', bookmarked(ME, false), OUTSIDER, only('star_removed')],
  ['message.unbookmarked, another member', bookmarked(ALICE, false), MEMBER, NOTHING],
  ['channel.archived public, non-member', archived('public'), OUTSIDER, only('channel_archive')],
  ['channel.archived private, member', archived('private'), MEMBER, only('channel_archive')],
  ['channel.archived private, non-member', archived('private'), OUTSIDER, NOTHING],
  ['channel.unarchived public, member', archived('public', false), MEMBER, only('channel_unarchive')],
  ['channel.unarchived group, non-member', archived('group', false), OUTSIDER, NOTHING],
  [
    'channel.deleted, member stops following it',
    removed('private'),
    MEMBER,
    { variants: ['channel_deleted'], leave: CHANNEL },
  ],
  ['channel.deleted public, non-member', removed('public'), OUTSIDER, only('channel_deleted')],
  ['channel.deleted private, non-member', removed('private'), OUTSIDER, NOTHING],
  ['channel.deleted, other organisation', { ...removed('public'), organisationId: OTHER_ORG }, MEMBER, NOTHING],
  [
    'channel.undeleted, a member follows it again',
    restored([ALICE, ME]),
    OUTSIDER,
    { variants: ['channel_joined'], join: CHANNEL },
  ],
  ['channel.undeleted, not a member', restored([ALICE]), OUTSIDER, NOTHING],
  ['channel.flag_set, the flagger (no RTM frame)', flagged(), MEMBER, NOTHING],
  ['channel.read, the reader (no RTM frame)', read(), MEMBER, NOTHING],
  [
    'status.set is not rendered on RTM yet',
    event('status.set', {
      status: {
        userId: ALICE,
        icon: ':palm_tree:',
        message: 'away',
        expiresAt: null,
        whenActive: false,
        setAt: '2025-01-01T00:00:00.000Z',
      },
    }),
    MEMBER,
    NOTHING,
  ],
  [
    'status.cleared is not rendered on RTM yet',
    event('status.cleared', { userId: ALICE, reason: 'expired' }),
    MEMBER,
    NOTHING,
  ],
  [
    'command.registered is not rendered on RTM',
    event('command.registered', { name: 'deploy', description: '', botUserId: ALICE }),
    MEMBER,
    NOTHING,
  ],
  [
    'command.invoked is not rendered on RTM',
    event('command.invoked', {
      command: 'deploy',
      channel: channelView('public'),
      invokerId: ME,
      input: '',
      params: [],
    }),
    MEMBER,
    NOTHING,
  ],
  [
    'permissions.rules_changed is not rendered on RTM',
    event('permissions.rules_changed', { roleId: '2', role: 'member', rules: [] }),
    MEMBER,
    NOTHING,
  ],
];

/** What each variant looks like on the wire (`type` and `subtype`). */
const WIRE_TYPE: Record<SlackVariant, [string, string?]> = {
  message: ['message'],
  message_changed: ['message', 'message_changed'],
  message_deleted: ['message', 'message_deleted'],
  channel_created: ['channel_created'],
  im_created: ['im_created'],
  channel_joined: ['channel_joined'],
  channel_left: ['channel_left'],
  channel_rename: ['channel_rename'],
  member_joined_channel: ['member_joined_channel'],
  member_left_channel: ['member_left_channel'],
  team_join: ['team_join'],
  user_change: ['user_change'],
  reaction_added: ['reaction_added'],
  reaction_removed: ['reaction_removed'],
  pin_added: ['pin_added'],
  pin_removed: ['pin_removed'],
  star_added: ['star_added'],
  star_removed: ['star_removed'],
  channel_archive: ['channel_archive'],
  channel_unarchive: ['channel_unarchive'],
  channel_deleted: ['channel_deleted'],
};

const EVENT_TYPES: Record<DomainEventType, true> = {
  'message.created': true,
  'message.updated': true,
  'message.deleted': true,
  'channel.created': true,
  'channel.updated': true,
  'channel.member_joined': true,
  'channel.member_left': true,
  'user.created': true,
  'user.updated': true,
  'webhook.created': true,
  'webhook.updated': true,
  'webhook.deleted': true,
  'channel.archived': true,
  'channel.unarchived': true,
  'channel.deleted': true,
  'channel.undeleted': true,
  'channel.flag_set': true,
  'channel.read': true,
  'message.reaction_added': true,
  'message.reaction_removed': true,
  'message.pinned': true,
  'message.unpinned': true,
  'message.bookmarked': true,
  'message.unbookmarked': true,
  'permissions.rules_changed': true,
  'status.set': true,
  'status.cleared': true,
  'command.registered': true,
  'command.invoked': true,
};

describe('planDelivery', () => {
  it.each(ROWS)('%s', (_label, domainEvent, who, expected) => {
    expect(planDelivery(domainEvent, who)).toStrictEqual(expected);
  });

  it('covers every event type and every variant', () => {
    expect(new Set(ROWS.map(([, e]) => e.type))).toEqual(new Set(Object.keys(EVENT_TYPES)));
    expect(new Set(ROWS.flatMap(([, , , plan]) => plan.variants))).toEqual(new Set(Object.keys(WIRE_TYPE)));
  });

  it('asks about membership of the event channel only', () => {
    const asked: string[] = [];
    const who: Viewer = { userId: ME, organisationId: ORG, isMemberOf: (id) => (asked.push(id), false) };
    for (const [, domainEvent] of ROWS) planDelivery(domainEvent, who);
    expect(new Set(asked)).toEqual(new Set([CHANNEL]));
  });

  it.each(ROWS.filter(([, , , plan]) => plan.variants.length > 0))(
    '%s: every planned variant renders with its wire type',
    (_label, domainEvent, who) => {
      for (const variant of planDelivery(domainEvent, who).variants) {
        const frame = renderSlackEvent(domainEvent, variant);
        const [type, subtype] = WIRE_TYPE[variant];
        expect(frame.type).toBe(type);
        expect(frame.subtype).toBe(subtype);
        expect(JSON.parse(JSON.stringify(frame))).toStrictEqual(frame);
      }
    },
  );
});
