/**
 * `expires` of POST /status/, parsed against an injected clock. Time zone rule: wall-clock forms
 * (`afternoon`, `tomorrow`, `1 PM`, `2019-05-20`) are read in the time zone given by
 * `utcOffsetMinutes` (minutes east of UTC, default 0 = UTC), because users carry no time zone in
 * this system yet; durations (`1h`, `30m`) do not depend on it. Forms:
 *
 * - empty / `never`             → the status does not expire
 * - `when-active`               → cleared when the user is next active (see docs/api/messaging-rest.md)
 * - `30m`, `1h`, `2d`, `1h30m`   → that long from now (at most 366 days)
 * - `afternoon`                 → today 13:00, or tomorrow 13:00 once today's has passed
 * - `tomorrow`                  → the start (00:00) of the next day
 * - `1 PM`, `1:30pm`, `13:00`   → the next time the clock shows that time (today or tomorrow)
 * - `2019-05-20`                → the start of that day; a full ISO 8601 timestamp → that instant
 *
 * Moments that are not in the future are refused.
 */
export type StatusExpiry = { kind: 'never' } | { kind: 'when-active' } | { kind: 'at'; at: Date };

export type StatusExpiryResult = { ok: true; expiry: StatusExpiry } | { ok: false; reason: string };

export const STATUS_EXPIRY_FORMS =
  'when-active, afternoon, tomorrow, a duration like 30m, 1h or 1h30m, a time like 1 PM or 13:00, a date like 2019-05-20';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_DURATION = 366 * DAY;
const AFTERNOON_HOUR = 13;

export function parseStatusExpiry(
  input: string | undefined | null,
  now: Date,
  utcOffsetMinutes = 0,
): StatusExpiryResult {
  const text = (input ?? '').trim().toLowerCase();
  if (text === '' || text === 'never') return ok({ kind: 'never' });
  if (text === 'when-active' || text === 'when active') return ok({ kind: 'when-active' });

  const offset = utcOffsetMinutes * MINUTE;
  const local = new Date(now.getTime() + offset); // a Date whose UTC fields show the local wall clock
  const startOfLocalDay = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const fromLocal = (localMs: number) => new Date(localMs - offset);

  if (text === 'tomorrow') return future(fromLocal(startOfLocalDay + DAY), now);
  if (text === 'afternoon')
    return ok({ kind: 'at', at: fromLocal(nextOccurrence(startOfLocalDay, AFTERNOON_HOUR * HOUR, local.getTime())) });

  const duration = parseDuration(text);
  if (duration !== null) {
    if (duration <= 0 || duration > MAX_DURATION)
      return { ok: false, reason: 'a duration must be between 1 minute and 366 days' };
    return ok({ kind: 'at', at: new Date(now.getTime() + duration) });
  }

  const clock = parseClock(text);
  if (clock === 'invalid') return { ok: false, reason: `${input} is not a valid time of day` };
  if (clock !== null) return ok({ kind: 'at', at: fromLocal(nextOccurrence(startOfLocalDay, clock, local.getTime())) });

  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const ms = Date.UTC(year, month - 1, date);
    const check = new Date(ms);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date)
      return { ok: false, reason: `${input} is not a valid date` };
    return future(fromLocal(ms), now);
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = new Date(text.toUpperCase());
    if (Number.isNaN(at.getTime())) return { ok: false, reason: `${input} is not a valid timestamp` };
    return future(at, now);
  }
  return { ok: false, reason: `expires must be one of: ${STATUS_EXPIRY_FORMS}` };
}

function ok(expiry: StatusExpiry): StatusExpiryResult {
  return { ok: true, expiry };
}

function future(at: Date, now: Date): StatusExpiryResult {
  return at.getTime() > now.getTime() ? ok({ kind: 'at', at }) : { ok: false, reason: 'expires is in the past' };
}

/** `1h`, `30m`, `2d`, `1h30m`, `45s`; also with spaces and long units (`1 hour`, `30 minutes`). */
function parseDuration(text: string): number | null {
  const compact = text.replace(/\s+/g, '');
  const match = /^(?:(\d{1,3})(?:d|days?))?(?:(\d{1,4})(?:h|hours?|hrs?))?(?:(\d{1,6})(?:m|mins?|minutes?))?$/.exec(
    compact,
  );
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return null;
  return Number(match[1] ?? 0) * DAY + Number(match[2] ?? 0) * HOUR + Number(match[3] ?? 0) * MINUTE;
}

/** Milliseconds since midnight for `1 PM`, `1:30pm`, `12 am`, `13:00`; null when not a clock form. */
function parseClock(text: string): number | 'invalid' | null {
  const twelve = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$/.exec(text);
  if (twelve) {
    const [hour, minute] = [Number(twelve[1]), Number(twelve[2] ?? 0)];
    if (hour < 1 || hour > 12 || minute > 59) return 'invalid';
    return ((hour % 12) + (twelve[3] === 'pm' ? 12 : 0)) * HOUR + minute * MINUTE;
  }
  const twentyFour = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (twentyFour) {
    const [hour, minute] = [Number(twentyFour[1]), Number(twentyFour[2])];
    if (hour > 23 || minute > 59) return 'invalid';
    return hour * HOUR + minute * MINUTE;
  }
  return null;
}

/** The next local moment at `timeOfDay` strictly after `localNow`: today, or else tomorrow. */
function nextOccurrence(startOfLocalDay: number, timeOfDay: number, localNow: number): number {
  const today = startOfLocalDay + timeOfDay;
  return today > localNow ? today : today + DAY;
}
