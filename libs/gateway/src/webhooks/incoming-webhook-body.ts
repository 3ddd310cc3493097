/**
 * What an incoming webhook POST says, from any of the shapes integrations send: seed 004's query
 * parameters (`content`, `username`, `avatarURL`), a form or JSON body with the same names, or a
 * Slack-style body (`text`, `icon_url`, and `payload=<json>` forms). The body wins over the query.
 */
export interface IncomingWebhookFields {
  content?: string;
  username?: string;
  avatarURL?: string;
}

type Source = Record<string, unknown>;

export function incomingWebhookFields(query: unknown, body: unknown): IncomingWebhookFields {
  const sources = [asRecord(body), slackPayload(asRecord(body)), asRecord(query)].filter(
    (source): source is Source => source !== null,
  );
  return {
    content: first(sources, ['content', 'text']),
    username: first(sources, ['username']),
    avatarURL: first(sources, ['avatarURL', 'avatar_url', 'icon_url']),
  };
}

function first(sources: Source[], keys: string[]): string | undefined {
  for (const source of sources) {
    for (const key of keys) {
      const value = source[key];
      if (typeof value === 'string') return value;
    }
  }
  return undefined;
}

function asRecord(value: unknown): Source | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Source) : null;
}

function slackPayload(body: Source | null): Source | null {
  if (typeof body?.payload !== 'string') return null;
  try {
    return asRecord(JSON.parse(body.payload));
  } catch {
    return null;
  }
}
