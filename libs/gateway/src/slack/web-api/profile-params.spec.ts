import { parseProfileSet } from './profile-params';

describe('users.profile.set arguments', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    [
      'profile as a JSON string (form bodies, @slack/web-api)',
      { profile: '{"real_name":"Ada Lovelace","display_name":"ada"}' },
      { name: 'Ada Lovelace', handle: 'ada' },
    ],
    ['profile as a JSON object (JSON bodies)', { profile: { real_name: 'Ada Lovelace' } }, { name: 'Ada Lovelace' }],
    [
      'values are trimmed, handles lower-cased',
      { profile: { real_name: '  Ada  ', display_name: ' Ada.L ' } },
      { name: 'Ada', handle: 'ada.l' },
    ],
    ['the legacy name + value pair', { name: 'display_name', value: 'countess' }, { handle: 'countess' }],
    [
      'name + value wins over profile',
      { name: 'real_name', value: 'Ada', profile: '{"real_name":"Other"}' },
      { name: 'Ada' },
    ],
    ['fields we do not store are ignored', { profile: { title: 'Countess', first_name: 'Ada', status_text: 'x' } }, {}],
    [
      'an email is passed on for the caller to check',
      { profile: { email: ' ada@example.com ' } },
      { email: 'ada@example.com' },
    ],
    ['a numeric value', { name: 'display_name', value: 42 }, { handle: '42' }],
  ])('%s', (_label, params, expected) => {
    expect(parseProfileSet(params)).toStrictEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no profile and no name', {}, 'invalid_profile'],
    ['profile that is not JSON', { profile: '{real_name:' }, 'invalid_profile'],
    ['profile that is a JSON list', { profile: '["x"]' }, 'invalid_profile'],
    ['profile that is a JSON string', { profile: '"x"' }, 'invalid_profile'],
    ['a field that is an object', { profile: { real_name: { first: 'Ada' } } }, 'invalid_profile'],
    ['an empty real_name', { profile: { real_name: '   ' } }, 'invalid_name_required'],
    ['an empty display_name', { name: 'display_name', value: '' }, 'invalid_name_required'],
    ['name without value', { name: 'real_name' }, 'invalid_name_required'],
    ['a real_name over 100 characters', { profile: { real_name: 'x'.repeat(101) } }, 'invalid_name_maxlength'],
    ['a display_name over 40 characters', { profile: { display_name: 'x'.repeat(41) } }, 'invalid_name_maxlength'],
    ['a display_name with a space', { profile: { display_name: 'ada lovelace' } }, 'invalid_name_specials'],
    ['a display_name with @', { profile: { display_name: '@ada' } }, 'invalid_name_specials'],
    ['a display_name ending in punctuation', { profile: { display_name: 'ada.' } }, 'invalid_name_specials'],
  ])('%s → %s', (_label, params, error) => {
    expect(() => parseProfileSet(params)).toThrow(error);
  });
});
