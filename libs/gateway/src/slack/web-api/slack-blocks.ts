import { SlackApiError } from './slack-call';

export type SlackBlock = Record<string, unknown>;

const MAX_BLOCKS = 50;

/** `blocks` as JSON (or a JSON string in forms): an array of at most 50 objects with a `type`, else `invalid_blocks`. */
export function parseBlocks(value: unknown): SlackBlock[] | null {
  if (value === undefined || value === null || value === '') return null;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new SlackApiError('invalid_blocks');
    }
  }
  if (!Array.isArray(parsed) || parsed.length > MAX_BLOCKS) throw new SlackApiError('invalid_blocks');
  if (
    !parsed.every(
      (block): block is SlackBlock =>
        typeof block === 'object' && block !== null && typeof (block as SlackBlock).type === 'string',
    )
  )
    throw new SlackApiError('invalid_blocks');
  return parsed;
}

/** The text a client without blocks shows: the blocks' text objects, one per line. */
export function blocksText(blocks: SlackBlock[]): string {
  const lines: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string')
      lines.push(record.text);
    for (const key of ['text', 'fields', 'elements']) if (typeof record[key] === 'object') visit(record[key]);
  };
  visit(blocks);
  return lines.join('\n');
}

/** Adds stored blocks to rendered Slack messages, by message id (one internal call for the page). */
export async function attachBlocks<T extends Record<string, unknown>>(
  lookup: (ids: string[]) => Promise<Record<string, unknown[]>>,
  messages: { messageId: string }[],
  rendered: T[],
): Promise<T[]> {
  if (messages.length === 0) return rendered;
  // Ids travel in the query string: 200 at a time keeps the URL far below Node's 16 KB header limit.
  const ids = messages.map((message) => message.messageId);
  const chunks = Array.from({ length: Math.ceil(ids.length / 200) }, (_, i) => ids.slice(i * 200, i * 200 + 200));
  const blocks = Object.assign({}, ...(await Promise.all(chunks.map(lookup)))) as Record<string, unknown[]>;
  return rendered.map((object, i) =>
    blocks[messages[i].messageId] ? { ...object, blocks: blocks[messages[i].messageId] } : object,
  );
}
