import type { AttemptOutcome } from '@switchboard/contracts';

/** What came back from one POST (or why nothing did). */
export type TargetAnswer =
  | {
      kind: 'response';
      statusCode: number;
      headers: Record<string, string | string[] | undefined>;
      body: string;
      truncated: boolean;
    }
  | { kind: 'refused'; reason: string }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'network'; message: string };

export interface Classified {
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  reply: string | null;
  /** From Retry-After on 429/503, capped by the caller. */
  retryAfterMs: number | null;
}

/**
 * The retry policy: network errors, timeouts, 429 and 5xx are retried (dead after the last
 * attempt); other 4xx, redirects (never followed) and SSRF refusals are dead at once; 2xx is
 * delivered, and its body may carry a reply.
 */
export function classifyAnswer(answer: TargetAnswer, isLastAttempt: boolean, nowMs: number): Classified {
  const retry = (error: string, statusCode: number | null = null, retryAfterMs: number | null = null): Classified => ({
    outcome: isLastAttempt ? 'dead' : 'retry',
    statusCode,
    error: isLastAttempt ? `${error} (last attempt)` : error,
    reply: null,
    retryAfterMs,
  });
  const dead = (error: string, statusCode: number | null = null): Classified => ({
    outcome: 'dead',
    statusCode,
    error,
    reply: null,
    retryAfterMs: null,
  });
  switch (answer.kind) {
    case 'refused':
      return dead(`refused: ${answer.reason}`);
    case 'timeout':
      return retry(`timed out after ${answer.afterMs} ms`);
    case 'network':
      return retry(`network error: ${answer.message}`);
    case 'response': {
      const { statusCode, headers } = answer;
      if (statusCode >= 200 && statusCode < 300) {
        return {
          outcome: 'delivered',
          statusCode,
          error: answer.truncated ? 'answer larger than the size cap: no reply posted' : null,
          reply: replyText(answer),
          retryAfterMs: null,
        };
      }
      if (statusCode === 429 || statusCode >= 500)
        return retry(`answered HTTP ${statusCode}`, statusCode, parseRetryAfter(header(headers, 'retry-after'), nowMs));
      if (statusCode >= 300 && statusCode < 400)
        return dead(`answered HTTP ${statusCode}: redirects are not followed`, statusCode);
      return dead(`answered HTTP ${statusCode}: not retried`, statusCode);
    }
  }
}

/** `{"text": …}` or `{"content": …}` JSON, or a plain-text body, becomes a reply; anything else does not. */
export function replyText(answer: Extract<TargetAnswer, { kind: 'response' }>): string | null {
  if (answer.truncated) return null;
  const body = answer.body.trim();
  if (!body) return null;
  const type = (header(answer.headers, 'content-type') ?? '').toLowerCase();
  if (type.includes('json') || (!type && body.startsWith('{'))) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (typeof parsed !== 'object' || parsed === null) return null;
      const { text, content } = parsed as { text?: unknown; content?: unknown };
      const reply = typeof text === 'string' ? text : typeof content === 'string' ? content : null;
      return reply?.trim() ? reply : null;
    } catch {
      return null;
    }
  }
  return type === '' || type.startsWith('text/plain') ? body : null;
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Exponential backoff with jitter: half fixed, half random, so retries of many deliveries spread out. */
export function backoffDelay(
  attemptsMade: number,
  baseMs: number,
  maxMs: number,
  retryAfterMs: number | null,
  random: number,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, maxMs);
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
