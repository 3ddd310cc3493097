import type { EntityManager } from 'typeorm';
import { affectedRows, changesRow, returnsRow } from './statement-results';

const answering = (answer: unknown) => ({ query: jest.fn().mockResolvedValue(answer) }) as unknown as EntityManager;

describe('statement results', () => {
  it('returnsRow: whether any row came back', async () => {
    expect(await returnsRow(answering([{ '?column?': 1 }]), 'INSERT … RETURNING 1', [1])).toBe(true);
    expect(await returnsRow(answering([]), 'INSERT … RETURNING 1', [1])).toBe(false);
  });

  it('affectedRows and changesRow: the count of an UPDATE or DELETE', async () => {
    expect(await affectedRows(answering([[], 3]), 'DELETE …', [])).toBe(3);
    expect(await changesRow(answering([[], 1]), 'DELETE …', [])).toBe(true);
    expect(await changesRow(answering([[], 0]), 'DELETE …', [])).toBe(false);
  });

  it('passes the statement and its parameters on', async () => {
    const em = answering([]);
    await returnsRow(em, 'SELECT 1 FROM t WHERE id = $1', ['7']);
    expect(em.query).toHaveBeenCalledWith('SELECT 1 FROM t WHERE id = $1', ['7']);
  });
});
