import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of attachment links: HMAC-SHA256 with the server's ATTACHMENT_SIGNING_SECRET over the
 * attachment id and the user id, base64url. A link works for that attachment and that user only,
 * cannot be forged without the secret, and is checked in constant time. It does not expire: the
 * download also checks, every time, that the user may still read the channel.
 */
export class AttachmentSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(attachmentId: string, userId: string): string {
    return createHmac('sha256', this.key)
      .update(`switchboard.attachment.v1\n${attachmentId}\n${userId}`)
      .digest('base64url');
  }

  verify(attachmentId: string, userId: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(attachmentId, userId), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
