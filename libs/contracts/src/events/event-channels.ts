/**
 * Redis sharded pub/sub channel names. The `{…}` hash tag keeps each channel and its dedupe key in
 * one Redis Cluster slot, so the relay's publish-once script runs on a cluster unchanged.
 */
export type EventTarget = { kind: 'conv' | 'user' | 'org' | 'presence'; id: string };

export function eventChannel(target: EventTarget): string {
  return `sb:ev:{${target.kind}:${target.id}}`;
}

export function eventDedupeKey(target: EventTarget): string {
  return `sb:ev-last:{${target.kind}:${target.id}}`;
}

export function parseEventChannel(channel: string): EventTarget | null {
  const match = /^sb:ev:\{(conv|user|org|presence):([0-9]+)\}$/.exec(channel);
  return match ? ({ kind: match[1], id: match[2] } as EventTarget) : null;
}

/**
 * The per-organisation event log: a Redis Stream whose entry ids are `<eventId>-0`, written by the
 * outbox relay and capped in length. Event queues and RTM resume replay from it.
 */
export function eventLogKey(organisationId: string): string {
  return `sb:log:{org:${organisationId}}`;
}

/**
 * The per-organisation log of transient events (typing, presence): a short Redis Stream with
 * server-assigned ids, so that Zulip event queues, which poll, see what was published between
 * two polls. Appends are also announced on the organisation's transient wake channel.
 */
export function transientLogKey(organisationId: string): string {
  return `sb:tlog:{org:${organisationId}}`;
}

export function transientWakeChannel(organisationId: string): string {
  return `sb:tlog-wake:{org:${organisationId}}`;
}
