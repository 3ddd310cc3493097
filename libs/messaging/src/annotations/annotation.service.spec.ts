import { DomainError } from '@switchboard/contracts';
import { normaliseReaction } from './annotation.service';

describe('normaliseReaction', () => {
  it.each([
    ['thumbsup', 'thumbsup'],
    [':thumbsup:', 'thumbsup'],
    ['  Smile ', 'smile'],
    ['+1', '+1'],
    ['-1', '-1'],
    ['white_check_mark', 'white_check_mark'],
    ['skin-tone-2', 'skin-tone-2'],
    ['🎉', '🎉'],
    ['👍🏽', '👍🏽'],
    ['x'.repeat(64), 'x'.repeat(64)],
  ])('accepts %p as %p', (raw, name) => {
    expect(normaliseReaction(raw)).toBe(name);
  });

  it.each([
    [''],
    ['   '],
    ['two words'],
    ['x'.repeat(65)],
    ['<b>'],
    ['a:b'],
    ['::'],
    ['"quoted"'],
    ['back\\slash'],
    ['path/name'],
    ['tab\there'],
  ])('refuses %p', (raw) => {
    expect(() => normaliseReaction(raw)).toThrow(DomainError);
  });
});
