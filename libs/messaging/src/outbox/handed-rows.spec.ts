import type { OutboxRow } from './outbox-cursor.store';
import { takeContiguous } from './handed-rows';

const row = (organisation: string, eventId: number): OutboxRow => ({
  id: `${organisation}${eventId}`,
  organisation_id: organisation,
  event_id: String(eventId),
  type: 'message.created',
  actor_id: null,
  audience: {},
  payload: {},
  created_at: new Date(0),
});
const ids = (rows: OutboxRow[]) => rows.map((r) => `${r.organisation_id}:${r.event_id}`);

describe('takeContiguous', () => {
  it('publishes rows that continue the relayed position', () => {
    const { ready, toRead } = takeContiguous([row('1', 5), row('1', 6), row('1', 7)], new Map([['1', '4']]));
    expect(ids(ready)).toEqual(['1:5', '1:6', '1:7']);
    expect(toRead.size).toBe(0);
  });

  it('reads an organisation whose handed rows leave a gap, and publishes none of them', () => {
    const { ready, toRead } = takeContiguous([row('1', 5), row('1', 7)], new Map([['1', '4']]));
    expect(ready).toEqual([]);
    expect([...toRead]).toEqual(['1']);
  });

  it('reads an organisation when another writer committed first', () => {
    const { ready, toRead } = takeContiguous([row('1', 9)], new Map([['1', '4']]));
    expect(ready).toEqual([]);
    expect([...toRead]).toEqual(['1']);
  });

  it('reads an organisation not relayed since the lead was taken', () => {
    const { ready, toRead } = takeContiguous([row('2', 1)], new Map());
    expect(ready).toEqual([]);
    expect([...toRead]).toEqual(['2']);
  });

  it('skips rows a read relayed already, and takes the rest that follows', () => {
    const { ready, toRead } = takeContiguous([row('1', 3), row('1', 4), row('1', 5)], new Map([['1', '4']]));
    expect(ids(ready)).toEqual(['1:5']);
    expect(toRead.size).toBe(0);
  });

  it('decides per organisation', () => {
    const { ready, toRead } = takeContiguous(
      [row('1', 5), row('2', 11), row('1', 6), row('2', 13)],
      new Map([
        ['1', '4'],
        ['2', '10'],
      ]),
    );
    expect(ids(ready)).toEqual(['1:5', '1:6']);
    expect([...toRead]).toEqual(['2']);
  });

  it('compares event ids as numbers, past 2^53', () => {
    const { ready } = takeContiguous(
      [row('1', 0)].map((r) => ({ ...r, event_id: '9007199254740993' })),
      new Map([['1', '9007199254740992']]),
    );
    expect(ids(ready)).toEqual(['1:9007199254740993']);
  });
});
