import { ID_EPOCH_MS, ID_SEQUENCE_BITS, idSequence, idTimestampMs, isId, minIdAt } from './snowflake';

/** Builds an id the way PostgreSQL's next_id() does. */
const idAt = (ms: number, seq: number): string => ((BigInt(ms - ID_EPOCH_MS) << 22n) | BigInt(seq)).toString();

const MAX_ID = '9223372036854775807'; // 2^63 - 1
const MAX_SEQUENCE = 2 ** 22 - 1;
const MAX_MS = ID_EPOCH_MS + 2 ** 41 - 1;
const JAN_2025 = Date.UTC(2025, 0, 1);

describe('snowflake ids', () => {
  it('uses a 22-bit sequence after 2024-01-01T00:00:00Z', () => {
    expect(ID_SEQUENCE_BITS).toBe(22n);
    expect(new Date(ID_EPOCH_MS).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(idAt(MAX_MS, MAX_SEQUENCE)).toBe(MAX_ID);
  });

  describe('isId', () => {
    it.each([
      ['1'],
      ['9'],
      ['10'],
      ['4194304'],
      ['123456789012345678'],
      ['1000000000000000000'], // 19 digits
      ['9223372036854775806'],
      [MAX_ID],
      [idAt(JAN_2025, 0)],
      [idAt(JAN_2025, MAX_SEQUENCE)],
    ])('accepts %p', (value) => {
      expect(isId(value)).toBe(true);
    });

    it.each<[string, unknown]>([
      ['zero', '0'],
      ['double zero', '00'],
      ['leading zero', '01'],
      ['leading zeros', '007'],
      ['leading zero at 19 digits', '0123456789012345678'],
      ['negative', '-1'],
      ['explicit plus', '+1'],
      ['empty string', ''],
      ['leading space', ' 1'],
      ['trailing space', '1 '],
      ['trailing newline', '1\n'],
      ['leading tab', '\t1'],
      ['inner space', '12 34'],
      ['decimal point', '1.0'],
      ['exponent', '1e3'],
      ['hex', '0x1F'],
      ['letters', 'abc'],
      ['non-ASCII digits', '١٢٣'],
      ['full-width digits', '１２３'],
      ['2^63', '9223372036854775808'],
      ['largest 19-digit number', '9999999999999999999'],
      ['20 digits', '10000000000000000000'],
      ['2^64', '18446744073709551616'],
      ['number', 1],
      ['number zero', 0],
      ['bigint', 1n],
      ['null', null],
      ['undefined', undefined],
      ['boolean', true],
      ['object', {}],
      ['array holding an id', ['1']],
      ['boxed string', new String('1')],
      ['NaN', Number.NaN],
    ])('rejects %s', (_label, value) => {
      expect(isId(value)).toBe(false);
    });
  });

  describe('idTimestampMs / idSequence', () => {
    it.each([
      ['the epoch, sequence 1', ID_EPOCH_MS, 1],
      ['the epoch, last sequence', ID_EPOCH_MS, MAX_SEQUENCE],
      ['one ms after the epoch, sequence 0', ID_EPOCH_MS + 1, 0],
      ['2025-01-01, sequence 0', JAN_2025, 0],
      ['2025-01-01, sequence 999', JAN_2025, 999],
      ['2025-01-01, sequence 1000', JAN_2025, 1000],
      ['2025-01-01 + 123 ms, mid sequence', JAN_2025 + 123, 2 ** 21],
      ['2030-06-15, last sequence', Date.UTC(2030, 5, 15, 12, 30, 45, 678), MAX_SEQUENCE],
      ['the last representable ms, sequence 0', MAX_MS, 0],
      ['the largest id', MAX_MS, MAX_SEQUENCE],
    ])('round-trips %s', (_label, ms, seq) => {
      const id = idAt(ms, seq);
      expect(idTimestampMs(id)).toBe(ms);
      expect(idSequence(id)).toBe(seq);
    });

    it('keeps the sequence out of the timestamp and vice versa', () => {
      expect(idTimestampMs(idAt(JAN_2025, MAX_SEQUENCE))).toBe(idTimestampMs(idAt(JAN_2025, 0)));
      expect(idSequence(idAt(JAN_2025 + 1, 7))).toBe(idSequence(idAt(JAN_2025, 7)));
    });

    it.each([
      ['1', ID_EPOCH_MS, 1],
      ['4194303', ID_EPOCH_MS, MAX_SEQUENCE],
      ['4194304', ID_EPOCH_MS + 1, 0],
      ['4194305', ID_EPOCH_MS + 1, 1],
      [MAX_ID, MAX_MS, MAX_SEQUENCE],
    ])('decodes the literal id %s', (id, ms, seq) => {
      expect(idTimestampMs(id)).toBe(ms);
      expect(idSequence(id)).toBe(seq);
    });
  });

  describe('minIdAt', () => {
    const instants = [
      ID_EPOCH_MS,
      ID_EPOCH_MS + 1,
      JAN_2025,
      JAN_2025 + 999,
      JAN_2025 + 1000,
      Date.UTC(2031, 2, 3, 4, 5, 6, 7),
      MAX_MS - 1,
    ];
    const sequences = [0, 1, 999, 1000, 2 ** 21, MAX_SEQUENCE];

    it.each(instants)('is the id with sequence 0 at %p', (ms) => {
      expect(minIdAt(ms)).toBe(idAt(ms, 0));
    });

    it.each(instants)('is <= every id generated at %p', (ms) => {
      for (const seq of sequences) expect(BigInt(minIdAt(ms)) <= BigInt(idAt(ms, seq))).toBe(true);
    });

    it.each(instants)('is above every id of the ms before %p and below every id of the ms after', (ms) => {
      for (const seq of sequences) {
        if (ms > ID_EPOCH_MS) expect(BigInt(idAt(ms - 1, seq)) < BigInt(minIdAt(ms))).toBe(true);
        expect(BigInt(idAt(ms, seq)) < BigInt(minIdAt(ms + 1))).toBe(true);
      }
    });

    it.each([
      ['a fraction of a ms', JAN_2025 + 0.1, JAN_2025],
      ['almost the next ms', JAN_2025 + 0.999, JAN_2025],
      ['a fraction at the epoch', ID_EPOCH_MS + 0.5, ID_EPOCH_MS],
    ])('floors %s', (_label, ms, floored) => {
      expect(minIdAt(ms)).toBe(minIdAt(floored));
    });

    it.each([
      ['the epoch', ID_EPOCH_MS],
      ['one ms before the epoch', ID_EPOCH_MS - 1],
      ['a fraction before the epoch', ID_EPOCH_MS - 0.5],
      ['the Unix epoch', 0],
      ['a negative time', -1e12],
    ])('clamps %s to 0', (_label, ms) => {
      expect(minIdAt(ms)).toBe('0');
    });

    it('returns decimal strings that are ids once past the epoch', () => {
      for (const ms of instants.slice(1)) expect(isId(minIdAt(ms))).toBe(true);
    });
  });
});
