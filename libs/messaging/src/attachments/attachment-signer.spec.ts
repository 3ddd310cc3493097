import { AttachmentSigner } from './attachment-signer';

describe('AttachmentSigner', () => {
  const signer = new AttachmentSigner('a-test-secret-of-enough-length');
  const sign = signer.sign('100', '7');

  it.each([
    ['the same attachment and user', '100', '7', sign, true],
    ['another attachment', '101', '7', sign, false],
    ['another user', '100', '8', sign, false],
    ['a truncated signature', '100', '7', sign.slice(0, -1), false],
    ['an empty signature', '100', '7', '', false],
    [
      'a signature from another secret',
      '100',
      '7',
      new AttachmentSigner('another-secret-of-enough-length').sign('100', '7'),
      false,
    ],
  ])('verify: %s', (_label, attachmentId, userId, signature, expected) => {
    expect(signer.verify(attachmentId, userId, signature)).toBe(expected);
  });

  it('is url-safe and stable', () => {
    expect(sign).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signer.sign('100', '7')).toBe(sign);
  });
});
