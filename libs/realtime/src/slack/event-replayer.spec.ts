import type { AnyDomainEvent } from '@switchboard/contracts';
import { membershipBefore } from './event-replayer';

const channel = (id: string) => ({ channelId: id }) as never;
const joined = (userId: string, channelId: string) =>
  ({ type: 'channel.member_joined', payload: { channel: channel(channelId), userId } }) as unknown as AnyDomainEvent;
const left = (userId: string, channelId: string) =>
  ({ type: 'channel.member_left', payload: { channel: channel(channelId), userId } }) as unknown as AnyDomainEvent;
const created = (channelId: string, memberIds: string[]) =>
  ({ type: 'channel.created', payload: { channel: channel(channelId), memberIds } }) as unknown as AnyDomainEvent;
const message = (channelId: string) =>
  ({ type: 'message.created', payload: { channel: channel(channelId) } }) as unknown as AnyDomainEvent;

describe('membershipBefore (rewinding today’s memberships to the start of a replay window)', () => {
  it.each<[string, AnyDomainEvent[], string[], string[]]>([
    ['no events: unchanged', [], ['1', '2'], ['1', '2']],
    ['joined during the window: not yet a member', [joined('u', '3')], ['1', '3'], ['1']],
    ['left during the window: still a member then', [left('u', '2')], ['1'], ['1', '2']],
    ['created with the user during the window', [created('4', ['u', 'x'])], ['4'], []],
    ['created without the user', [created('4', ['x'])], ['1'], ['1']],
    ['someone else joining or leaving changes nothing', [joined('x', '1'), left('x', '2')], ['1'], ['1']],
    ['joined then left: member of neither before', [joined('u', '5'), left('u', '5')], [], []],
    ['left then rejoined: a member before', [left('u', '5'), joined('u', '5')], ['5'], ['5']],
    ['messages change nothing', [message('1'), message('9')], ['1'], ['1']],
  ])('%s', (_label, events, current, expected) => {
    expect([...membershipBefore(events, 'u', current)].sort()).toEqual(expected);
  });
});
