import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Requests, S3Storage, s3ClientConfig } from './s3.storage';

describe('S3 driver (request building only: no real S3 in tests)', () => {
  const requests = new S3Requests({ bucket: 'files', prefix: 'sb/' });

  it('builds a PutObject with type and length (encryption at rest: the bucket default, which S3-compatible stores without KMS also accept)', () => {
    const command = requests.put('1/2/original', Buffer.from('abc'), 'image/png');
    expect(command).toBeInstanceOf(PutObjectCommand);
    expect(command.input).toEqual({
      Bucket: 'files',
      Key: 'sb/1/2/original',
      Body: Buffer.from('abc'),
      ContentType: 'image/png',
      ContentLength: 3,
    });
  });

  it.each([
    ['get', requests.get('1/2/preview'), GetObjectCommand],
    ['delete', requests.delete('1/2/preview'), DeleteObjectCommand],
  ])('builds %s', (_label, command, type) => {
    expect(command).toBeInstanceOf(type);
    expect(command.input).toEqual({ Bucket: 'files', Key: 'sb/1/2/preview' });
  });

  it.each([
    ['AWS', { bucket: 'b', region: 'eu-west-1' }, { region: 'eu-west-1', forcePathStyle: false }],
    [
      'S3-compatible with keys',
      {
        bucket: 'b',
        region: 'us-east-1',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
        accessKeyId: 'k',
        secretAccessKey: 's',
      },
      {
        region: 'us-east-1',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      },
    ],
  ])('client config: %s', (_label, options, expected) => {
    expect(s3ClientConfig(options)).toEqual(expected);
  });

  it('sends the commands through the client and maps NoSuchKey to null', async () => {
    const sent: unknown[] = [];
    const client = {
      send: jest.fn(async (command: { input: unknown; constructor: { name: string } }) => {
        sent.push([command.constructor.name, command.input]);
        if (command.constructor.name === 'GetObjectCommand')
          throw Object.assign(new Error('missing'), { name: 'NoSuchKey' });
        return {};
      }),
    };
    const storage = new S3Storage({ bucket: 'b', region: 'r' }, client as never);
    await storage.put('1/2/original', Buffer.from('x'), 'text/plain');
    expect(await storage.get('1/2/original')).toBeNull();
    await storage.delete('1/2/original');
    expect(sent.map((entry) => (entry as [string])[0])).toEqual([
      'PutObjectCommand',
      'GetObjectCommand',
      'DeleteObjectCommand',
    ]);
  });

  it.each(['NoSuchKey', 'NotFound'])('counts a delete answered %s as done, and fails on other errors', async (name) => {
    const failWith = (errorName: string) =>
      new S3Storage({ bucket: 'b', region: 'r' }, {
        send: jest.fn(async () => Promise.reject(Object.assign(new Error(errorName), { name: errorName }))),
      } as never);
    await expect(failWith(name).delete('1/2/original')).resolves.toBeUndefined();
    await expect(failWith('AccessDenied').delete('1/2/original')).rejects.toThrow('AccessDenied');
  });
});

describe('LocalDiskStorage', () => {
  let root: string;
  beforeAll(async () => (root = await mkdtemp(path.join(os.tmpdir(), 'sb-att-'))));
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stores, reads and deletes', async () => {
    const storage = new LocalDiskStorage(root);
    await storage.put('1/2/original', Buffer.from('bytes'));
    expect((await storage.get('1/2/original'))?.toString()).toBe('bytes');
    await storage.delete('1/2/original');
    expect(await storage.get('1/2/original')).toBeNull();
  });

  it('deletes a missing key without error, and the attachment directory once it is empty', async () => {
    const storage = new LocalDiskStorage(root);
    await storage.put('7/8/original', Buffer.from('o'));
    await storage.put('7/8/preview', Buffer.from('p'));
    await storage.put('7/9/original', Buffer.from('other'));
    await storage.delete('7/8/original');
    expect(await readdir(path.join(root, '7/8'))).toEqual(['preview']);
    await storage.delete('7/8/preview');
    await storage.delete('7/8/preview');
    expect(await readdir(path.join(root, '7'))).toEqual(['9']);
    expect((await storage.get('7/9/original'))?.toString()).toBe('other');
  });

  it.each(['../etc/passwd', '1/2/../../x', '1/2/original/x', 'a/b/original'])('refuses the key %s', async (key) => {
    await expect(new LocalDiskStorage(root).get(key)).rejects.toThrow('unexpected storage key');
  });
});
