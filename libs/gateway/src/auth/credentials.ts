import type { Request } from 'express';

/**
 * The three ways clients present credentials: `Authorization: Bearer <token>` (Corteza-style and
 * Slack clients), a `token` field in the form, JSON body or query string (older Slack clients), and
 * HTTP Basic `email:api_key` (Zulip clients).
 */
export type Credentials =
  | { kind: 'token'; token: string }
  | { kind: 'basic'; email: string; apiKey: string }
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string };

type CredentialSource = Pick<Request, 'headers' | 'query'> & { body?: unknown };

export function extractCredentials(req: CredentialSource): Credentials {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.trim() !== '') return fromHeader(header.trim());
  const bodyToken = fieldOf(req.body, 'token');
  const queryToken = fieldOf(req.query, 'token');
  const token = bodyToken ?? queryToken;
  if (token !== undefined) return token ? { kind: 'token', token } : { kind: 'none' };
  return { kind: 'none' };
}

function fromHeader(header: string): Credentials {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'bearer')
    return value ? { kind: 'token', token: value } : { kind: 'malformed', reason: 'Empty bearer token' };
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (!value || colon <= 0) return { kind: 'malformed', reason: 'Invalid authorization header for basic auth' };
    return { kind: 'basic', email: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
  }
  return { kind: 'malformed', reason: `Unsupported authorization scheme: ${scheme.slice(0, 20)}` };
}

function fieldOf(container: unknown, key: string): string | undefined {
  if (typeof container !== 'object' || container === null) return undefined;
  const value = (container as Record<string, unknown>)[key];
  return typeof value === 'string' ? value.trim() : undefined;
}
