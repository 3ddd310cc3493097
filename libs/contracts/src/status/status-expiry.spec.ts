import { parseStatusExpiry } from './status-expiry';

const NOW = new Date('2026-03-10T10:15:00.000Z'); // a Tuesday, 10:15 UTC
const at = (input: string, offset = 0) => {
  const result = parseStatusExpiry(input, NOW, offset);
  if (!result.ok) throw new Error(result.reason);
  return result.expiry.kind === 'at' ? result.expiry.at.toISOString() : result.expiry.kind;
};

describe('parseStatusExpiry', () => {
  it.each([
    ['', 'never'],
    ['   ', 'never'],
    ['never', 'never'],
    ['when-active', 'when-active'],
    ['When-Active', 'when-active'],
    ['30m', '2026-03-10T10:45:00.000Z'],
    ['1h', '2026-03-10T11:15:00.000Z'],
    ['1h30m', '2026-03-10T11:45:00.000Z'],
    ['2d', '2026-03-12T10:15:00.000Z'],
    ['1 hour', '2026-03-10T11:15:00.000Z'],
    ['45 minutes', '2026-03-10T11:00:00.000Z'],
    ['afternoon', '2026-03-10T13:00:00.000Z'],
    ['tomorrow', '2026-03-11T00:00:00.000Z'],
    ['1 PM', '2026-03-10T13:00:00.000Z'],
    ['1pm', '2026-03-10T13:00:00.000Z'],
    ['1:30 pm', '2026-03-10T13:30:00.000Z'],
    ['9 AM', '2026-03-11T09:00:00.000Z'],
    ['12 am', '2026-03-11T00:00:00.000Z'],
    ['12 pm', '2026-03-10T12:00:00.000Z'],
    ['10:15', '2026-03-11T10:15:00.000Z'],
    ['23:59', '2026-03-10T23:59:00.000Z'],
    ['2026-05-20', '2026-05-20T00:00:00.000Z'],
    ['2026-03-10T12:00:00Z', '2026-03-10T12:00:00.000Z'],
    ['2026-03-10T12:00:00+01:00', '2026-03-10T11:00:00.000Z'],
  ])('%j (UTC) → %s', (input, expected) => {
    expect(at(input)).toBe(expected);
  });

  it.each([
    // 10:15 UTC is 12:15 at UTC+2 and 05:15 at UTC-5
    ['afternoon', 120, '2026-03-10T11:00:00.000Z'],
    ['afternoon', -300, '2026-03-10T18:00:00.000Z'],
    ['tomorrow', 120, '2026-03-10T22:00:00.000Z'],
    ['1 PM', 120, '2026-03-10T11:00:00.000Z'],
    ['2026-05-20', 120, '2026-05-19T22:00:00.000Z'],
    ['1h', 120, '2026-03-10T11:15:00.000Z'],
  ])('%j at UTC%+d min → %s', (input, offset, expected) => {
    expect(at(input, offset)).toBe(expected);
  });

  it('afternoon after 13:00 means tomorrow afternoon', () => {
    const late = parseStatusExpiry('afternoon', new Date('2026-03-10T15:00:00Z'));
    expect(late).toEqual({ ok: true, expiry: { kind: 'at', at: new Date('2026-03-11T13:00:00Z') } });
  });

  it.each([
    ['2019-05-20', 'expires is in the past'],
    ['2026-03-10T09:00:00Z', 'expires is in the past'],
    ['2026-02-30', 'not a valid date'],
    ['13 PM', 'not a valid time of day'],
    ['0 am', 'not a valid time of day'],
    ['24:00', 'not a valid time of day'],
    ['0m', 'between 1 minute and 366 days'],
    ['400d', 'between 1 minute and 366 days'],
    ['soon', 'expires must be one of'],
    ['1x', 'expires must be one of'],
    ['yesterday', 'expires must be one of'],
  ])('%j is refused', (input, reason) => {
    const result = parseStatusExpiry(input, NOW);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});
