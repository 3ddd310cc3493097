import type { ReadFlip } from '@switchboard/contracts';

/**
 * Per-message read flags on top of read markers. A channel's marker covers its top-level messages,
 * a thread's marker its replies, and "read" means "not newer than the marker". Marking listed
 * messages read moves each marker they fall under forward to the newest of them; marking them
 * unread moves it back to just before the oldest. Both are coarser than per-message flags: older
 * (newer) messages under the same marker change along.
 */

/** Messages listed in one read event at most; clients re-read state when an event says it is truncated. */
export const MAX_FLIPPED = 5000;

/** Which marker covers a message: its channel's (threadId null) or its thread's. */
export interface MarkerScope {
  channelId: string;
  threadId: string | null;
}

export interface ListedMessage extends MarkerScope {
  id: string;
}

/** Where a listed message set wants a marker: at `messageId` (read) or just before it (unread). */
export interface MarkerTarget extends MarkerScope {
  messageId: string;
}

/** A marker that really moved, from `from` to `to` (null: nothing read). */
export interface MovedMarker extends MarkerScope {
  from: string | null;
  to: string | null;
}

export type MoveDirection = 'forward' | 'backward';

export const scopeKey = (scope: MarkerScope): string =>
  scope.threadId === null ? `c:${scope.channelId}` : `t:${scope.threadId}`;

const big = (id: string | null): bigint => BigInt(id ?? 0);

/** Per marker, the newest listed message (read) or the oldest (unread), in first-seen order. */
export function markerTargets(messages: ListedMessage[], read: boolean): MarkerTarget[] {
  const targets = new Map<string, MarkerTarget>();
  for (const message of messages) {
    const key = scopeKey(message);
    const current = targets.get(key);
    if (!current || (read ? big(message.id) > big(current.messageId) : big(message.id) < big(current.messageId))) {
      targets.set(key, { channelId: message.channelId, threadId: message.threadId, messageId: message.id });
    }
  }
  return [...targets.values()];
}

/** A marker only moves in the wanted direction: reading never unreads, unreading never reads. */
export function movesMarker(from: string | null, to: string | null, direction: MoveDirection): boolean {
  return direction === 'forward' ? big(to) > big(from) : big(to) < big(from);
}

/** The listed messages whose read state a set of moves flipped: those between a moved marker's old and new place. */
export function flippedListed(messages: ListedMessage[], moved: MovedMarker[]): string[] {
  const byScope = new Map(moved.map((move) => [scopeKey(move), move]));
  return messages
    .filter((message) => {
      const move = byScope.get(scopeKey(message));
      if (!move) return false;
      const [low, high] =
        big(move.from) < big(move.to) ? [big(move.from), big(move.to)] : [big(move.to), big(move.from)];
      return big(message.id) > low && big(message.id) <= high;
    })
    .map((message) => message.id);
}

/** The `flipped` of a `channel.read` event, from what ReadStateRepository.between (or the batched flipped) found, at most MAX_FLIPPED + 1 ids. */
export function readFlip(from: string | null, to: string | null, zulipIds: number[]): ReadFlip {
  return {
    read: big(to) > big(from),
    zulipIds: zulipIds.slice(0, MAX_FLIPPED),
    truncated: zulipIds.length > MAX_FLIPPED,
  };
}
