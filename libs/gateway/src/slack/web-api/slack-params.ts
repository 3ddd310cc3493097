import { decodeSlackChannelId, decodeSlackUserId, isId, isSlackTs } from '@switchboard/contracts';
import { SlackApiError, type SlackParams } from './slack-call';

/** Readers for Web API arguments, which arrive as strings (forms, query) or JSON values. */
export function text(params: SlackParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new SlackApiError('invalid_arguments');
}

export function requiredText(params: SlackParams, name: string, error = 'invalid_arguments'): string {
  const value = text(params, name);
  if (value === undefined) throw new SlackApiError(error);
  return value;
}

export function flag(params: SlackParams, name: string, fallback: boolean): boolean {
  const value = text(params, name);
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new SlackApiError('invalid_arguments');
}

export function limit(params: SlackParams, fallback: number, max: number): number {
  const value = text(params, 'limit');
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value)) throw new SlackApiError('invalid_limit');
  const n = Number(value);
  // Slack treats 0 as "the default"; values above the maximum are clamped.
  return n === 0 ? fallback : Math.min(n, max);
}

export function channelId(params: SlackParams, name = 'channel'): string {
  const decoded = decodeSlackChannelId(requiredText(params, name, 'channel_not_found'));
  if (!decoded) throw new SlackApiError('channel_not_found');
  return decoded.id;
}

export function userId(params: SlackParams, name = 'user'): string {
  const decoded = decodeSlackUserId(requiredText(params, name, 'user_not_found'));
  if (!decoded) throw new SlackApiError('user_not_found');
  return decoded;
}

export function ts(params: SlackParams, name: string, error = 'invalid_ts'): string | undefined {
  const value = text(params, name);
  if (value === undefined) return undefined;
  if (!isSlackTs(value)) throw new SlackApiError(error);
  return value;
}

/** Cursors are opaque to clients; ours wrap the last id of the previous page. */
export function encodeCursor(lastId: string | null): string {
  return lastId ? Buffer.from(`id:${lastId}`).toString('base64url') : '';
}

export function decodeCursor(params: SlackParams): string | undefined {
  const cursor = text(params, 'cursor');
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('id:') ? decoded.slice(3) : '';
  if (!isId(id)) throw new SlackApiError('invalid_cursor');
  return id;
}

export function page<T>(items: T[], next: string | null): { items: T[]; response_metadata: { next_cursor: string } } {
  return { items, response_metadata: { next_cursor: encodeCursor(next) } };
}
