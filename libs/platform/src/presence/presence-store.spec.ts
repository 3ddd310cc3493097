import { PresenceStore } from './presence-store';

describe('PresenceStore.refresh', () => {
  it('sends one ZADD XX per user and one ZADD GT for the index, not two commands per connection', async () => {
    const calls: (string | number)[][] = [];
    const redis = { zadd: async (...args: (string | number)[]) => void calls.push(args) };
    const store = new PresenceStore(redis as never, 90_000);
    const before = Date.now();
    await store.refresh([
      { organisationId: 'o', userId: 'u1', connection: 'c1' },
      { organisationId: 'o', userId: 'u1', connection: 'c2' },
      { organisationId: 'o', userId: 'u2', connection: 'c3' },
    ]);
    expect(calls).toHaveLength(3);
    const expires = calls[0][2] as number;
    expect(expires).toBeGreaterThanOrEqual(before + 90_000);
    expect(calls).toEqual([
      ['sb:presence:{user:u1}', 'XX', expires, 'c1', expires, 'c2'],
      ['sb:presence:{user:u2}', 'XX', expires, 'c3'],
      ['sb:presence-index', 'GT', expires, 'o:u1', expires, 'o:u2'],
    ]);
  });

  it('splits a large refresh into bounded commands', async () => {
    const calls: (string | number)[][] = [];
    const redis = { zadd: async (...args: (string | number)[]) => void calls.push(args) };
    const store = new PresenceStore(redis as never);
    await store.refresh(
      Array.from({ length: 2500 }, (_, i) => ({ organisationId: 'o', userId: 'u', connection: `c${i}` })),
    );
    expect(calls.map((call) => (call.length - 2) / 2)).toEqual([1000, 1000, 500, 1]);
  });
});
