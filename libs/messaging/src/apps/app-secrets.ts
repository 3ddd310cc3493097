import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { SlackAppTokenKind } from '@switchboard/db';

/** `xapp-…` and `xoxb-…` as Slack shapes them, with 256 random bits; only the SHA-256 is stored. */
const PREFIX: Record<SlackAppTokenKind, string> = { app: 'xapp-', bot: 'xoxb-' };
const SHAPE = /^(xapp|xoxb)-[A-Za-z0-9_-]{43}$/;

export function newAppToken(kind: SlackAppTokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function appTokenKind(token: string): SlackAppTokenKind | null {
  const match = SHAPE.exec(token);
  if (!match) return null;
  return match[1] === 'xapp' ? 'app' : 'bot';
}

export function isAppTokenShaped(token: string): boolean {
  return token.startsWith('xapp-') || token.startsWith('xoxb-');
}

export function hashAppToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The signing secret is derived like outgoing webhooks' (WEBHOOK_SECRET_KEY + a per-app salt), not
 * stored: a dump cannot sign, and the dispatcher gets it per delivery over the internal API. Shaped
 * like Slack's (32 hex characters).
 */
export function deriveAppSigningSecret(key: string, appId: string, salt: string): string {
  return createHmac('sha256', key).update(`slack-app.${appId}.${salt}`).digest('hex').slice(0, 32);
}

export function newAppSalt(): string {
  return randomBytes(16).toString('base64url');
}
