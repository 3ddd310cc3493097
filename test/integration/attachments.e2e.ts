import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { type Api, api } from '../support/api';
import { type TestOrg, createOrg } from '../support/admin';
import { Cluster } from '../support/cluster';

type FileMeta = {
  size?: number;
  ext: string;
  mimetype: string;
  image?: { width: number; height: number; animated: boolean };
};
type Attachment = {
  attachmentID: string;
  name: string;
  url: string;
  previewUrl?: string;
  meta: { original: FileMeta; preview?: FileMeta };
};
type Attached = { messageID: string; type: string; message: string; replyTo: string | null; attachment: Attachment };
type Body<T> = { response: T; error?: { code: string; message: string } };

const MAX_BYTES = 300_000;

describe('Attachments: upload, signed downloads, previews, access at download time', () => {
  let cluster: Cluster;
  let org: TestOrg;
  let alice: Api;
  let bob: Api;
  let carol: Api;
  let privateId: string;
  let dir: string;
  let png: Buffer;

  const upload = async (
    token: string,
    channelId: string,
    file: Buffer | null,
    name = 'file.bin',
    extra: Record<string, string> = {},
  ) => {
    const form = new FormData();
    if (file)
      form.append(
        'upload',
        new Blob([new Uint8Array(file)], { type: 'image/png' /* lies on purpose for non-images */ }),
        name,
      );
    for (const [key, value] of Object.entries(extra)) form.append(key, value);
    const response = await fetch(`${cluster.apiUrl}/channels/${channelId}/attach`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Body<Attached> };
  };
  const download = (url: string) => fetch(cluster.apiUrl + url);
  const expectError = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const { status: actual, body } = await promise;
    expect({ status: actual, code: (body as Body<unknown>).error?.code }).toEqual({ status, code });
  };
  const expectMissing = async (url: string) => {
    const response = await download(url);
    expect({ status: response.status, code: ((await response.json()) as Body<unknown>).error?.code }).toEqual({
      status: 404,
      code: 'not_found',
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sb-attachments-'));
    org = createOrg(3); // before the cluster: see status.e2e.ts
    cluster = await Cluster.start({ messagingEnv: { ATTACHMENT_DIR: dir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    alice = api(cluster.apiUrl, org.users[0].token);
    bob = api(cluster.apiUrl, org.users[1].token);
    carol = api(cluster.apiUrl, org.users[2].token);
    privateId = (
      await alice.post<Body<{ channelID: string }>>('/channels/', {
        name: 'files',
        type: 'private',
        members: [org.users[1].id],
      })
    ).body.response.channelID;
    png = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .png()
      .toBuffer();
  });

  afterAll(async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores an image, posts a message that references it, and serves original and preview by signed link', async () => {
    const { status, body } = await upload(org.users[0].token, privateId, png, 'red square.png');
    expect(status).toBe(200);
    const attached = body.response;
    expect(attached).toMatchObject({
      type: 'attachment',
      message: 'red square.png',
      attachment: {
        name: 'red square.png',
        meta: {
          original: {
            mimetype: 'image/png',
            ext: 'png',
            size: png.length,
            image: { width: 800, height: 600, animated: false },
          },
          preview: { mimetype: 'image/jpeg', ext: 'jpg' },
        },
      },
    });
    expect(attached.attachment.previewUrl).toMatch(/\/preview\.jpg\?sign=/);

    const original = await download(attached.attachment.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(Buffer.from(await original.arrayBuffer()).equals(png)).toBe(true);

    const preview = await download(attached.attachment.previewUrl!);
    expect(preview.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await preview.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);

    const forced = await download(`${attached.attachment.url}&download=true`);
    expect(forced.headers.get('content-disposition')).toMatch(/^attachment; filename="red square.png"/);

    const history = await bob.get<Body<{ messages: { messageID: string; type: string }[] }>>(
      `/channels/${privateId}/messages/`,
    );
    expect(history.body.response.messages.find((m) => m.messageID === attached.messageID)?.type).toBe('attachment');
  });

  it('sniffs the type from the bytes: text stays text/plain whatever the name, and has no preview', async () => {
    const { body } = await upload(
      org.users[1].token,
      privateId,
      Buffer.from('<script>alert(1)</script>'),
      'evil.html',
      { replyTo: '' },
    );
    expect(body.response.attachment).toMatchObject({ meta: { original: { mimetype: 'text/plain; charset=utf-8' } } });
    expect(body.response.attachment).not.toHaveProperty('previewUrl');
    expect(body.response.attachment.meta).not.toHaveProperty('preview');
    const served = await download(body.response.attachment.url);
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('uploads as a thread reply with replyTo', async () => {
    const root = (
      await alice.post<Body<{ messageID: string }>>(`/channels/${privateId}/messages/`, { message: 'root' })
    ).body.response.messageID;
    const { body } = await upload(org.users[0].token, privateId, Buffer.from('notes'), 'notes.txt', { replyTo: root });
    expect(body.response.replyTo).toBe(root);
  });

  it('links cannot be forged, reused for another attachment or another user, and need the signature', async () => {
    const first = (await upload(org.users[0].token, privateId, Buffer.from('one'), 'one.txt')).body.response.attachment;
    const second = (await upload(org.users[0].token, privateId, Buffer.from('two'), 'two.txt')).body.response
      .attachment;
    const sign = new URL(first.url, 'http://x').searchParams.get('sign')!;
    await expectMissing(`/attachment/${second.attachmentID}/original/two.txt?sign=${sign}&userID=${org.users[0].id}`);
    await expectMissing(`/attachment/${first.attachmentID}/original/one.txt?sign=${sign}&userID=${org.users[1].id}`);
    await expectMissing(
      `/attachment/${first.attachmentID}/original/one.txt?sign=${'A'.repeat(43)}&userID=${org.users[0].id}`,
    );
    const missing = await download(`/attachment/${first.attachmentID}/original/one.txt?userID=${org.users[0].id}`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Body<unknown>).error?.code).toBe('validation_failed');
    const badId = await download(`/attachment/abc/original/one.txt?sign=${sign}&userID=${org.users[0].id}`);
    expect(badId.status).toBe(400);
  });

  it('never serves a file of a private channel to a non-member, or to a removed member, even with their own valid link', async () => {
    const { body } = await upload(org.users[0].token, privateId, png, 'secret.png');
    const attachment = body.response.attachment;
    // bob's own link, signed for him while he was a member
    const bobsHistory = await bob.get<Body<{ messages: { messageID: string }[] }>>(`/channels/${privateId}/messages/`);
    expect(bobsHistory.status).toBe(200);
    const bobsLink = attachment.url
      .replace(`userID=${org.users[0].id}`, `userID=${org.users[1].id}`)
      .replace(/sign=[^&]+/, `sign=${await signFor(org.users[1].id, attachment)}`);
    expect((await download(bobsLink)).status).toBe(200);
    await alice.delete(`/channels/${privateId}/members/${org.users[1].id}`);
    await expectMissing(bobsLink);
    await expectMissing(bobsLink.replace('/original/secret.png', '/preview.jpg'));
    // carol never was a member: a link with her id needs a signature only the server can make
    await expectMissing(attachment.url.replace(`userID=${org.users[0].id}`, `userID=${org.users[2].id}`));
    await alice.put(`/channels/${privateId}/members/${org.users[1].id}`);
  });

  it('refuses a preview of another format, and of a non-image', async () => {
    const image = (await upload(org.users[0].token, privateId, png, 'p.png')).body.response.attachment;
    await expectMissing(image.previewUrl!.replace('preview.jpg', 'preview.webp'));
  });

  it.each([
    ['no file', null, 'x.bin', 400, 'validation_failed'],
    ['an empty file', Buffer.alloc(0), 'empty.txt', 400, 'validation_failed'],
    ['an executable', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'tool', 415, 'unsupported_media_type'],
    [
      'a broken image',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      'broken.png',
      415,
      'unsupported_media_type',
    ],
    ['a file over the limit', Buffer.alloc(MAX_BYTES + 1, 0x61), 'big.txt', 413, 'payload_too_large'],
  ])('refuses %s, posting nothing', async (_label, file, name, status, code) => {
    const before = (await alice.get<Body<{ messages: unknown[] }>>(`/channels/${privateId}/messages/?limit=200`)).body
      .response.messages.length;
    await expectError(upload(org.users[0].token, privateId, file, name), status, code);
    expect(
      (await alice.get<Body<{ messages: unknown[] }>>(`/channels/${privateId}/messages/?limit=200`)).body.response
        .messages.length,
    ).toBe(before);
  });

  it('refuses uploads to a channel the caller may not read (404) and a malformed replyTo (400)', async () => {
    await expectError(upload(org.users[2].token, privateId, Buffer.from('x'), 'x.txt'), 404, 'channel_not_found');
    await expectError(
      upload(org.users[0].token, privateId, Buffer.from('x'), 'x.txt', { replyTo: 'abc' }),
      400,
      'validation_failed',
    );
    await expectError(carol.post(`/channels/${privateId}/attach`, { upload: 'x' }), 415, 'unsupported_media_type');
  });

  it('refuses uploads when a rule denies attachment.upload', async () => {
    const admin = api(cluster.apiUrl, org.admin.token);
    await admin.call('PATCH', '/permissions/2/rules', {
      rules: [{ resource: 'messaging:channel:*', operation: 'attachment.upload', access: 'deny' }],
    });
    try {
      await expectError(upload(org.users[0].token, privateId, Buffer.from('x'), 'x.txt'), 403, 'forbidden');
    } finally {
      await admin.delete('/permissions/2/rules');
    }
  });

  /** The link bob gets from the API: the history of the channel carries signed URLs per viewer. */
  async function signFor(userId: string, attachment: Attachment): Promise<string> {
    const who = userId === org.users[1].id ? bob : alice;
    const page = await who.get<Body<{ messages: { messageID: string; attachment?: Attachment }[] }>>(
      `/channels/${privateId}/messages/?limit=200`,
    );
    const mine = page.body.response.messages.find(
      (m) => m.attachment?.attachmentID === attachment.attachmentID,
    )?.attachment;
    return new URL(mine!.url, 'http://x').searchParams.get('sign')!;
  }
});
