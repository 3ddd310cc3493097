import { deriveSigningSecret } from '@switchboard/contracts';

// Enough for every active webhook of a large install; past it the cache starts over.
const MAX_CACHED = 10_000;

/**
 * Webhooks' signing secrets, derived from WEBHOOK_SECRET_KEY and the salt each job carries — the
 * same derivation messaging-service shows the secret with — and cached per (webhook, salt), so a
 * rotated salt is a new entry and the old one is never used again.
 */
export class SigningSecrets {
  private readonly cache = new Map<string, string>();

  constructor(private readonly key: string) {}

  of(webhookId: string, salt: string): string {
    const cacheKey = `${webhookId}.${salt}`;
    let secret = this.cache.get(cacheKey);
    if (secret === undefined) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      secret = deriveSigningSecret(this.key, webhookId, salt);
      this.cache.set(cacheKey, secret);
    }
    return secret;
  }
}
