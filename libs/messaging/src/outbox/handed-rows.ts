import type { OutboxRow } from './outbox-cursor.store';

/**
 * Splits rows handed over by local writers into those the relay can publish now and the
 * organisations it must read instead. An organisation's handed rows are published only when they
 * continue its last relayed event id without a gap: event ids follow commit order, so every id up to
 * the first handed one is committed, and a gap means another writer's events, whose NOTIFY may
 * still be on its way, come first. Rows at or before the relayed position were read already.
 * Organisations the relay has not relayed yet since it took the lead are read too.
 */
export function takeContiguous(
  handed: readonly OutboxRow[],
  lastRelayed: ReadonlyMap<string, string>,
): { ready: OutboxRow[]; toRead: Set<string> } {
  const ready: OutboxRow[] = [];
  const toRead = new Set<string>();
  const position = new Map<string, bigint>();
  for (const row of handed) {
    const org = row.organisation_id;
    if (toRead.has(org)) continue;
    let last = position.get(org);
    if (last === undefined) {
      const relayed = lastRelayed.get(org);
      if (relayed === undefined) {
        toRead.add(org);
        continue;
      }
      last = BigInt(relayed);
    }
    const eventId = BigInt(row.event_id);
    if (eventId <= last) continue;
    if (eventId !== last + 1n) {
      toRead.add(org);
      continue;
    }
    ready.push(row);
    position.set(org, eventId);
  }
  // An organisation with a gap is read from its relayed position, its handed rows with it.
  return { ready: ready.filter((row) => !toRead.has(row.organisation_id)), toRead };
}
