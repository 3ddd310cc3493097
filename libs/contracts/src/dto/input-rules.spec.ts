import { MAX_INPUT_DEPTH, findForbiddenInput } from './input-rules';

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : [nested(depth - 1)]);

describe('findForbiddenInput', () => {
  it.each<[string, unknown, string | undefined]>([
    ['plain values', { message: 'hello', n: 5, ok: true, list: ['a', 'b'] }, undefined],
    ['NUL in a value', { message: 'a\u0000b' }, 'message'],
    ['NUL deep in a list', { a: { b: ['x', 'y\u0000'] } }, 'a.b.1'],
    ['NUL in a key', { ['k\u0000']: 1 }, 'k\u0000'],
    ['a bare NUL string', '\u0000', ''],
    ['__proto__ key (as JSON.parse makes it)', JSON.parse('{"__proto__":{"polluted":1}}') as unknown, '__proto__'],
    ['constructor.prototype keys', { constructor: { prototype: { x: 1 } } }, 'constructor'],
    ['lone surrogates are allowed (they reach PostgreSQL as U+FFFD)', { message: '\ud800' }, undefined],
    ['a Buffer is not walked', { raw: Buffer.from([0, 0, 0]) }, undefined],
    ['nesting at the limit', { v: nested(MAX_INPUT_DEPTH - 2) }, undefined],
    ['nesting beyond the limit', { v: nested(MAX_INPUT_DEPTH + 5) }, 'v' + '.0'.repeat(MAX_INPUT_DEPTH - 1)],
  ])('%s', (_label, input, field) => {
    expect(findForbiddenInput(input)?.field).toBe(field);
  });

  it('walks 100,000 nested levels without a stack overflow', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(findForbiddenInput(deep)?.message).toMatch(/nested deeper/);
  });
});
