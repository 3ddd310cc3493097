import type { SelectQueryBuilder } from 'typeorm';
import { newestFirstPage } from './id-page';

/** Just enough of a query builder over ids 1..10 to run the cursor conditions, order and limit. */
function rows(): SelectQueryBuilder<{ id: number }> {
  const filters: ((id: number) => boolean)[] = [];
  let direction: 'ASC' | 'DESC' = 'ASC';
  let take = Infinity;
  const builder = {
    andWhere(condition: string, params: Record<string, string>) {
      const [, op, name] = /^r\.id ([<>]) :(\w+)$/.exec(condition)!;
      const bound = Number(params[name]);
      filters.push(op === '<' ? (id) => id < bound : (id) => id > bound);
      return builder;
    },
    orderBy(_column: string, order: 'ASC' | 'DESC') {
      direction = order;
      return builder;
    },
    limit(n: number) {
      take = n;
      return builder;
    },
    async getMany() {
      const ids = Array.from({ length: 10 }, (_, i) => i + 1).filter((id) => filters.every((keep) => keep(id)));
      if (direction === 'DESC') ids.reverse();
      return ids.slice(0, take).map((id) => ({ id }));
    },
  };
  return builder as unknown as SelectQueryBuilder<{ id: number }>;
}

const page = async (window: { limit: number; beforeId?: string; afterId?: string }) => {
  const { rows: found, hasMore } = await newestFirstPage(rows(), 'r.id', window);
  return { ids: found.map((row) => row.id), hasMore };
};

describe('newestFirstPage', () => {
  it.each([
    ['the newest page', { limit: 3 }, [10, 9, 8], true],
    ['older than a cursor', { limit: 3, beforeId: '8' }, [7, 6, 5], true],
    ['the last older page', { limit: 3, beforeId: '3' }, [2, 1], false],
    ['just after a cursor, still newest first', { limit: 3, afterId: '2' }, [5, 4, 3], true],
    ['the newest rows after a cursor', { limit: 3, afterId: '7' }, [10, 9, 8], false],
    ['between two cursors, newest first', { limit: 3, afterId: '2', beforeId: '9' }, [8, 7, 6], true],
    ['a page that fits exactly', { limit: 10 }, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], false],
  ])('%s', async (_label, window, ids, hasMore) => {
    expect(await page(window)).toEqual({ ids, hasMore });
  });
});
