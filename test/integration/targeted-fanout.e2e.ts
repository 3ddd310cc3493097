import { encodeSlackId } from '@switchboard/contracts';
import { createOrg } from '../support/admin';
import { api } from '../support/api';
import { Cluster } from '../support/cluster';
import { httpRequest } from '../support/http';
import { RtmTestClient } from '../support/rtm-client';

type Body = { response: Record<string, string> };

async function received(url: string, target: string): Promise<number> {
  const text = (await httpRequest(`${url}/metrics`)).text;
  const line = text.split('\n').find((row) => row.startsWith(`realtime_events_received_total{target="${target}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('targeted fan-out: a replica receives only the events of its own audience', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ realtimeReplicas: 2 });
  });

  afterAll(() => cluster.stop());

  it('never delivers to replica 2 the events of a conversation with no members connected there', async () => {
    const org = createOrg(2);
    const [onReplica1, onReplica2] = org.users;
    const admin = api(cluster.apiUrl, org.admin.token);
    const busy = (await admin.post<Body>('/channels/', { name: 'busy', members: [onReplica1.id] })).body.response
      .channelID;
    const quiet = (await admin.post<Body>('/channels/', { name: 'quiet', members: [onReplica2.id] })).body.response
      .channelID;
    const one = await RtmTestClient.connect(cluster.apiUrl, onReplica1.token, cluster.realtime[0].port);
    const two = await RtmTestClient.connect(cluster.apiUrl, onReplica2.token, cluster.realtime[1].port);
    const [replica1, replica2] = cluster.realtime.map((app) => app.url);
    const before = { one: await received(replica1, 'conv'), two: await received(replica2, 'conv') };

    const posts = 25;
    for (let i = 0; i < posts; i++) await admin.post(`/channels/${busy}/messages/`, { message: `busy ${i}` });
    await one.waitUntil(() => one.ofType('message').length >= posts, 15000, 'busy messages');
    // A marker in the quiet channel: once replica 2 has delivered it, it has processed everything before.
    await admin.post(`/channels/${quiet}/messages/`, { message: 'marker' });
    await two.waitFor((frame) => frame.text === 'marker');

    expect((await received(replica1, 'conv')) - before.one).toBeGreaterThanOrEqual(posts);
    expect((await received(replica2, 'conv')) - before.two).toBe(1);
    expect(two.frames.some((frame) => frame.channel === encodeSlackId('public', busy))).toBe(false);
    one.close();
    two.close();
  });
});
