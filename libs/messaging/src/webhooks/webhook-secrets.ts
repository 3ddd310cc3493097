import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** Shared with the dispatcher, which derives the same secret from the job's salt. */
export { deriveSigningSecret } from '@switchboard/contracts';
