import { Redis } from 'ioredis';
import { EventLog } from '@switchboard/platform';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_REDIS_URL } from '../support/env';

type Status = { userID: string; icon: string; message: string; expiresAt: string | null; whenActive: boolean };
type Body<T> = { response: T; error?: { code: string; message: string } };

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Status: set, list, clear, expiry by a delayed job, when-active', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: Api;
  let bob: Api;
  let redis: Redis;

  const statuses = async (who: Api) => (await who.get<Body<Status[]>>('/status/')).body.response;
  const statusOf = async (who: Api, userId: string) => (await statuses(who)).find((status) => status.userID === userId);
  const events = async (type: string) =>
    (await new EventLog(redis).readAfter(org.id, '0')).events.filter((event) => event.type === type);

  beforeAll(async () => {
    // The organisation first: the CLI blocks this process long enough for idle keep-alive sockets
    // to the gateway's health endpoint to be closed under the first request.
    org = createOrg(2);
    cluster = await Cluster.start({ withDispatcher: true, messagingEnv: { STATUS_WHEN_ACTIVE_GRACE_SECONDS: '1' } });
    alice = api(cluster.apiUrl, org.users[0].token);
    bob = api(cluster.apiUrl, org.users[1].token);
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    await redis.quit();
    await cluster.stop();
  });

  it('sets a status others see, replaces it, and clears it, with events', async () => {
    const set = await alice.post<Body<Status>>('/status/', {
      icon: ':coffee:',
      message: 'Lunch',
      expires: 'afternoon',
    });
    expect(set.status).toBe(200);
    expect(set.body.response).toMatchObject({
      userID: org.users[0].id,
      icon: ':coffee:',
      message: 'Lunch',
      whenActive: false,
    });
    expect(new Date(set.body.response.expiresAt ?? 0).getUTCHours()).toBe(13);
    expect(await statusOf(bob, org.users[0].id)).toMatchObject({ message: 'Lunch' });

    const form = await alice.post<Body<Status>>('/status/', 'message=In+a+meeting&expires=1h', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.body.response.message).toBe('In a meeting');
    expect((await statuses(bob)).filter((status) => status.userID === org.users[0].id)).toHaveLength(1);

    expect((await alice.delete<Body<{ cleared: boolean }>>('/status/')).body.response).toEqual({ cleared: true });
    expect(await statusOf(bob, org.users[0].id)).toBeUndefined();
    expect((await alice.delete<Body<{ cleared: boolean }>>('/status/')).body.response).toEqual({ cleared: false });
    await waitUntil(async () => (await events('status.cleared')).length >= 1, 'status.cleared event');
    expect((await events('status.set')).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['neither icon nor message', { expires: '1h' }],
    ['an expiry in the past', { message: 'x', expires: '2019-05-20' }],
    ['an unknown expiry', { message: 'x', expires: 'someday' }],
    ['an impossible time', { message: 'x', expires: '13 PM' }],
    ['a message too long', { message: 'm'.repeat(141) }],
    ['a message of the wrong type', { message: 5 }],
  ])('refuses %s with 400 validation_failed and keeps the old status', async (_label, body) => {
    await bob.post('/status/', { message: 'unchanged' });
    const { status, body: answer } = await bob.post<Body<unknown>>('/status/', body);
    expect({ status, code: answer.error?.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(await statusOf(alice, org.users[1].id)).toMatchObject({ message: 'unchanged' });
  });

  it('needs authentication', async () => {
    const { status, body } = await api(cluster.apiUrl).get<Body<unknown>>('/status/');
    expect({ status, code: body.error?.code }).toEqual({ status: 401, code: 'not_authenticated' });
  });

  it('expires by itself through the delayed job, which emits status.cleared', async () => {
    // Far enough ahead that a slow request on a loaded machine does not post an expiry already past.
    const soon = new Date(Date.now() + 4000).toISOString();
    const before = (await events('status.cleared')).length;
    const set = await alice.post<Body<Status>>('/status/', { message: 'Back soon', expires: soon });
    expect(set.status).toBe(200);
    await waitUntil(
      async () =>
        (await events('status.cleared')).some(
          (event, index) => index >= before && (event.payload as { reason: string }).reason === 'expired',
        ),
      'the expiry job',
    );
    expect(await statusOf(bob, org.users[0].id)).toBeUndefined();
  });

  it('a re-set status replaces the old timer: the old expiry does not clear the new status', async () => {
    await alice.post('/status/', { message: 'first', expires: new Date(Date.now() + 3000).toISOString() });
    await alice.post('/status/', { message: 'second', expires: '2h' });
    const marker = new Date(Date.now() + 4000).toISOString();
    await bob.post('/status/', { message: 'marker', expires: marker });
    await waitUntil(
      async () =>
        (await statusOf(alice, org.users[1].id)) === undefined &&
        (await events('status.cleared')).some(
          (e) =>
            (e.payload as { userId: string }).userId === org.users[1].id &&
            (e.payload as { reason: string }).reason === 'expired',
        ),
      'the marker expiry',
    );
    expect(await statusOf(bob, org.users[0].id)).toMatchObject({ message: 'second' });
  });

  it('when-active clears at the first authenticated call after the grace period', async () => {
    const set = await bob.post<Body<Status>>('/status/', { icon: ':zzz:', expires: 'when-active' });
    expect(set.body.response).toMatchObject({ whenActive: true, expiresAt: null });
    expect(await statusOf(alice, org.users[1].id)).toMatchObject({ icon: ':zzz:' });
    await waitUntil(async () => {
      await bob.get('/channels/'); // bob is active again
      return (await statusOf(alice, org.users[1].id)) === undefined;
    }, 'when-active clearing');
    expect((await events('status.cleared')).some((e) => (e.payload as { reason: string }).reason === 'active')).toBe(
      true,
    );
  });
});
