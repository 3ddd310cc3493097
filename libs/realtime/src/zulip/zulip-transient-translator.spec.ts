import type { ChannelType, TransientEvent, TypingEvent } from '@switchboard/contracts';
import type { QueueSpec } from './queue-spec';
import { ZULIP_ME, ZULIP_ORG, followSet, queueSpec, zulipUser } from './zulip.fixtures';
import { type TransientContext, transientConcerns, translateTransient } from './zulip-transient-translator';
import { type TransientBatch, laterPosition } from './transient-feed';
import { interleave } from './event-queue.service';

const ORG = ZULIP_ORG;
const ME = ZULIP_ME;
const me = zulipUser(ME, 11);
const bob = zulipUser('2', 12);
const follow = (member: string[] = ['50', '53'], publics: string[] = ['52']) => followSet(member, publics);
const typing = (
  channelId: string,
  channelType: ChannelType,
  op: 'start' | 'stop' = 'start',
  userId = '2',
  topic: string | null = 'plans',
): TypingEvent => ({ transient: 'typing', organisationId: ORG, channelId, channelType, userId, op, topic });
const presence = (userId: string, state: 'active' | 'away', organisationId = ORG): TransientEvent => ({
  transient: 'presence',
  organisationId,
  userId,
  presence: state,
});
const context = (over: Partial<TransientContext> = {}): TransientContext => ({
  users: new Map([me, bob].map((known) => [known.userId, known])),
  participants: [me, bob],
  channelZulipId: 1050,
  ...over,
});
const AT = 1_735_689_600_000;

describe('transientConcerns', () => {
  it.each<[string, TransientEvent, Partial<QueueSpec>, boolean]>([
    ['typing in a channel I am in', typing('50', 'public'), {}, true],
    ['my own typing', typing('50', 'public', 'start', ME), {}, false],
    [
      'typing in a public channel I only follow by all_public_streams',
      typing('52', 'public'),
      { allPublicStreams: true },
      false,
    ],
    ['typing elsewhere', typing('60', 'private'), {}, false],
    ['typing not wanted', typing('50', 'public'), { eventTypes: ['message'] }, false],
    ['typing wanted', typing('50', 'public'), { eventTypes: ['typing'] }, true],
    ['presence', presence('2', 'active'), {}, true],
    [
      'typing to me before any conversation exists',
      { ...typing('53', 'group'), channelId: null, recipientIds: ['2', ME] },
      {},
      true,
    ],
    [
      'typing to others before any conversation exists',
      { ...typing('53', 'group'), channelId: null, recipientIds: ['2', '3'] },
      {},
      false,
    ],
    ['my own presence', presence(ME, 'active'), {}, false],
    ['presence not wanted', presence('2', 'active'), { eventTypes: ['message'] }, false],
    ['another organisation', presence('2', 'active', '999'), {}, false],
    [
      'manual presence is for sockets only',
      { transient: 'manual_presence', organisationId: ORG, userId: '2', presence: 'away' },
      {},
      false,
    ],
  ])('%s', (_label, event, over, expected) => {
    expect(transientConcerns(event, queueSpec(over), follow())).toBe(expected);
  });
});

describe('translateTransient', () => {
  it('typing in a channel names the stream and the topic', () => {
    expect(translateTransient(typing('50', 'public', 'stop'), AT, queueSpec(), follow(), context())).toEqual({
      type: 'typing',
      op: 'stop',
      message_type: 'stream',
      sender: { user_id: 12, email: 'u2@example.com' },
      stream_id: 1050,
      topic: 'plans',
    });
  });

  it('typing in a direct conversation lists every participant', () => {
    expect(translateTransient(typing('53', 'group', 'start', '2', null), AT, queueSpec(), follow(), context())).toEqual(
      {
        type: 'typing',
        op: 'start',
        message_type: 'direct',
        sender: { user_id: 12, email: 'u2@example.com' },
        recipients: [
          { user_id: 11, email: 'u1@example.com' },
          { user_id: 12, email: 'u2@example.com' },
        ],
      },
    );
  });

  it('typing to a conversation-to-be lists its recipients', () => {
    const event: TransientEvent = { ...typing('53', 'group'), channelId: null, recipientIds: ['2', ME] };
    expect(translateTransient(event, AT, queueSpec(), follow(), context({ participants: [bob, me] }))).toMatchObject({
      type: 'typing',
      message_type: 'direct',
      recipients: [{ user_id: 12 }, { user_id: 11 }],
    });
  });

  it('skips what it cannot name', () => {
    expect(
      translateTransient(typing('50', 'public'), AT, queueSpec(), follow(), context({ channelZulipId: null })),
    ).toBeNull();
    expect(
      translateTransient(typing('50', 'public'), AT, queueSpec(), follow(), context({ users: new Map() })),
    ).toBeNull();
  });

  it('presence in the legacy shape: away is idle', () => {
    expect(translateTransient(presence('2', 'away'), AT, queueSpec(), follow(), context())).toEqual({
      type: 'presence',
      user_id: 12,
      email: 'u2@example.com',
      server_timestamp: AT / 1000,
      presence: { website: { client: 'website', status: 'idle', timestamp: AT / 1000, pushable: false } },
    });
  });

  it('presence in the modern shape for simplified_presence_events', () => {
    expect(
      translateTransient(
        presence('2', 'active'),
        AT,
        queueSpec({ simplifiedPresenceEvents: true }),
        follow(),
        context(),
      ),
    ).toEqual({ type: 'presence', presences: { 12: { active_timestamp: AT / 1000, idle_timestamp: AT / 1000 } } });
  });
});

describe('interleave', () => {
  const stored = (id: number) => ({ type: 'message', id });
  const batch = (...ats: number[]): TransientBatch => ({
    events: ats.map((at) => ({ at, event: { type: 'typing', at } })),
    cursor: 'x',
  });

  it('puts transient events between stored ones by time, with the id before them', () => {
    const out = interleave([stored(5), stored(9)], [100, 300], batch(50, 200, 400), 3);
    expect(out.map((event) => [event.type, event.id])).toEqual([
      ['typing', 3],
      ['message', 5],
      ['typing', 5],
      ['message', 9],
      ['typing', 9],
    ]);
  });

  it('returns stored events untouched when there are no transient ones', () => {
    const events = [stored(5)];
    expect(interleave(events, [1], batch(), 3)).toBe(events);
  });
});

describe('laterPosition', () => {
  it.each([
    ['5-0', '4-9', '5-0'],
    ['5-1', '5-2', '5-2'],
    ['1700000000000-0', '0-0', '1700000000000-0'],
  ])('%s vs %s', (a, b, expected) => expect(laterPosition(a, b)).toBe(expected));
});
