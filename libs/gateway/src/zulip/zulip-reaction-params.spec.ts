import { DomainError } from '@switchboard/contracts';
import { zulipReactionTarget } from './zulip-reaction-params';

const failure = (params: Record<string, unknown>, add = true): string => {
  try {
    zulipReactionTarget(params, add);
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
};

describe('zulipReactionTarget', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ emoji_name: 'octopus' }, 'octopus'],
    [{ emoji_name: 'thumbs_up', emoji_code: '1f44d', reaction_type: 'unicode_emoji' }, 'thumbs_up'],
    [{ emoji_name: 'not_a_name', emoji_code: '1f44d', reaction_type: 'unicode_emoji' }, '+1'],
    [{ emoji_name: 'Tada' }, 'tada'],
  ])('stores %p as %p', (params, name) => {
    expect(zulipReactionTarget(params, true)).toEqual({ name, existingOnly: false });
  });

  it('removes by code alone', () =>
    expect(zulipReactionTarget({ emoji_code: '1f389' }, false)).toEqual({ name: 'tada', existingOnly: false }));

  it('joins or removes reactions that show as realm emoji, by name', () => {
    expect(
      zulipReactionTarget({ emoji_name: 'shipit', emoji_code: 'shipit', reaction_type: 'realm_emoji' }, true),
    ).toEqual({ name: 'shipit', existingOnly: true });
    expect(zulipReactionTarget({ emoji_name: 'shipit' }, false)).toEqual({ name: 'shipit', existingOnly: true });
  });

  it('refuses unknown Unicode emoji and Zulip extra emoji as not existing', () => {
    expect(failure({ emoji_name: 'nope_nope', reaction_type: 'unicode_emoji' })).toBe(
      "bad_request: Emoji 'nope_nope' does not exist",
    );
    expect(failure({ emoji_name: 'zulip', reaction_type: 'zulip_extra_emoji' })).toBe(
      "bad_request: Emoji 'zulip' does not exist",
    );
  });

  it('needs a name to add, and a name or a code to remove', () => {
    expect(failure({ emoji_code: '1f389' })).toBe("validation_failed: Missing 'emoji_name' argument");
    expect(failure({}, false)).toMatch(/^validation_failed: At least one of/);
  });

  it('refuses unknown reaction types', () =>
    expect(failure({ emoji_name: 'tada', reaction_type: 'sticker' })).toMatch(
      /^validation_failed: Invalid 'reaction_type'/,
    ));
});
