import { DomainError, ErrorCode } from '@switchboard/contracts';

/** What a `GET /api/v1/events` asks for. */
export interface PollParams {
  queueId: string;
  lastEventId: string;
  dontBlock: boolean;
}

/** `GET /api/v1/events` parameters (query string or form) checked as Zulip does, for the raw route and the Express one alike. */
export function pollParams(input: Record<string, unknown>): PollParams {
  const queueId = paramText(input.queue_id);
  if (!queueId) throw missing('queue_id');
  const lastEventId = paramText(input.last_event_id);
  if (lastEventId === undefined) throw missing('last_event_id');
  return { queueId, lastEventId, dontBlock: paramText(input.dont_block) === 'true' };
}

/** A parameter as text: numbers from JSON bodies read as text; repeated or structured values do not. */
export function paramText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : undefined;
}

function missing(name: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, `Missing '${name}' argument`, [
    { field: name, message: 'missing' },
  ]);
}
