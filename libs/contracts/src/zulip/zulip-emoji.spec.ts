import { reactionNameFromZulip, zulipEmoji, zulipEmojiOfIcon, zulipReactions } from './zulip-emoji';
import type { UserView } from '../views';

describe('zulipEmoji', () => {
  it.each([
    ['thumbsup', '1f44d'],
    ['+1', '1f44d'],
    ['thumbs_up', '1f44d'],
    ['heart', '2764'],
    ['tada', '1f389'],
    ['octopus', '1f419'],
  ])('%s is the Unicode emoji %s', (name, code) => {
    expect(zulipEmoji(name)).toEqual({ emoji_name: name, emoji_code: code, reaction_type: 'unicode_emoji' });
  });

  it('shows an unknown name as a custom emoji of that name', () => {
    expect(zulipEmoji('shipit-party')).toEqual({
      emoji_name: 'shipit-party',
      emoji_code: 'shipit-party',
      reaction_type: 'realm_emoji',
    });
  });
});

describe('reactionNameFromZulip', () => {
  it('keeps a known name, lower-cased', () => expect(reactionNameFromZulip('Octopus', undefined)).toBe('octopus'));
  it('falls back to the code when the name is unknown', () =>
    expect(reactionNameFromZulip('made_up', '1F44D')).toBe('+1'));
  it('takes the code alone', () => expect(reactionNameFromZulip(undefined, '1f389')).toBe('tada'));
  it('refuses what names no emoji', () => {
    expect(reactionNameFromZulip('made_up', 'zzzz')).toBeNull();
    expect(reactionNameFromZulip(undefined, undefined)).toBeNull();
    expect(reactionNameFromZulip('  ', '')).toBeNull();
  });
});

describe('zulipReactions', () => {
  const ada = { userId: '11', zulipId: 7, email: 'ada@example.com', name: 'Ada' } as UserView;
  it('lists one entry per user and skips users it cannot render', () => {
    const out = zulipReactions([{ reaction: 'tada', count: 2, userIds: ['11', '99'] }], new Map([['11', ada]]));
    expect(out).toEqual([
      {
        emoji_name: 'tada',
        emoji_code: '1f389',
        reaction_type: 'unicode_emoji',
        user_id: 7,
        user: { id: 7, email: 'ada@example.com', full_name: 'Ada', is_mirror_dummy: false },
      },
    ]);
  });
});

describe('zulipEmojiOfIcon', () => {
  it.each([
    ['🌴', { emoji_name: 'palm_tree', emoji_code: '1f334', reaction_type: 'unicode_emoji' }],
    ['❤️', { emoji_name: 'heart', emoji_code: '2764', reaction_type: 'unicode_emoji' }],
    [':palm_tree:', { emoji_name: 'palm_tree', emoji_code: '1f334', reaction_type: 'unicode_emoji' }],
    ['palm_tree', { emoji_name: 'palm_tree', emoji_code: '1f334', reaction_type: 'unicode_emoji' }],
    ['', { emoji_name: '', emoji_code: '', reaction_type: '' }],
  ])('%s', (icon, expected) => expect(zulipEmojiOfIcon(icon)).toEqual(expected));
});
