import { DomainError, ErrorCode, reactionNameFromZulip } from '@switchboard/contracts';
import { invalid, optionalText } from './zulip-params';

/** The stored reaction name a Zulip request means; `existingOnly` when it can only join a reaction someone already made. */
export interface ZulipReactionTarget {
  name: string;
  existingOnly: boolean;
}

const REACTION_TYPES = ['unicode_emoji', 'realm_emoji', 'zulip_extra_emoji'];

const doesNotExist = (name: string): DomainError =>
  new DomainError(ErrorCode.BadRequest, `Emoji '${name.slice(0, 64)}' does not exist`);

/**
 * `emoji_name`, `emoji_code` and `reaction_type` of `POST/DELETE /messages/{id}/reactions`.
 * Unicode emoji are stored by name (reactionNameFromZulip). We have no custom (realm) emoji, but
 * reactions made through other dialects with names that are no Unicode emoji show as realm emoji
 * (zulipEmoji); a Zulip client may join or remove those by name, never create new ones.
 */
export function zulipReactionTarget(params: Record<string, unknown>, add: boolean): ZulipReactionTarget {
  const emojiName = optionalText(params, 'emoji_name')?.trim() || undefined;
  const emojiCode = optionalText(params, 'emoji_code')?.trim() || undefined;
  const type = optionalText(params, 'reaction_type')?.trim() || undefined;
  if (add && emojiName === undefined)
    throw new DomainError(ErrorCode.ValidationFailed, "Missing 'emoji_name' argument", [
      { field: 'emoji_name', message: 'missing' },
    ]);
  if (emojiName === undefined && emojiCode === undefined)
    throw new DomainError(ErrorCode.ValidationFailed, "At least one of 'emoji_name' and 'emoji_code' must be given", [
      { field: 'emoji_name', message: 'missing' },
    ]);
  if (type !== undefined && !REACTION_TYPES.includes(type))
    throw invalid('reaction_type', 'must be unicode_emoji, realm_emoji or zulip_extra_emoji');
  const shown = (emojiName ?? emojiCode)!;
  if (type === 'zulip_extra_emoji') throw doesNotExist(shown);
  if (type !== 'realm_emoji') {
    const known = reactionNameFromZulip(emojiName, emojiCode);
    if (known !== null) return { name: known, existingOnly: false };
    if (type === 'unicode_emoji') throw doesNotExist(shown);
  }
  // A realm emoji, or a name without a type that is no Unicode emoji: only an existing reaction of that name.
  return { name: (type === 'realm_emoji' ? (emojiCode ?? emojiName) : (emojiName ?? emojiCode))!, existingOnly: true };
}
