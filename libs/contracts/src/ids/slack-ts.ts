import { idSequence, idTimestampMs } from './snowflake';

/**
 * A Slack message `ts` ("1700000000.000100"): seconds, then six digits made of the milliseconds
 * and the id's sequence modulo 1000. It is derived from the message id once, stored beside it and
 * unique per channel (a unique index guards the rare collision), so `chat.update` can find the
 * message by `ts`. Being fixed-width it sorts by creation time to the millisecond; within one
 * millisecond its order may differ from the ids' (only `sequence % 1000` is kept), so history is
 * always ordered by id, never by ts.
 */
export function slackTsFromId(id: string): string {
  const ms = idTimestampMs(id);
  const seconds = Math.floor(ms / 1000);
  const micros = (ms % 1000) * 1000 + (idSequence(id) % 1000);
  return `${seconds}.${String(micros).padStart(6, '0')}`;
}

const TS = /^[0-9]{9,11}\.[0-9]{6}$/;

export function isSlackTs(value: unknown): value is string {
  return typeof value === 'string' && TS.test(value);
}

/** Milliseconds of a `ts`, for range queries (`oldest`/`latest`). */
export function slackTsToMs(ts: string): number {
  const [seconds, micros] = ts.split('.');
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}
