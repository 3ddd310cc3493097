import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Incoming webhook tokens: `sbw_` + 256 random bits; only their SHA-256 is stored (as api tokens). */
export const WEBHOOK_TOKEN_PREFIX = 'sbw_';
const WEBHOOK_TOKEN_SHAPE = /^sbw_[A-Za-z0-9_-]{43}$/;

export function newWebhookToken(): string {
  return WEBHOOK_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function isWebhookTokenShaped(token: string): boolean {
  return WEBHOOK_TOKEN_SHAPE.test(token);
}

export function hashWebhookToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashWebhookToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export function newSigningSalt(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The signing secret is derived, not stored: HMAC-SHA256(WEBHOOK_SECRET_KEY, "<webhookId>.<salt>").
 * A database dump alone cannot sign (the key lives in the service's config), the dispatcher gets
 * the secret over the authenticated internal API for each attempt, and a new salt rotates it.
 */
export function deriveSigningSecret(key: string, webhookId: string, salt: string): string {
  return 'whsec_' + createHmac('sha256', key).update(`${webhookId}.${salt}`).digest('base64url');
}
