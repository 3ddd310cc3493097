import {
  type SlackIdKind,
  decodeSlackChannelId,
  decodeSlackId,
  decodeSlackUserId,
  encodeSlackId,
} from './slack-id-codec';

const MAX_ID = '9223372036854775807'; // 2^63 - 1, "1Y2P0IJ32E8E7" in base 36

const PREFIXES: [SlackIdKind, string][] = [
  ['public', 'C'],
  ['private', 'G'],
  ['group', 'D'],
  ['user', 'U'],
  ['bot', 'B'],
  ['team', 'T'],
  ['app', 'A'],
];

const IDS = [
  '1',
  '9',
  '10',
  '35',
  '36',
  '1295',
  '1296',
  '2001',
  '4194304',
  '1735689600123456789',
  '123456789012345678',
  '9223372036854775806',
  MAX_ID,
];

const KIND_ROWS = PREFIXES.map(([kind, prefix]) => [kind, prefix] as const);
const KIND_ID_ROWS = PREFIXES.flatMap(([kind, prefix]) => IDS.map((id) => [kind, prefix, id] as const));

/** Each value (after its label) decodes to null. */
function rejectsEach(decode: (value: unknown) => unknown, cases: [string, unknown][]): void {
  it.each(cases)('rejects %s', (_label, value) => {
    expect(decode(value)).toBeNull();
  });
}

describe('slack id codec', () => {
  describe('encodeSlackId', () => {
    it.each([
      ['public', '1', 'C1'],
      ['private', '35', 'GZ'],
      ['group', '36', 'D10'],
      ['user', '2001', 'U1JL'],
      ['bot', '2004', 'B1JO'],
      ['team', '1001', 'TRT'],
      ['user', '123456789012345678', 'UXRLS1WQ49JI'],
      ['public', MAX_ID, 'C1Y2P0IJ32E8E7'],
    ] as const)('encodes %s %s as %s', (kind, id, expected) => {
      expect(encodeSlackId(kind, id)).toBe(expected);
    });

    it.each(KIND_ID_ROWS)('encodes a %s id with prefix %s in upper-case base 36 (%s)', (kind, prefix, id) => {
      const encoded = encodeSlackId(kind, id);
      expect(encoded).toMatch(/^[CGDUBTA][0-9A-Z]{1,13}$/);
      expect(encoded[0]).toBe(prefix);
      expect(encoded.slice(1)).not.toMatch(/^0/);
    });

    it.each([
      ['zero', '0'],
      ['leading zero', '01'],
      ['negative', '-1'],
      ['empty', ''],
      ['letters', 'abc'],
      ['space', ' 1'],
      ['fraction', '1.5'],
      ['2^63', '9223372036854775808'],
      ['20 digits', '10000000000000000000'],
    ])('throws RangeError for %s', (_label, id) => {
      expect(() => encodeSlackId('user', id)).toThrow(RangeError);
      expect(() => encodeSlackId('user', id)).toThrow(`not an id: ${id}`);
    });
  });

  describe('decodeSlackId', () => {
    it.each(KIND_ID_ROWS)('round-trips a %s id (%s) %s', (kind, _prefix, id) => {
      expect(decodeSlackId(encodeSlackId(kind, id))).toStrictEqual({ kind, id });
    });

    it.each(KIND_ROWS)('decodes the largest %s id %s1Y2P0IJ32E8E7', (kind, prefix) => {
      expect(decodeSlackId(`${prefix}1Y2P0IJ32E8E7`)).toStrictEqual({ kind, id: MAX_ID });
    });

    it.each([
      ['W1', '1'],
      ['W1JL', '2001'],
      ['W1Y2P0IJ32E8E7', MAX_ID],
    ])('decodes the enterprise user id %s as a user', (value, id) => {
      expect(decodeSlackId(value)).toStrictEqual({ kind: 'user', id });
    });

    it('accepts leading zeros as the same id (not canonical: encoding gives it back without them)', () => {
      expect(decodeSlackId('C0001')).toStrictEqual({ kind: 'public', id: '1' });
      expect(encodeSlackId('public', '1')).toBe('C1');
    });

    rejectsEach(decodeSlackId, [
      ['lower-case prefix', 'c1'],
      ['lower-case body', 'U1jl'],
      ['all lower case', 'u1jl'],
      ['unknown prefix F', 'F1'],
      ['unknown prefix E', 'E1'],
      ['unknown prefix X', 'X1'],
      ['unknown prefix Z', 'Z1'],
      ['a digit as prefix', '11'],
      ['empty', ''],
      ['prefix only', 'C'],
      ['W only', 'W'],
      ['14 characters after the prefix', 'C10000000000000'],
      ['far too long', `U${'1'.repeat(40)}`],
      ['hyphen', 'C-1'],
      ['underscore', 'C1_'],
      ['space inside', 'C 1'],
      ['leading space', ' C1'],
      ['trailing newline', 'C1\n'],
      ['dot', 'C1.'],
      ['non-ASCII letter', 'CÄ'],
      ['full-width digit', 'C１'],
      ['zero', 'C0'],
      ['zeros', 'U0000'],
      ['2^63 (one past the max)', 'C1Y2P0IJ32E8E8'],
      ['13 Zs', 'CZZZZZZZZZZZZZ'],
      ['2^64', 'U3W5E11264SGSG'],
      ['number', 1],
      ['bigint', 1n],
      ['null', null],
      ['undefined', undefined],
      ['object', { kind: 'user', id: '1' }],
      ['array', ['C1']],
      ['boxed string', new String('C1')],
    ]);
  });

  describe('decodeSlackChannelId', () => {
    it.each([
      ['C1JL', 'public'],
      ['G1JL', 'private'],
      ['D1JL', 'group'],
    ] as const)('accepts %s as %s', (value, kind) => {
      expect(decodeSlackChannelId(value)).toStrictEqual({ kind, id: '2001' });
    });

    rejectsEach(decodeSlackChannelId, [
      ['a user id', 'U1JL'],
      ['an enterprise user id', 'W1JL'],
      ['a bot id', 'B1JL'],
      ['a team id', 'T1JL'],
      ['a lower-case id', 'c1jl'],
      ['an overflowing id', 'C1Y2P0IJ32E8E8'],
      ['a number', 2001],
      ['null', null],
    ]);
  });

  describe('decodeSlackUserId', () => {
    it.each([
      ['U1JL', '2001'],
      ['W1JL', '2001'],
      ['B1JL', '2001'],
      ['U1Y2P0IJ32E8E7', MAX_ID],
    ])('accepts %s as %s', (value, id) => {
      expect(decodeSlackUserId(value)).toBe(id);
    });

    it.each(IDS)('decodes encoded user and bot ids of %s to the same user', (id) => {
      expect(decodeSlackUserId(encodeSlackId('user', id))).toBe(id);
      expect(decodeSlackUserId(encodeSlackId('bot', id))).toBe(id);
    });

    rejectsEach(decodeSlackUserId, [
      ['a public channel id', 'C1JL'],
      ['a private channel id', 'G1JL'],
      ['a group id', 'D1JL'],
      ['a team id', 'T1JL'],
      ['a lower-case id', 'u1jl'],
      ['zero', 'U0'],
      ['an overflowing id', 'U1Y2P0IJ32E8E8'],
      ['a number', 2001],
      ['undefined', undefined],
    ]);
  });
});
