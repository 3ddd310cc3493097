import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A page by time-ordered id: at most `limit` rows, strictly before and/or after the cursors. */
export interface IdWindow {
  limit: number;
  beforeId?: string;
  afterId?: string;
}

/**
 * One page newest first. With only `afterId` the page is the one just after the cursor (read
 * oldest first, so catching up never skips rows), still returned newest first. `hasMore`: more rows
 * lie beyond the page in the direction it was read.
 */
export async function newestFirstPage<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  idColumn: string,
  window: IdWindow,
): Promise<{ rows: T[]; hasMore: boolean }> {
  if (window.beforeId) builder.andWhere(`${idColumn} < :beforeId`, { beforeId: window.beforeId });
  if (window.afterId) builder.andWhere(`${idColumn} > :afterId`, { afterId: window.afterId });
  const forward = Boolean(window.afterId && !window.beforeId);
  const rows = await builder
    .orderBy(idColumn, forward ? 'ASC' : 'DESC')
    .limit(window.limit + 1)
    .getMany();
  const page = rows.slice(0, window.limit);
  if (forward) page.reverse();
  return { rows: page, hasMore: rows.length > window.limit };
}
