import { createHash } from 'node:crypto';
import { InternalRoutes, type Principal } from '@switchboard/contracts';
import type { InternalClient } from '../internal-client/internal-client';

interface Entry {
  principal: Promise<Principal>;
  expires: number;
}

/**
 * Resolves credentials to a principal through messaging-service (which owns tokens), remembering
 * successes for a few seconds per process so a burst of polls or API calls does not cost a token
 * lookup each. Keys are hashes of the credentials, so no secret stays in memory as a key; failures
 * are never remembered; concurrent lookups of one credential share one call. The price: a revoked
 * token or a deactivated user keeps working at the edge for up to `ttlMs`.
 */
export class PrincipalResolver {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly messaging: InternalClient,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  byToken(token: string, requestId?: string): Promise<Principal> {
    return this.cached(`t:${token}`, () =>
      this.messaging.call({ requestId }, InternalRoutes.authByToken, { body: { token } }),
    );
  }

  byBasic(email: string, apiKey: string, requestId?: string): Promise<Principal> {
    return this.cached(`b:${email.trim().toLowerCase()}\u0000${apiKey}`, () =>
      this.messaging.call({ requestId }, InternalRoutes.authByBasic, { body: { email, apiKey } }),
    );
  }

  get size(): number {
    return this.cache.size;
  }

  private cached(credential: string, lookup: () => Promise<Principal>): Promise<Principal> {
    if (this.ttlMs <= 0) return lookup();
    const key = createHash('sha256').update(credential).digest('base64url');
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.principal;
    if (hit) this.cache.delete(key);
    if (this.cache.size >= this.maxEntries) this.evict(now);
    const principal = lookup();
    // Between 80 and 100 % of the TTL: entries filled together (a fleet connecting at once) do not all expire together.
    this.cache.set(key, { principal, expires: now + this.ttlMs * (0.8 + 0.2 * Math.random()) });
    principal.catch(() => {
      if (this.cache.get(key)?.principal === principal) this.cache.delete(key);
    });
    return principal;
  }

  /** Drops expired entries, then the oldest ones, so the map stays within bounds. */
  private evict(now: number): void {
    for (const [key, entry] of this.cache) if (entry.expires <= now) this.cache.delete(key);
    for (const key of this.cache.keys()) {
      if (this.cache.size < this.maxEntries) break;
      this.cache.delete(key);
    }
  }
}
