import { DomainError, ErrorCode } from '@switchboard/contracts';
import { NarrowError, type NarrowTerm, parseNarrow } from '@switchboard/narrow';

export interface RegisterParams {
  eventTypes: string[] | null;
  fetchEventTypes: string[] | null;
  narrow: NarrowTerm[];
  allPublicStreams: boolean;
  applyMarkdown: boolean;
  lifespanSecs: number;
  /** Presence keyed by user id in the modern format (register's `presences`). */
  slimPresence: boolean;
  /** `client_capabilities.simplified_presence_events`: presence events in the modern format. */
  simplifiedPresenceEvents: boolean;
  ignored: string[];
}

const KNOWN = new Set([
  'event_types',
  'fetch_event_types',
  'narrow',
  'all_public_streams',
  'queue_lifespan_secs',
  'apply_markdown',
  'client_gravatar',
  'slim_presence',
  'client_capabilities',
  'include_subscribers',
]);

/**
 * Reads register parameters from form fields (JSON-encoded values, `"null"` meaning null) or a JSON
 * body (already typed). Unknown parameters are ignored and reported back, as Zulip does.
 */
export function parseRegisterParams(
  input: Record<string, unknown>,
  lifespan: { default: number; max: number },
): RegisterParams {
  const eventTypes = stringList(input.event_types, 'event_types');
  const fetchEventTypes =
    input.fetch_event_types === undefined ? eventTypes : stringList(input.fetch_event_types, 'fetch_event_types');
  let narrow: NarrowTerm[];
  try {
    narrow = parseNarrow(decode(input.narrow, 'narrow') ?? []);
  } catch (error) {
    if (error instanceof NarrowError) throw new DomainError(ErrorCode.BadNarrow, error.message);
    throw error;
  }
  const requested = integer(input.queue_lifespan_secs, 'queue_lifespan_secs') ?? 0;
  boolean(input.client_gravatar, 'client_gravatar');
  const capabilities = decode(input.client_capabilities, 'client_capabilities');
  if (
    capabilities !== null &&
    capabilities !== undefined &&
    (typeof capabilities !== 'object' || Array.isArray(capabilities))
  )
    throw invalid('client_capabilities', 'is not a dict');
  return {
    eventTypes,
    fetchEventTypes,
    narrow,
    allPublicStreams: boolean(input.all_public_streams, 'all_public_streams') ?? false,
    applyMarkdown: boolean(input.apply_markdown, 'apply_markdown') ?? false,
    // Zulip: 0 means the default; anything longer is capped.
    lifespanSecs: requested <= 0 ? lifespan.default : Math.min(requested, lifespan.max),
    slimPresence: boolean(input.slim_presence, 'slim_presence') ?? false,
    simplifiedPresenceEvents:
      (capabilities as Record<string, unknown> | null | undefined)?.simplified_presence_events === true,
    ignored: Object.keys(input).filter((key) => !KNOWN.has(key)),
  };
}

function decode(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new DomainError(ErrorCode.ValidationFailed, `Argument "${name}" is not valid JSON.`, [
      { field: name, message: 'not valid JSON' },
    ]);
  }
}

function stringList(value: unknown, name: string): string[] | null {
  const decoded = decode(value, name);
  if (decoded === undefined || decoded === null) return null;
  if (!Array.isArray(decoded) || !decoded.every((item) => typeof item === 'string'))
    throw invalid(name, 'is not a list of strings');
  return decoded as string[];
}

function boolean(value: unknown, name: string): boolean | undefined {
  const decoded = decode(value, name);
  if (decoded === undefined || decoded === null) return undefined;
  if (typeof decoded !== 'boolean') throw invalid(name, 'is not a boolean');
  return decoded;
}

function integer(value: unknown, name: string): number | undefined {
  const decoded = decode(value, name);
  if (decoded === undefined || decoded === null) return undefined;
  if (typeof decoded !== 'number' || !Number.isSafeInteger(decoded)) throw invalid(name, 'is not an integer');
  return decoded;
}

function invalid(name: string, problem: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, `${name} ${problem}`, [{ field: name, message: problem }]);
}
