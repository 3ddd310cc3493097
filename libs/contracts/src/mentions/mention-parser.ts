/**
 * Mentions in a message's markdown: `<@123…>` names a user by id, `@handle` by handle. Mentions
 * inside code spans and fenced code blocks are not mentions, and `@` inside a word (e-mail
 * addresses) is not one either.
 */
export interface ParsedMentions {
  userIds: string[];
  handles: string[];
}

const CODE = /```[\s\S]*?```|`[^`\n]*`/g;
const BY_ID = /<@(\d{1,20})>/g;
const BY_HANDLE = /(^|[^\w@<.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})/g;

export function parseMentions(markdown: string): ParsedMentions {
  const text = markdown.replace(CODE, ' ');
  const userIds = new Set<string>();
  for (const match of text.matchAll(BY_ID)) userIds.add(match[1]);
  const handles = new Set<string>();
  for (const match of text.replace(BY_ID, ' ').matchAll(BY_HANDLE))
    handles.add(match[2].replace(/[._-]+$/, '').toLowerCase());
  handles.delete('');
  return { userIds: [...userIds], handles: [...handles] };
}
