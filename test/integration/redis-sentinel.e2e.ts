import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { encodeSlackId } from '@switchboard/contracts';
import { api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { TEST_REDIS_URL } from '../support/env';
import { freePort } from '../support/processes';
import { RtmTestClient } from '../support/rtm-client';
import { zulipApi } from '../support/zulip';

/**
 * All four apps given only a Sentinel's address (`redis+sentinel://…/<name>`): they can reach Redis
 * at all only by asking it for the primary. A real `redis-server --sentinel` watches the test Redis.
 */
describe('Redis through Sentinel', () => {
  let sentinel: ChildProcess;
  let workdir: string;
  let cluster: Cluster;
  let org: TestOrg;

  beforeAll(async () => {
    org = createOrg(2);
    const primary = new URL(TEST_REDIS_URL);
    const port = await freePort();
    workdir = mkdtempSync(path.join(tmpdir(), 'sb-sentinel-'));
    const config = path.join(workdir, 'sentinel.conf');
    // A long down-after: the shared test Redis has no replica, and nothing here should look like a failure.
    writeFileSync(
      config,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${workdir}`,
        `sentinel monitor sbtest ${primary.hostname} ${primary.port || 6379} 1`,
        'sentinel down-after-milliseconds sbtest 600000',
        '',
      ].join('\n'),
    );
    sentinel = spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' });
    const probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 100,
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await probe.connect().catch(() => undefined);
        if ((await probe.call('SENTINEL', 'get-master-addr-by-name', 'sbtest')) !== null) break;
      } catch (error) {
        if (attempt > 50) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    probe.disconnect();
    const REDIS_URL = `redis+sentinel://127.0.0.1:${port}/sbtest${primary.pathname && primary.pathname !== '/' ? primary.pathname : ''}`;
    cluster = await Cluster.start({
      withDispatcher: true,
      messagingEnv: { REDIS_URL },
      realtimeEnv: { REDIS_URL },
      gatewayEnv: { REDIS_URL },
      dispatcherEnv: { REDIS_URL },
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    sentinel?.kill('SIGKILL');
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  it('serves health, RTM fan-out and Zulip queues with the primary found through Sentinel', async () => {
    for (const app of [cluster.messaging, cluster.realtime[0], cluster.gateway, cluster.dispatcher!]) {
      const ready = await fetch(`${app.url}/health/ready`);
      expect(ready.status).toBe(200);
    }
    const [alice, bob] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const channel = (
      await admin.post<{ response: { channelID: string } }>('/channels/', {
        name: 'sentinel',
        members: [alice.id, bob.id],
      })
    ).body.response;
    const socket = await RtmTestClient.connect(cluster.apiUrl, bob.token);
    const zulip = zulipApi(cluster.apiUrl, bob.email, bob.token);
    const queue = (await zulip.post('/register', { event_types: ['message'] })).body;
    try {
      await api(cluster.apiUrl, alice.token).post(`/channels/${channel.channelID}/messages/`, {
        message: 'via sentinel',
      });
      await socket.waitFor(
        (frame) =>
          frame.type === 'message' &&
          frame.text === 'via sentinel' &&
          frame.channel === encodeSlackId('public', channel.channelID),
      );
      const polled = await zulip.get('/events', { queue_id: queue.queue_id, last_event_id: queue.last_event_id });
      expect(polled.body.events).toEqual([
        expect.objectContaining({ type: 'message', message: expect.objectContaining({ content: 'via sentinel' }) }),
      ]);
    } finally {
      socket.close();
    }
  });
});
