import type { UserView } from '@switchboard/contracts';
import type { FollowSet, QueueSpec } from './queue-spec';
import { SharedQueueState } from './shared-queue-state';

const viewer = (name: string): UserView => ({
  userId: 'U1',
  zulipId: 1,
  organisationId: 'O1',
  email: 'u1@example.test',
  handle: 'u1',
  name,
  kind: 'user',
  role: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
  deactivatedAt: null,
});

const stored = (name = 'Ann'): QueueSpec => ({
  queueId: 'stored-id',
  userId: 'U1',
  organisationId: 'O1',
  viewer: viewer(name),
  eventTypes: ['message'],
  narrow: [['topic', 'never']] as unknown as QueueSpec['narrow'],
  allPublicStreams: false,
  applyMarkdown: true,
  lifespanSecs: 600,
  startEventId: '7',
});

const follow = (...member: string[]): FollowSet => ({ member: new Set(member), public: new Set() });

describe('SharedQueueState', () => {
  it('gives queues of one user the same viewer and options, and each its own id', () => {
    const shared = new SharedQueueState();
    const first = shared.spec(stored(), 'q1');
    const second = shared.spec(stored(), 'q2');
    expect(second.viewer).toBe(first.viewer);
    expect(second.eventTypes).toBe(first.eventTypes);
    expect(second.narrow).toBe(first.narrow);
    expect([first.queueId, second.queueId]).toEqual(['q1', 'q2']);
    expect(second).toEqual({ ...stored(), queueId: 'q2', simplifiedPresenceEvents: undefined });
  });

  it('never hands out a viewer or follow set that differs from what was read', () => {
    const shared = new SharedQueueState();
    const before = shared.spec(stored('Ann'), 'q1');
    const renamed = shared.spec(stored('Anne'), 'q2');
    expect(renamed.viewer.name).toBe('Anne');
    expect(renamed.viewer).not.toBe(before.viewer);
    const a = shared.follow('U1', follow('C1', 'C2'));
    expect(shared.follow('U1', follow('C2', 'C1'))).toBe(a);
    const other = follow('C1');
    expect(shared.follow('U1', other)).toBe(other);
  });
});
