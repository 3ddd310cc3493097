/** Error codes in `{"ok":false,"reply_to":N,"error":{"code","msg"}}` replies to client frames. */
export const RtmErrorCode = {
  InvalidFrame: 1,
  MissingText: 2,
  ChannelNotFound: 3,
  NotAllowed: 4,
  TooLong: 5,
  RateLimited: 6,
  ServerError: 7,
  UnknownType: 8,
} as const;

export interface ClientFrame {
  id?: number;
  type: string;
  [key: string]: unknown;
}

/** Parses a client frame; returns an error message for anything that is not a JSON object with a type. */
export function parseClientFrame(raw: string): ClientFrame | { error: string; id?: number } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { error: 'Frame is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'Frame must be a JSON object' };
  const frame = value as Record<string, unknown>;
  const id = typeof frame.id === 'number' && Number.isSafeInteger(frame.id) ? frame.id : undefined;
  if (frame.id !== undefined && id === undefined) return { error: 'Frame id must be an integer' };
  if (typeof frame.type !== 'string' || frame.type === '') return { error: 'Frame has no type', id };
  return { ...frame, id, type: frame.type };
}

/** A pong echoes the ping's flat scalar fields (e.g. `time`), as Slack does. */
export function pongFor(frame: ClientFrame): Record<string, unknown> {
  const pong: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(frame)) {
    if (key === 'id' || key === 'type' || key === 'reply_to') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) pong[key] = value;
  }
  return { type: 'pong', ...pong, ...(frame.id !== undefined ? { reply_to: frame.id } : {}) };
}
