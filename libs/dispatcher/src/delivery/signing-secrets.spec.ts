import { createHmac } from 'node:crypto';
import { SigningSecrets } from './signing-secrets';

describe('SigningSecrets', () => {
  const KEY = 'a-webhook-secret-key-for-tests';
  const expected = (webhookId: string, salt: string) =>
    'whsec_' + createHmac('sha256', KEY).update(`${webhookId}.${salt}`).digest('base64url');

  it.each([
    ['1', 'salt-a'],
    ['383912345678901234', 'Zm9vYmFy'],
    ['2', ''],
  ])(
    'webhook %s with salt %s: whsec_ + base64url(HMAC-SHA256(key, "<id>.<salt>")), as messaging-service shows it',
    (webhookId, salt) => {
      expect(new SigningSecrets(KEY).of(webhookId, salt)).toBe(expected(webhookId, salt));
    },
  );

  it('a rotated salt gives a new secret; the same salt the same one', () => {
    const secrets = new SigningSecrets(KEY);
    const before = secrets.of('7', 'old');
    expect(secrets.of('7', 'new')).not.toBe(before);
    expect(secrets.of('7', 'old')).toBe(before);
  });

  it('another key gives other secrets', () => {
    expect(new SigningSecrets(KEY).of('7', 's')).not.toBe(new SigningSecrets(KEY + '!').of('7', 's'));
  });
});
