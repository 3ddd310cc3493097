/**
 * Socket Mode wire frames, pure. An envelope id names the stream entry it carries and the attempt,
 * so an ack finds its entry on whichever replica receives it.
 */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

export interface EventsApiEnvelope {
  envelope_id: string;
  type: 'events_api';
  payload: unknown;
  accepts_response_payload: false;
  retry_attempt: number;
  retry_reason: string;
}

const ENVELOPE_ID = /^sb-(\d{1,20}-\d{1,20})-(\d{1,6})$/;

export function envelopeId(entryId: string, attempt: number): string {
  return `sb-${entryId}-${attempt}`;
}

/** The stream entry id an envelope carried, or null for anything else. */
export function entryOfEnvelope(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const match = ENVELOPE_ID.exec(id);
  return match ? match[1] : null;
}

export function eventsApiEnvelope(entryId: string, payload: string, attempt: number): string {
  // The payload is already JSON: spliced in, not parsed and serialised again for every socket.
  const head = {
    envelope_id: envelopeId(entryId, attempt),
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: attempt,
    retry_reason: attempt > 0 ? 'timeout' : '',
  };
  return `${JSON.stringify(head).slice(0, -1)},"payload":${payload}}`;
}

export function helloFrame(appSlackId: string, numConnections: number, host: string, connectedAt: number): string {
  return JSON.stringify({
    type: 'hello',
    num_connections: numConnections,
    debug_info: {
      host,
      build_number: 1,
      approximate_connection_time: Math.max(0, Math.round((Date.now() - connectedAt) / 1000)),
    },
    connection_info: { app_id: appSlackId },
  });
}

export function disconnectFrame(reason: DisconnectReason, host: string): string {
  return JSON.stringify({ type: 'disconnect', reason, debug_info: { host } });
}

/** A client frame: an ack `{envelope_id, payload?}`, or something we ignore. */
export function parseAck(raw: string): { entryId: string } | null {
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const entryId = entryOfEnvelope((frame as { envelope_id?: unknown }).envelope_id);
  return entryId ? { entryId } : null;
}
