import { createHash } from 'node:crypto';
import {
  deriveSigningSecret,
  hashWebhookToken,
  isWebhookTokenShaped,
  newSigningSalt,
  newWebhookToken,
  tokenMatches,
} from './webhook-secrets';

describe('webhook secrets', () => {
  it('issues sbw_ tokens of 256 random bits, stored as SHA-256 hex', () => {
    const token = newWebhookToken();
    expect(isWebhookTokenShaped(token)).toBe(true);
    expect(newWebhookToken()).not.toBe(token);
    expect(hashWebhookToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it.each([
    ['the right token', (token: string) => token, true],
    ['another token', () => newWebhookToken(), false],
    [
      'the token with a changed character',
      (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
      false,
    ],
    ['an empty string', () => '', false],
  ])('tokenMatches with %s', (_label, given, expected) => {
    const token = newWebhookToken();
    expect(tokenMatches(given(token), hashWebhookToken(token))).toBe(expected);
  });

  it.each([
    ['sbt_' + 'a'.repeat(43), false],
    ['sbw_' + 'a'.repeat(42), false],
    ['sbw_' + 'a'.repeat(43), true],
    ['sbw_' + 'a'.repeat(42) + '/', false],
    ['deliveries', false],
  ])('isWebhookTokenShaped(%s) is %s', (token, expected) => {
    expect(isWebhookTokenShaped(token)).toBe(expected);
  });

  it('derives the signing secret from the key, the webhook id and the salt, and from nothing else', () => {
    const salt = newSigningSalt();
    const secret = deriveSigningSecret('key-one-0123456789', '42', salt);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(deriveSigningSecret('key-one-0123456789', '42', salt)).toBe(secret);
    expect(deriveSigningSecret('key-two-0123456789', '42', salt)).not.toBe(secret);
    expect(deriveSigningSecret('key-one-0123456789', '43', salt)).not.toBe(secret);
    expect(deriveSigningSecret('key-one-0123456789', '42', newSigningSalt())).not.toBe(secret);
  });
});
