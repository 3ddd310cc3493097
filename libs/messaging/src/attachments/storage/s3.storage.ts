import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AttachmentStorage } from './attachment-storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For S3-compatible stores (MinIO, Ceph, R2…); empty for AWS. */
  endpoint?: string;
  forcePathStyle?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Prefix of every object key. */
  prefix?: string;
}

/** Builds the S3 commands; separate from sending so that the request building is unit-testable. */
export class S3Requests {
  constructor(private readonly options: Pick<S3StorageOptions, 'bucket' | 'prefix'>) {}

  objectKey(key: string): string {
    return `${this.options.prefix ?? ''}${key}`;
  }

  put(key: string, bytes: Buffer, contentType: string): PutObjectCommand {
    return new PutObjectCommand({
      Bucket: this.options.bucket,
      Key: this.objectKey(key),
      Body: bytes,
      ContentType: contentType,
      ContentLength: bytes.length,
    });
  }

  get(key: string): GetObjectCommand {
    return new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) });
  }

  delete(key: string): DeleteObjectCommand {
    return new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) });
  }
}

export function s3ClientConfig(options: S3StorageOptions) {
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.accessKeyId && options.secretAccessKey
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
  };
}

/** S3-compatible object storage. Not exercised against a real S3 in this repository's tests. */
export class S3Storage extends AttachmentStorage {
  private readonly requests: S3Requests;

  constructor(
    options: S3StorageOptions,
    private readonly client: Pick<S3Client, 'send'> = new S3Client(s3ClientConfig(options)),
  ) {
    super();
    this.requests = new S3Requests(options);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(this.requests.put(key, bytes, contentType));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(this.requests.get(key));
      const body = answer.Body as { transformToByteArray(): Promise<Uint8Array> } | undefined;
      return body ? Buffer.from(await body.transformToByteArray()) : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** S3 answers 204 for a missing key; some compatible stores answer 404, which counts as deleted too. */
  async delete(key: string): Promise<void> {
    try {
      await this.client.send(this.requests.delete(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return error instanceof NoSuchKey || name === 'NoSuchKey' || name === 'NotFound';
}
