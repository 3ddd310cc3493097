import type { ActivityBroadcast } from '@switchboard/contracts';
import { receivesActivity, renderActivityFrame } from './activity-frame';

const activity = (over: Partial<ActivityBroadcast> = {}): ActivityBroadcast => ({
  ephemeral: 'activity',
  activityId: 'a1',
  organisationId: '1',
  userId: '10',
  kind: 'typing',
  channel: { channelId: '100', type: 'public' },
  messageId: '500',
  messageTs: '1700000000.000001',
  occurredAt: '2025-01-01T00:00:01.250Z',
  ...over,
});
const viewer = (userId: string, organisationId: string, member: boolean) => ({
  userId,
  organisationId,
  isMemberOf: () => member,
});

describe('activity frames', () => {
  it('renders a channel activity', () => {
    expect(renderActivityFrame(activity())).toEqual({
      type: 'user_activity',
      user: 'UA',
      kind: 'typing',
      channel: 'C2S',
      message_ts: '1700000000.000001',
      team: 'T1',
      event_ts: '1735689601.250000',
    });
  });

  it('renders an organisation-wide activity without channel fields', () => {
    const frame = renderActivityFrame(activity({ channel: null, messageId: null, messageTs: null }));
    expect(frame).not.toHaveProperty('channel');
    expect(frame).not.toHaveProperty('message_ts');
  });

  it.each([
    ['a member of the channel', activity(), viewer('11', '1', true), true],
    ['a non-member', activity(), viewer('11', '1', false), false],
    ['the actor', activity(), viewer('10', '1', true), false],
    ['another organisation', activity({ channel: null }), viewer('11', '2', true), false],
    ['anyone of the organisation for a global activity', activity({ channel: null }), viewer('11', '1', false), true],
  ])('receivesActivity: %s', (_label, act, who, expected) => {
    expect(receivesActivity(act, who)).toBe(expected);
  });
});
