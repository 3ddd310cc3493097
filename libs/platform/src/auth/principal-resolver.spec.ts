import { type AnyInternalRoute, DomainError, ErrorCode, type Principal } from '@switchboard/contracts';
import type { InternalClient } from '../internal-client/internal-client';
import { PrincipalResolver } from './principal-resolver';

const principal = (userId: string) =>
  ({ user: { userId, email: `${userId}@example.com` }, organisation: { organisationId: '1' } }) as unknown as Principal;

function fakeMessaging(answer: (path: string, body: Record<string, string>) => Promise<Principal>) {
  const calls: { path: string; body: Record<string, string> }[] = [];
  const messaging = {
    call: (_caller: unknown, { path }: AnyInternalRoute, call: { body: Record<string, string> }) => {
      calls.push({ path, body: call.body });
      return answer(path, call.body);
    },
  } as unknown as InternalClient;
  return { messaging, calls };
}

describe('PrincipalResolver', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('remembers a resolved token until it expires', async () => {
    const { messaging, calls } = fakeMessaging(async (_path, body) => principal(body.token));
    const resolver = new PrincipalResolver(messaging, 5_000, 100, now);
    expect(await resolver.byToken('a')).toEqual(principal('a'));
    expect(await resolver.byToken('a')).toEqual(principal('a'));
    expect(calls).toHaveLength(1);
    clock += 5_000;
    await resolver.byToken('a');
    expect(calls).toHaveLength(2);
  });

  it('shares one lookup between concurrent requests', async () => {
    const { messaging, calls } = fakeMessaging(async (_path, body) => principal(body.token));
    const resolver = new PrincipalResolver(messaging, 5_000, 100, now);
    await Promise.all([resolver.byToken('a'), resolver.byToken('a'), resolver.byToken('a')]);
    expect(calls).toHaveLength(1);
  });

  it('never remembers a failure', async () => {
    let valid = false;
    const { messaging, calls } = fakeMessaging(async (_path, body) => {
      if (!valid) throw new DomainError(ErrorCode.InvalidToken, 'Invalid token');
      return principal(body.token);
    });
    const resolver = new PrincipalResolver(messaging, 5_000, 100, now);
    await expect(resolver.byToken('a')).rejects.toMatchObject({ code: ErrorCode.InvalidToken });
    valid = true;
    expect(await resolver.byToken('a')).toEqual(principal('a'));
    expect(calls).toHaveLength(2);
  });

  it('keeps basic credentials apart from tokens and by email and key, case-insensitive in the email', async () => {
    const { messaging, calls } = fakeMessaging(async (path, body) =>
      principal(`${path}:${body.email ?? ''}:${body.apiKey ?? body.token}`),
    );
    const resolver = new PrincipalResolver(messaging, 5_000, 100, now);
    await resolver.byToken('k');
    await resolver.byBasic('Ada@example.com', 'k');
    await resolver.byBasic('ada@example.com', 'k');
    await resolver.byBasic('ada@example.com', 'other');
    expect(calls.map((call) => call.path)).toEqual(['/auth/token', '/auth/basic', '/auth/basic']);
  });

  it('stays within its bound', async () => {
    const { messaging } = fakeMessaging(async (_path, body) => principal(body.token));
    const resolver = new PrincipalResolver(messaging, 5_000, 3, now);
    for (const token of ['a', 'b', 'c', 'd', 'e']) await resolver.byToken(token);
    expect(resolver.size).toBe(3);
  });

  it('does not cache with a zero lifetime', async () => {
    const { messaging, calls } = fakeMessaging(async (_path, body) => principal(body.token));
    const resolver = new PrincipalResolver(messaging, 0, 100, now);
    await resolver.byToken('a');
    await resolver.byToken('a');
    expect(calls).toHaveLength(2);
  });
});
