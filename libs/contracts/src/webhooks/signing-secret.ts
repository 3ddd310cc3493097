import { createHmac } from 'node:crypto';

/**
 * An outgoing webhook's signing secret is derived, not stored: HMAC-SHA256(WEBHOOK_SECRET_KEY,
 * "<webhookId>.<salt>"). messaging-service shows it once (create, rotate); the dispatcher derives it
 * from the salt its job carries. A database dump or a Redis dump alone cannot sign, and a new salt
 * rotates it.
 */
export function deriveSigningSecret(key: string, webhookId: string, salt: string): string {
  return 'whsec_' + createHmac('sha256', key).update(`${webhookId}.${salt}`).digest('base64url');
}
