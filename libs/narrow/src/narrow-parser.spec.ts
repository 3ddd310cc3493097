import { NarrowError } from './narrow-error';
import { parseNarrow } from './narrow-parser';
import type { NarrowTerm } from './narrow-term';

function term(operator: NarrowTerm['operator'], operand: NarrowTerm['operand'], negated = false): NarrowTerm {
  return { operator, operand, negated };
}

function parseError(input: unknown): NarrowError {
  try {
    parseNarrow(input);
  } catch (error: unknown) {
    if (error instanceof NarrowError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected parseNarrow(${JSON.stringify(input)}) to throw a NarrowError`);
}

/** Each element, parsed alone, gives its one term. */
function parsesEach(title: string, cases: [unknown, NarrowTerm][]): void {
  it.each(cases)(title, (element, expected) => {
    expect(parseNarrow([element])).toEqual([expected]);
  });
}

describe('parseNarrow', () => {
  describe('empty input', () => {
    it.each<[string, unknown]>([
      ['null', null],
      ['undefined', undefined],
      ['an empty array', []],
      ['the JSON string "[]"', '[]'],
      ['the JSON string "null"', 'null'],
    ])('returns no terms for %s', (_label, input) => {
      expect(parseNarrow(input)).toEqual([]);
    });
  });

  describe('legacy [operator, operand] pairs', () => {
    parsesEach('parses %j', [
      [['channel', 'general'], term('channel', 'general')],
      [['channel', 42], term('channel', '42')],
      [['channel', '  general  '], term('channel', 'general')],
      [['topic', 'Release plan'], term('topic', 'Release plan')],
      [['sender', 'alice@example.com'], term('sender', 'alice@example.com')],
      [['sender', 7], term('sender', '7')],
      [['id', '123456789012345678'], term('id', '123456789012345678')],
      [['id', 99], term('id', '99')],
      [['id', '007'], term('id', '7')],
      [['id', '0'], term('id', '0')],
      [['is', 'starred'], term('is', 'starred')],
      [['is', 'alerted'], term('is', 'alerted')],
      [['is', 'resolved'], term('is', 'resolved')],
      [['has', 'link'], term('has', 'link')],
      [['has', 'reaction'], term('has', 'reaction')],
      [['search', 'Deploy   Friday'], term('search', ['deploy', 'friday'])],
      [['search', "don't panic, don't"], term('search', ['don', 't', 'panic'])],
      [['search', 'Über café'], term('search', ['über', 'café'])],
    ]);
  });

  describe('object {operator, operand, negated} terms', () => {
    parsesEach('parses %j', [
      [{ operator: 'channel', operand: 'general' }, term('channel', 'general')],
      [{ operator: 'channel', operand: 'general', negated: false }, term('channel', 'general')],
      [{ operator: 'channel', operand: 'general', negated: true }, term('channel', 'general', true)],
      [{ operator: 'is', operand: 'unread', negated: true }, term('is', 'unread', true)],
      [{ operator: 'dm', operand: [3, 'Bob@Example.com'] }, term('dm', ['3', 'bob@example.com'])],
      [{ operand: 'x', operator: 'topic' }, term('topic', 'x')],
      [{ operator: 'STREAM', operand: 'general', negated: true }, term('channel', 'general', true)],
    ]);
  });

  describe('aliases', () => {
    parsesEach('maps %j to its current name', [
      [['stream', 'general'], term('channel', 'general')],
      [['subject', 'lunch'], term('topic', 'lunch')],
      [['pm-with', 'bob@example.com'], term('dm', ['bob@example.com'])],
      [['is', 'private'], term('is', 'dm')],
      [['is', 'PRIVATE'], term('is', 'dm')],
      [{ operator: 'pm-with', operand: [5] }, term('dm', ['5'])],
    ]);
  });

  describe('case-insensitive operators and keyword operands', () => {
    parsesEach('normalises %j', [
      [['Channel', 'General'], term('channel', 'General')],
      [['TOPIC', 'Lunch'], term('topic', 'Lunch')],
      [['Stream', 'general'], term('channel', 'general')],
      [['Pm-With', 'a@x.io'], term('dm', ['a@x.io'])],
      [['IS', 'Starred'], term('is', 'starred')],
      [['Has', 'IMAGE'], term('has', 'image')],
      [['-SENDER', 'x'], term('sender', 'x', true)],
    ]);
  });

  describe('negation with a leading "-" in the pair form', () => {
    parsesEach('parses %j as negated', [
      [['-sender', 'x'], term('sender', 'x', true)],
      [['-channel', 'general'], term('channel', 'general', true)],
      [['-stream', 'general'], term('channel', 'general', true)],
      [['-is', 'read'], term('is', 'read', true)],
      [['-has', 'attachment'], term('has', 'attachment', true)],
      [['-search', 'foo'], term('search', ['foo'], true)],
    ]);
  });

  describe('dm operands', () => {
    it.each<[unknown, string[]]>([
      ['bob@example.com', ['bob@example.com']],
      ['Carol@Example.com,bob@example.com', ['bob@example.com', 'carol@example.com']],
      [' bob@example.com , carol@example.com ', ['bob@example.com', 'carol@example.com']],
      ['bob@example.com,BOB@example.com', ['bob@example.com']],
      [
        [12, '3', 12],
        ['12', '3'],
      ],
      [
        ['Zed@x.io', 'amy@x.io'],
        ['amy@x.io', 'zed@x.io'],
      ],
      [7, ['7']],
    ])('normalises %j', (operand, expected) => {
      expect(parseNarrow([['dm', operand]])).toEqual([term('dm', expected)]);
    });
  });

  describe('JSON string input', () => {
    it('parses a JSON-encoded narrow mixing both forms', () => {
      const input = JSON.stringify([
        ['stream', 'general'],
        { operator: 'subject', operand: 'lunch', negated: true },
        ['-is', 'unread'],
      ]);
      expect(parseNarrow(input)).toEqual([
        term('channel', 'general'),
        term('topic', 'lunch', true),
        term('is', 'unread', true),
      ]);
    });

    it('keeps the order of terms', () => {
      expect(parseNarrow('[["id","5"],["has","link"]]')).toEqual([term('id', '5'), term('has', 'link')]);
    });

    it('accepts exactly the maximum number of terms', () => {
      const terms = Array.from({ length: 20 }, () => ['is', 'read']);
      expect(parseNarrow(terms)).toHaveLength(20);
    });

    it('accepts an operand of exactly 500 characters', () => {
      expect(parseNarrow([['topic', 'x'.repeat(500)]])).toEqual([term('topic', 'x'.repeat(500))]);
    });
  });

  describe('invalid input', () => {
    const tooMany = Array.from({ length: 21 }, () => ['is', 'read']);
    const tooLong = 'y'.repeat(501);

    it.each<[string, unknown, RegExp]>([
      ['invalid JSON', '[["channel"', /narrow is not valid JSON/],
      ['an empty string', '', /narrow is not valid JSON/],
      ['an object narrow', { operator: 'channel', operand: 'x' }, /narrow must be an array/],
      ['a number narrow', 5, /narrow must be an array/],
      ['a JSON string that is not an array', '"channel"', /narrow must be an array/],
      [
        'a string element',
        ['channel:general'],
        /index 0: expected \[operator, operand\] or \{operator, operand, negated\}/,
      ],
      ['a null element', [['is', 'read'], null], /index 1: expected \[operator, operand\]/],
      ['a one-element pair', [['is', 'read'], ['is']], /index 1: .*array of 1 elements/],
      [
        'a three-element pair',
        [
          ['is', 'read'],
          ['is', 'read'],
          ['is', 'read', true],
        ],
        /index 2: .*array of 3 elements/,
      ],
      ['a non-string operator in a pair', [[1, 'x']], /index 0: operator must be a string/],
      ['a non-string operator in an object', [{ operator: null, operand: 'x' }], /index 0: operator must be a string/],
      ['an unknown operator', [['foo', 'x']], /^Operator "foo" not supported$/],
      ['an empty operator', [['', 'x']], /^Operator "" not supported$/],
      ['"-" in the object form', [{ operator: '-sender', operand: 'x' }], /Operator "-sender" not supported/],
      ['a double "-"', [['--sender', 'x']], /Operator "-sender" not supported/],
      ['streams', [['streams', 'public']], /Operator "streams" not supported: narrowing to several channels/],
      ['dm-including', [['dm-including', 'bob@x.io']], /Operator "dm-including" not supported: use "dm"/],
      ['group-pm-with', [['group-pm-with', 'bob@x.io']], /Operator "group-pm-with" not supported/],
      ['a prototype key as operator', [['constructor', 'x']], /Operator "constructor" not supported/],
      ['an unsupported is operand', [['is', 'bar']], /^Operand "bar" not supported for operator "is"$/],
      ['an unsupported has operand', [['has', 'video']], /^Operand "video" not supported for operator "has"$/],
      ['is:followed (Zulip-only)', [['is', 'followed']], /Operand "followed" not supported for operator "is"/],
      ['a numeric is operand', [['is', 1]], /Operand for "is" must be a non-empty string/],
      ['an empty channel', [['channel', '']], /^Operand for "channel" must be a non-empty string$/],
      ['a blank channel', [['channel', '   ']], /Operand for "channel" must be a non-empty string/],
      ['a missing operand', [{ operator: 'channel' }], /Operand for "channel" must be a non-empty string/],
      ['an empty topic', [['topic', '']], /Operand for "topic" must be a non-empty string/],
      ['a numeric topic', [['topic', 5]], /Operand for "topic" must be a non-empty string/],
      ['an empty sender', [['sender', '']], /Operand for "sender" must be a non-empty string/],
      ['a boolean sender', [['sender', true]], /Operand for "sender" must be a non-empty string/],
      ['a negative channel number', [['channel', -1]], /Operand for "channel" must be a non-negative integer/],
      ['a fractional sender number', [['sender', 1.5]], /Operand for "sender" must be a non-negative integer/],
      ['an unsafe id number', [['id', 2 ** 64]], /Operand for "id" must be a non-negative integer/],
      ['a non-numeric id', [['id', 'abc']], /Operand for "id" must be a decimal string of digits, got "abc"/],
      ['a signed id', [['id', '-5']], /Operand for "id" must be a decimal string/],
      ['a hex id', [['id', '0x1f']], /Operand for "id" must be a decimal string/],
      ['an empty dm array', [['dm', []]], /Operand for "dm" must name at least one participant/],
      ['an empty dm string', [['dm', '']], /Operand for "dm" must be a non-empty string/],
      [
        'an empty dm list entry',
        [['dm', 'a@x.io,,b@x.io']],
        /Participant 1 in operand for "dm" must be a non-empty string/,
      ],
      ['a non-string dm array entry', [['dm', ['a@x.io', null]]], /Participant 1 in operand for "dm"/],
      ['an object dm operand', [['dm', { id: 1 }]], /Operand for "dm" must be a non-empty string/],
      ['a search with no words', [['search', ' ?! ']], /Operand for "search" must contain at least one word/],
      ['an empty search', [['search', '']], /Operand for "search" must be a non-empty string/],
      ['too many terms', tooMany, /too many terms \(21, max 20\)/],
      ['a too-long topic', [['topic', tooLong]], /Operand for "topic" is too long \(501 characters, max 500\)/],
      ['a too-long search', [['search', tooLong]], /Operand for "search" is too long/],
      ['a too-long dm entry', [['dm', ['a@x.io', tooLong]]], /Participant 1 in operand for "dm" is too long/],
      ['an extra object key', [{ operator: 'is', operand: 'read', extra: 1 }], /index 0: unexpected key "extra"/],
      ['a __proto__ key', '[{"operator":"is","operand":"read","__proto__":{}}]', /index 0: unexpected key "__proto__"/],
      [
        'a string negated',
        [{ operator: 'is', operand: 'read', negated: 'true' }],
        /index 0: "negated" must be a boolean/,
      ],
      [
        'a null negated',
        [['is', 'read'], { operator: 'is', operand: 'read', negated: null }],
        /index 1: "negated" must be a boolean/,
      ],
    ])('rejects %s', (_label, input, message) => {
      const error = parseError(input);
      expect(error).toBeInstanceOf(NarrowError);
      expect(error.name).toBe('NarrowError');
      expect(error.message).toMatch(message);
    });
  });

  describe('error details', () => {
    it.each<[unknown, string | undefined, unknown]>([
      [[['foo', 'x']], 'foo', undefined],
      [[['is', 'bar']], 'is', 'bar'],
      [[['channel', '']], 'channel', ''],
      [[['dm', ['a@x.io', 5.5]]], 'dm', 5.5],
      [[{ operator: 'is', operand: 'read', negated: 1 }], 'is', 'read'],
      [[['is']], undefined, undefined],
    ])('exposes the offending operator and operand for %j', (input, operator, operand) => {
      const error = parseError(input);
      expect(error.operator).toBe(operator);
      expect(error.operand).toEqual(operand);
    });

    it('truncates huge values in messages', () => {
      const error = parseError([['x'.repeat(10_000), 'y']]);
      expect(error.message.length).toBeLessThan(120);
    });
  });
});
