import { inviteTargets, meText, shrugText } from './builtin-commands';

describe('built-in command texts', () => {
  it.each([
    ['', '¯\\_(ツ)_/¯'],
    ['  ', '¯\\_(ツ)_/¯'],
    ['no idea', 'no idea ¯\\_(ツ)_/¯'],
  ])('shrug(%j)', (input, expected) => {
    expect(shrugText(input)).toBe(expected);
  });

  it('me', () => {
    expect(meText('ada', ' waves ')).toBe('_ada waves_');
  });

  it.each([
    ['ids in params', '', ['1', '2'], { ids: ['1', '2'], handles: [] }],
    ['ids and handles in input', '3, @Bob @carol', [], { ids: ['3'], handles: ['bob', 'carol'] }],
    ['duplicates merge', '1 1 @a @A', ['1'], { ids: ['1'], handles: ['a'] }],
    ['noise is ignored', 'please @ x', [], { ids: [], handles: [] }],
  ])('inviteTargets: %s', (_label, input, params, expected) => {
    expect(inviteTargets(input, params)).toEqual(expected);
  });
});
