import { isSlackTs, slackTsFromId, slackTsToMs } from './slack-ts';
import { ID_EPOCH_MS, idTimestampMs } from './snowflake';

/** Builds an id the way PostgreSQL's next_id() does. */
const idAt = (ms: number, seq: number): string => ((BigInt(ms - ID_EPOCH_MS) << 22n) | BigInt(seq)).toString();

const MAX_SEQUENCE = 2 ** 22 - 1;
const JAN_2025 = Date.UTC(2025, 0, 1); // 1735689600000

/** A small deterministic PRNG (mulberry32), so the "many ids" tests are reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byId = (a: string, b: string): number => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

describe('slack ts', () => {
  describe('slackTsFromId', () => {
    it.each([
      ['the first id', idAt(ID_EPOCH_MS, 1), '1704067200.000001'],
      ['sequence 0 on a second boundary', idAt(JAN_2025, 0), '1735689600.000000'],
      ['ms and a small sequence', idAt(JAN_2025 + 123, 5), '1735689600.123005'],
      ['the last ms of a second, sequence 999', idAt(JAN_2025 + 999, 999), '1735689600.999999'],
      ['sequence 1000 wraps to 000', idAt(JAN_2025 + 42, 1000), '1735689600.042000'],
      ['a large sequence keeps its last three digits', idAt(JAN_2025 + 7, 1234567), '1735689600.007567'],
      ['the last sequence', idAt(JAN_2025, MAX_SEQUENCE), '1735689600.000303'],
      ['a later date', idAt(Date.UTC(2033, 4, 18, 3, 33, 20, 250), 77), '2000000000.250077'],
    ])('renders %s', (_label, id, ts) => {
      expect(slackTsFromId(id)).toBe(ts);
    });

    it.each([
      ID_EPOCH_MS,
      JAN_2025,
      JAN_2025 + 1,
      JAN_2025 + 999,
      Date.UTC(2029, 11, 31, 23, 59, 59, 999),
      ID_EPOCH_MS + 2 ** 41 - 1, // the last ms an id can hold (2093)
    ])('is ten digits, a dot and six digits at %p', (ms) => {
      for (const seq of [0, 1, 999, 1000, MAX_SEQUENCE])
        expect(slackTsFromId(idAt(ms, seq))).toMatch(/^\d{10}\.\d{6}$/);
    });

    it('gives different ts to ids of the same ms whose sequences differ modulo 1000', () => {
      const all = Array.from({ length: 1000 }, (_, seq) => slackTsFromId(idAt(JAN_2025 + 500, 4000 + seq)));
      expect(new Set(all).size).toBe(1000);
      expect(all.every((ts) => ts.startsWith('1735689600.5'))).toBe(true);
    });

    it('collides for ids of the same ms whose sequences are equal modulo 1000 (the unique index guards this)', () => {
      expect(slackTsFromId(idAt(JAN_2025, 5))).toBe(slackTsFromId(idAt(JAN_2025, 1005)));
      expect(slackTsFromId(idAt(JAN_2025, 5))).not.toBe(slackTsFromId(idAt(JAN_2025 + 1, 1005)));
    });

    it.each([
      ['the same second', JAN_2025 + 10, 999, JAN_2025 + 11, 0],
      ['a second boundary', JAN_2025 + 999, 999, JAN_2025 + 1000, 0],
      ['a second boundary with big sequences', JAN_2025 + 999, MAX_SEQUENCE, JAN_2025 + 1000, 1000],
      ['ten seconds apart', JAN_2025, 1, JAN_2025 + 10_000, 0],
    ])('orders ts like ids across %s', (_label, msA, seqA, msB, seqB) => {
      expect(slackTsFromId(idAt(msA, seqA)) < slackTsFromId(idAt(msB, seqB))).toBe(true);
    });

    it('sorts many ids from distinct ms as strings in the same order as the ids', () => {
      const next = random(20250101);
      const ids: string[] = [];
      let ms = JAN_2025 - 1;
      for (let i = 0; i < 2000; i++) {
        ms += 1 + Math.floor(next() * (next() < 0.5 ? 3 : 5000)); // many ms and second boundaries
        ids.push(idAt(ms, Math.floor(next() * (MAX_SEQUENCE + 1))));
      }
      const shuffled = [...ids];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const tsInIdOrder = [...shuffled].sort(byId).map(slackTsFromId);
      const tsSortedAsStrings = shuffled.map(slackTsFromId).sort();
      expect(tsSortedAsStrings).toEqual(tsInIdOrder);
      expect(new Set(tsSortedAsStrings).size).toBe(ids.length);
    });

    // The documented contract: within one millisecond only `sequence % 1000` is kept, so ts order
    // may differ from id order there (history is ordered by id); the ts stay distinct.
    it('keeps ids of one ms distinct when the sequence crosses a multiple of 1000', () => {
      const earlier = idAt(JAN_2025 + 250, 1999);
      const later = idAt(JAN_2025 + 250, 2000);
      expect(slackTsFromId(earlier)).not.toBe(slackTsFromId(later));
      expect(slackTsFromId(earlier).split('.')[0]).toBe(slackTsFromId(later).split('.')[0]);
    });
  });

  describe('isSlackTs', () => {
    it.each<[string, unknown, boolean]>([
      ['a Slack example', '1355517523.000005', true],
      ['one of ours', '1735689600.123005', true],
      ['nine-digit seconds', '999999999.000000', true],
      ['eleven-digit seconds', '10000000000.000000', true],
      ['all zeros', '0000000000.000000', true],
      ['eight-digit seconds', '99999999.000000', false],
      ['twelve-digit seconds', '100000000000.000000', false],
      ['five fraction digits', '1355517523.00005', false],
      ['seven fraction digits', '1355517523.0000050', false],
      ['no fraction', '1355517523', false],
      ['empty fraction', '1355517523.', false],
      ['no seconds', '.000005', false],
      ['comma', '1355517523,000005', false],
      ['two dots', '1355517523.000.005', false],
      ['negative', '-135551752.000005', false],
      ['leading space', ' 1355517523.000005', false],
      ['trailing newline', '1355517523.000005\n', false],
      ['letters', '13555l7523.000005', false],
      ['exponent', '1.355517523e9', false],
      ['empty', '', false],
      ['a number', 1355517523.000005, false],
      ['null', null, false],
      ['undefined', undefined, false],
      ['an object', { ts: '1355517523.000005' }, false],
      ['an array', ['1355517523.000005'], false],
    ])('%s', (_label, value, expected) => {
      expect(isSlackTs(value)).toBe(expected);
    });

    it('accepts every ts we generate', () => {
      for (const seq of [0, 999, 1000, MAX_SEQUENCE])
        expect(isSlackTs(slackTsFromId(idAt(JAN_2025 + 321, seq)))).toBe(true);
    });
  });

  describe('slackTsToMs', () => {
    it.each([
      ['1355517523.000005', 1355517523000],
      ['1355517523.000999', 1355517523000],
      ['1355517523.001000', 1355517523001],
      ['1355517523.999999', 1355517523999],
      ['1735689600.123005', JAN_2025 + 123],
      ['999999999.500000', 999999999500],
    ])('reads %s as %p', (ts, ms) => {
      expect(slackTsToMs(ts)).toBe(ms);
    });

    it.each([
      ['the first id', ID_EPOCH_MS, 1],
      ['a second boundary', JAN_2025, 0],
      ['mid-second', JAN_2025 + 123, 456789],
      ['the last ms of a second', JAN_2025 + 999, MAX_SEQUENCE],
      ['a later date', Date.UTC(2040, 1, 29, 23, 59, 59, 1), 999],
    ])('round-trips %s to the millisecond', (_label, ms, seq) => {
      const id = idAt(ms, seq);
      expect(slackTsToMs(slackTsFromId(id))).toBe(ms);
      expect(slackTsToMs(slackTsFromId(id))).toBe(idTimestampMs(id));
    });

    it('round-trips many generated ids', () => {
      const next = random(7);
      for (let i = 0; i < 500; i++) {
        const ms = JAN_2025 + Math.floor(next() * 10 * 365 * 86_400_000);
        const id = idAt(ms, Math.floor(next() * (MAX_SEQUENCE + 1)));
        expect(slackTsToMs(slackTsFromId(id))).toBe(ms);
      }
    });
  });
});
