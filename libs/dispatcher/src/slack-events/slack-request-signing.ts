import { createHmac } from 'node:crypto';

/** Slack's request signing: `X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{timestamp}:{body}"))`. */
export function slackSignatureHeaders(signingSecret: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${signature}` };
}

/** Slack retries a failed event three times: at once, after 1 minute, after 5 minutes (`baseMs` = 1 minute). */
export function slackRetryDelay(retry: number, baseMs: number): number {
  if (retry <= 1) return 0;
  return retry === 2 ? baseMs : 5 * baseMs;
}

/** Slack's X-Slack-Retry-Reason values for what went wrong with the previous attempt. */
export type SlackRetryReason =
  'http_timeout' | 'http_error' | 'connection_failed' | 'too_many_redirects' | 'unknown_error';
