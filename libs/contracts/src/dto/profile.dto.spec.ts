import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UpdateProfileDto, normaliseProfileField, profileProblem } from './profile.dto';

describe('profile fields', () => {
  it.each<[string, 'name' | 'handle', string, string | null]>([
    ['a name', 'name', 'Ada Lovelace', null],
    ['a one-character name', 'name', 'A', null],
    ['an empty name', 'name', '', 'required'],
    ['a 100-character name', 'name', 'x'.repeat(100), null],
    ['a 101-character name', 'name', 'x'.repeat(101), 'too_long'],
    ['any characters in a name', 'name', 'Ada «L» @ 🚀', null],
    ['a handle', 'handle', 'ada.lovelace-1_x', null],
    ['a one-character handle', 'handle', 'a', null],
    ['a 40-character handle', 'handle', 'x'.repeat(40), null],
    ['a 41-character handle', 'handle', 'x'.repeat(41), 'too_long'],
    ['an empty handle', 'handle', '', 'required'],
    ['upper case (normalise first)', 'handle', 'Ada', 'invalid_characters'],
    ['a space', 'handle', 'ada l', 'invalid_characters'],
    ['a leading dot', 'handle', '.ada', 'invalid_characters'],
    ['a trailing dash', 'handle', 'ada-', 'invalid_characters'],
    ['non-ASCII letters', 'handle', 'adä', 'invalid_characters'],
  ])('%s', (_label, field, value, problem) => {
    expect(profileProblem(field, value)).toBe(problem);
  });

  it('normalises: names trimmed, handles trimmed and lower-cased', () => {
    expect(normaliseProfileField('name', '  Ada L  ')).toBe('Ada L');
    expect(normaliseProfileField('handle', ' Ada.L ')).toBe('ada.l');
  });

  const check = (body: Record<string, unknown>) => {
    const dto = plainToInstance(UpdateProfileDto, body);
    return { dto, errors: validateSync(dto).flatMap((error) => Object.values(error.constraints ?? {})) };
  };

  it.each<[string, Record<string, unknown>, Partial<UpdateProfileDto>]>([
    ['both fields, normalised', { name: ' Ada ', handle: ' ADA ' }, { name: 'Ada', handle: 'ada' }],
    ['nothing', {}, {}],
  ])('UpdateProfileDto accepts %s', (_label, body, expected) => {
    const { dto, errors } = check(body);
    expect(errors).toEqual([]);
    expect({ ...dto }).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a blank name', { name: '   ' }, 'name must not be empty'],
    ['a long name', { name: 'x'.repeat(101) }, 'name must be at most 100 characters'],
    [
      'a handle with a space',
      { handle: 'a b' },
      'handle may contain only a-z, 0-9, ".", "_" and "-", and must start and end with a letter or digit',
    ],
    ['a number for a name', { name: 5 }, 'name must be a string'],
  ])('UpdateProfileDto refuses %s', (_label, body, message) => {
    expect(check(body).errors).toContain(message);
  });
});
