import type { CommandView } from '@switchboard/contracts';

export const BUILTIN_COMMANDS: readonly CommandView[] = [
  { name: 'me', description: 'Post an action, in italics: /me waves', builtin: true, botUserId: null },
  { name: 'shrug', description: 'Post a message followed by ¯\\_(ツ)_/¯', builtin: true, botUserId: null },
  { name: 'topic', description: "Set the channel's topic", builtin: true, botUserId: null },
  {
    name: 'invite',
    description: 'Invite users (ids in params, or ids or @handles in input)',
    builtin: true,
    botUserId: null,
  },
  { name: 'leave', description: 'Leave the channel', builtin: true, botUserId: null },
];

export const SHRUG = '¯\\_(ツ)_/¯';

export function isBuiltin(name: string): boolean {
  return BUILTIN_COMMANDS.some((command) => command.name === name);
}

/** `/shrug` and `/me` texts; pure. */
export function shrugText(input: string): string {
  const text = input.trim();
  return text ? `${text} ${SHRUG}` : SHRUG;
}

export function meText(handle: string, input: string): string {
  return `_${handle} ${input.trim()}_`;
}

/** Invitees from `params` (ids) and `input` (ids or @handles separated by spaces or commas). */
export function inviteTargets(input: string, params: string[]): { ids: string[]; handles: string[] } {
  const words = [...params, ...input.split(/[\s,]+/)].map((word) => word.trim()).filter(Boolean);
  const ids = words.filter((word) => /^[0-9]{1,20}$/.test(word));
  const handles = words
    .filter((word) => word.startsWith('@') && word.length > 1)
    .map((word) => word.slice(1).toLowerCase());
  return { ids: [...new Set(ids)], handles: [...new Set(handles)] };
}
