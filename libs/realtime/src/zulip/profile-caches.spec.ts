import { type AnyInternalRoute, fillPath, type UserView } from '@switchboard/contracts';
import type { InternalClient } from '@switchboard/platform';
import { ParticipantDirectory } from './participant-directory';
import { UserDirectory } from './user-directory';
import { zulipUser } from './zulip.fixtures';

const user = (userId: string, name: string): UserView => zulipUser(userId, Number(userId), name);

/** A messaging client that answers from `names` as they are at call time, and counts calls per path. */
function fakeMessaging(names: Map<string, string>, members: Record<string, string[]>) {
  const calls: string[] = [];
  const client = {
    call: (_caller: unknown, route: AnyInternalRoute, input?: { params?: Record<string, string> }) => {
      const path = fillPath(route.path, input?.params);
      calls.push(path);
      const ids = path === '/directory/users' ? [...names.keys()] : members[path.split('/')[2]];
      return Promise.resolve(ids.map((id) => user(id, names.get(id)!)));
    },
  } as unknown as InternalClient;
  return { client, calls };
}

describe('profile changes and the Zulip directory caches', () => {
  it('UserDirectory drops the organisation on a newer user.updated only, so replays do not refetch', async () => {
    const names = new Map([
      ['1', 'Ada'],
      ['2', 'Bob'],
    ]);
    const { client, calls } = fakeMessaging(names, {});
    const directory = new UserDirectory(client);
    expect((await directory.get('100', '1', ['2'])).get('2')!.name).toBe('Bob');
    names.set('2', 'Robert');
    expect(directory.userUpdated('100', '42')).toBe(true);
    expect((await directory.get('100', '1', ['2'])).get('2')!.name).toBe('Robert');
    expect(directory.userUpdated('100', '42')).toBe(false);
    expect(directory.userUpdated('100', '41')).toBe(false);
    await directory.get('100', '1', ['2']);
    expect(calls).toEqual(['/directory/users', '/directory/users']);
    expect(directory.userUpdated('100', '43')).toBe(true);
    expect(directory.userUpdated('200', '1')).toBe(true);
  });

  it('ParticipantDirectory forgets only the conversations that list the renamed user', async () => {
    const names = new Map([
      ['1', 'Ada'],
      ['2', 'Bob'],
      ['3', 'Cy'],
    ]);
    const { client, calls } = fakeMessaging(names, { '50': ['1', '2'], '51': ['1', '3'] });
    const participants = new ParticipantDirectory(client);
    await participants.get('50', '1');
    await participants.get('51', '1');
    names.set('2', 'Robert');
    await participants.forgetUser('2');
    expect((await participants.get('50', '1')).map((u) => u.name)).toEqual(['Ada', 'Robert']);
    await participants.get('51', '1');
    expect(calls).toEqual([
      '/conversations/50/participants',
      '/conversations/51/participants',
      '/conversations/50/participants',
    ]);
  });
});
