import { isId } from './snowflake';

/**
 * Slack-dialect identifiers are views of our decimal ids: a one-letter prefix that tells the kind,
 * then the id in upper-case base 36. Reversible, no lookup table.
 */
export type SlackIdKind = 'public' | 'private' | 'group' | 'user' | 'bot' | 'team' | 'app';

const PREFIX: Record<SlackIdKind, string> = {
  public: 'C',
  private: 'G',
  group: 'D',
  user: 'U',
  bot: 'B',
  team: 'T',
  app: 'A',
};
const KIND_BY_PREFIX = new Map(Object.entries(PREFIX).map(([kind, prefix]) => [prefix, kind as SlackIdKind]));
const SLACK_ID = /^([CGDUBTWA])([0-9A-Z]{1,13})$/;

export function encodeSlackId(kind: SlackIdKind, id: string): string {
  if (!isId(id)) throw new RangeError(`not an id: ${id}`);
  return PREFIX[kind] + BigInt(id).toString(36).toUpperCase();
}

export interface DecodedSlackId {
  kind: SlackIdKind;
  id: string;
}

/** Returns null for anything that is not one of our Slack ids (wrong prefix, not base 36, overflow). */
export function decodeSlackId(value: unknown): DecodedSlackId | null {
  if (typeof value !== 'string') return null;
  const match = SLACK_ID.exec(value.toUpperCase() === value ? value : '');
  if (!match) return null;
  // Slack's enterprise users start with W; we issue U but accept W for the same user.
  const kind = match[1] === 'W' ? 'user' : KIND_BY_PREFIX.get(match[1]);
  if (!kind) return null;
  let n = 0n;
  for (const ch of match[2]) n = n * 36n + BigInt(parseInt(ch, 36));
  const id = n.toString();
  return isId(id) ? { kind, id } : null;
}

/** Decodes a channel id of any of the three conversation kinds. */
export function decodeSlackChannelId(value: unknown): DecodedSlackId | null {
  const decoded = decodeSlackId(value);
  return decoded && (decoded.kind === 'public' || decoded.kind === 'private' || decoded.kind === 'group')
    ? decoded
    : null;
}

/** Decodes a user id; a bot's `B…` id names the bot user as well. */
export function decodeSlackUserId(value: unknown): string | null {
  const decoded = decodeSlackId(value);
  return decoded && (decoded.kind === 'user' || decoded.kind === 'bot') ? decoded.id : null;
}
