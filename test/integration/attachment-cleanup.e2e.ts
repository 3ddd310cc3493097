import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import sharp from 'sharp';
import { INTERNAL_SECRET_HEADER, SCHEDULED_QUEUE, attachmentRemoveJobId } from '@switchboard/contracts';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';
import { INTERNAL_SECRET, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/env';
import { eventually } from '../support/webhook-receiver';

type Attachment = { attachmentID: string; url: string; previewUrl: string | null };
type Body<T> = { response: T; error?: { code: string } };

const SWEEP_SECONDS = 5;

describe('Attachments: the files of deleted messages are removed by a job, after the commit', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: Api;
  let channelId: string;
  let dir: string;
  let png: Buffer;
  let db: Client;
  let redis: Redis;
  let queue: Queue;

  const upload = async (
    file: Buffer,
    name: string,
    channel = channelId,
  ): Promise<{ messageID: string; attachment: Attachment }> => {
    const form = new FormData();
    form.append('upload', new Blob([new Uint8Array(file)]), name);
    const response = await fetch(`${cluster.apiUrl}/channels/${channel}/attach`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.users[0].token}` },
      body: form,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as Body<{ messageID: string; attachment: Attachment }>).response;
  };
  const fileOf = (attachmentId: string, kind: 'original' | 'preview') => path.join(dir, org.id, attachmentId, kind);
  const status = async (url: string) => (await fetch(cluster.apiUrl + url)).status;
  const row = async (attachmentId: string) =>
    (
      await db.query<{ marked: Date | null }>(`SELECT removal_requested_at AS marked FROM attachments WHERE id = $1`, [
        attachmentId,
      ])
    ).rows[0];
  const gone = (attachmentId: string) =>
    eventually(
      async () => !existsSync(path.join(dir, org.id, attachmentId)) && !(await row(attachmentId)),
      30_000,
      `the files and row of attachment ${attachmentId} to be removed`,
    );
  const removeJob = (body: unknown) =>
    fetch(`${cluster.messaging.url}/internal/v1/jobs/attachment-remove`, {
      method: 'POST',
      headers: { [INTERNAL_SECRET_HEADER]: INTERNAL_SECRET, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sb-attachment-cleanup-'));
    org = createOrg(1);
    cluster = await Cluster.start({
      withDispatcher: true,
      messagingEnv: { ATTACHMENT_DIR: dir, ATTACHMENT_REMOVAL_SWEEP_SECONDS: String(SWEEP_SECONDS) },
    });
    alice = api(cluster.apiUrl, org.users[0].token);
    channelId = (await alice.post<Body<{ channelID: string }>>('/channels/', { name: 'cleanup', type: 'private' })).body
      .response.channelID;
    png = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 10, g: 120, b: 10 } } })
      .png()
      .toBuffer();
    db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(SCHEDULED_QUEUE, { connection: redis, prefix: cluster.queuePrefix });
  });

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await db?.end();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    // A failed test must not leave the next one without a dispatcher.
    if (cluster.dispatcher!.exitCode !== null) await cluster.dispatcher!.start();
  });

  /** With the dispatcher stopped: deletes the message and returns the job the relay enqueued for its attachment. */
  async function deleteWhileDispatcherDown(messageId: string, attachmentId: string) {
    const deleted = await alice.delete(`/channels/${channelId}/messages/${messageId}`);
    expect(deleted.status).toBe(200);
    const job = await eventually(() => queue.getJob(attachmentRemoveJobId(attachmentId)), 10_000, 'the removal job');
    const { marked } = (await row(attachmentId))!;
    // Only the relay enqueues this soon: the sweep takes rows marked more than SWEEP_SECONDS ago.
    expect(job.timestamp - marked!.getTime()).toBeLessThan(SWEEP_SECONDS * 1000);
    return job;
  }

  it('marks the attachment when its message is deleted, answers 404 at once, and removes original and preview once the job runs', async () => {
    const { messageID: messageId, attachment } = await upload(png, 'green.png');
    expect(
      existsSync(fileOf(attachment.attachmentID, 'original')) && existsSync(fileOf(attachment.attachmentID, 'preview')),
    ).toBe(true);
    await cluster.dispatcher!.stop();

    await deleteWhileDispatcherDown(messageId, attachment.attachmentID);
    expect(await status(attachment.url)).toBe(404);
    expect(await status(attachment.previewUrl!)).toBe(404);
    // Nothing is removed in the request: the files wait for the job.
    expect(existsSync(fileOf(attachment.attachmentID, 'original'))).toBe(true);

    await cluster.dispatcher!.start();
    await gone(attachment.attachmentID);
  });

  it('the sweep re-enqueues a removal whose job was lost, and a file already missing counts as removed', async () => {
    const { messageID: messageId, attachment } = await upload(png, 'lost.png');
    await cluster.dispatcher!.stop();
    const job = await deleteWhileDispatcherDown(messageId, attachment.attachmentID);
    await job.remove(); // as if Redis had been flushed
    rmSync(fileOf(attachment.attachmentID, 'preview')); // as if a killed job had removed it already
    await cluster.dispatcher!.start();
    await gone(attachment.attachmentID);
  });

  it('the job is idempotent, and never removes the files of a live attachment', async () => {
    const live = (await upload(Buffer.from('still here'), 'live.txt')).attachment;
    const once = await removeJob({ attachmentId: live.attachmentID });
    expect({ status: once.status, body: await once.json() }).toEqual({ status: 200, body: { removed: false } });
    expect(await status(live.url)).toBe(200);

    const deleted = await upload(Buffer.from('going'), 'going.txt');
    await alice.delete(`/channels/${channelId}/messages/${deleted.messageID}`);
    await gone(deleted.attachment.attachmentID);
    const again = await removeJob({ attachmentId: deleted.attachment.attachmentID });
    expect({ status: again.status, body: await again.json() }).toEqual({ status: 200, body: { removed: false } });

    expect((await removeJob({ attachmentId: 'abc' })).status).toBe(400);
  });

  it('keeps the files of a deleted channel, which can be undeleted', async () => {
    const other = (
      await alice.post<Body<{ channelID: string }>>('/channels/', { name: 'cleanup-undelete', type: 'private' })
    ).body.response.channelID;
    const { attachment } = await upload(Buffer.from('kept'), 'kept.txt', other);

    expect((await alice.put(`/channels/${other}/state`, { state: 'delete' })).status).toBe(200);
    expect(await status(attachment.url)).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, (SWEEP_SECONDS + 1) * 1000)); // a sweep passes
    expect((await row(attachment.attachmentID))?.marked).toBeNull();
    expect(existsSync(fileOf(attachment.attachmentID, 'original'))).toBe(true);

    expect((await alice.put(`/channels/${other}/state`, { state: 'undelete' })).status).toBe(200);
    expect(await status(attachment.url)).toBe(200);
  });
});
