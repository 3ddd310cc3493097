import cldr from 'emojibase-data/en/shortcodes/cldr.json';
import iamcal from 'emojibase-data/en/shortcodes/iamcal.json';
import type { ReactionView, UserView } from '../views';

/**
 * Reactions are stored by name (Slack's and Corteza's model). Zulip clients also need the Unicode
 * code point sequence, which we look up among Slack's short names (iamcal) and CLDR's snake-case
 * names (which many of Zulip's own names are), both from emojibase.
 */
type ShortcodeTable = Record<string, string | string[]>;

const codeByName = new Map<string, string>();
const nameByCode = new Map<string, string>();
for (const table of [iamcal as ShortcodeTable, cldr as ShortcodeTable]) {
  for (const [hexcode, names] of Object.entries(table)) {
    const code = hexcode.toLowerCase();
    const list = Array.isArray(names) ? names : [names];
    for (const name of list) if (!codeByName.has(name)) codeByName.set(name, code);
    if (!nameByCode.has(code) && list.length > 0) nameByCode.set(code, list[0]);
  }
}

export interface ZulipEmoji {
  emoji_name: string;
  emoji_code: string;
  reaction_type: 'unicode_emoji' | 'realm_emoji';
}

/** A stored reaction name in Zulip's terms; names with no Unicode emoji show as a custom one. */
export function zulipEmoji(name: string): ZulipEmoji {
  const code = codeByName.get(name);
  return code
    ? { emoji_name: name, emoji_code: code, reaction_type: 'unicode_emoji' }
    : { emoji_name: name, emoji_code: name, reaction_type: 'realm_emoji' };
}

/** A status icon: an emoji character (🌴) or a name (`palm_tree`, `:palm_tree:`); '' for none. */
export function zulipEmojiOfIcon(icon: string): ZulipEmoji | { emoji_name: ''; emoji_code: ''; reaction_type: '' } {
  const trimmed = icon.trim();
  if (trimmed === '') return { emoji_name: '', emoji_code: '', reaction_type: '' };
  if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(trimmed)) {
    const code = [...trimmed]
      .map((char) => char.codePointAt(0)!.toString(16))
      .filter((hex) => hex !== 'fe0f')
      .join('-');
    return { emoji_name: nameByCode.get(code) ?? code, emoji_code: code, reaction_type: 'unicode_emoji' };
  }
  return zulipEmoji(trimmed.replace(/^:(.+):$/u, '$1'));
}

/**
 * The name to store for a Zulip client's reaction: its `emoji_name` when we know it, else the
 * canonical name of its Unicode `emoji_code`; null when neither names an emoji.
 */
export function reactionNameFromZulip(emojiName: string | undefined, emojiCode: string | undefined): string | null {
  const name = emojiName?.trim().toLowerCase();
  if (name && codeByName.has(name)) return name;
  const code = emojiCode?.trim().toLowerCase();
  if (code && nameByCode.has(code)) return nameByCode.get(code)!;
  return null;
}

/** Zulip lists one entry per (emoji, user); `users` maps our user ids to their views. */
export function zulipReactions(reactions: ReactionView[], users: ReadonlyMap<string, UserView>) {
  return reactions.flatMap((reaction) => {
    const emoji = zulipEmoji(reaction.reaction);
    return reaction.userIds.flatMap((userId) => {
      const user = users.get(userId);
      return user
        ? [
            {
              ...emoji,
              user_id: user.zulipId,
              user: { id: user.zulipId, email: user.email, full_name: user.name, is_mirror_dummy: false },
            },
          ]
        : [];
    });
  });
}
