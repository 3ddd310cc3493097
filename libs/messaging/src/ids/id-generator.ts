import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Allocates time-ordered 64-bit ids from PostgreSQL's next_id() (see the initial migration). */
@Injectable()
export class IdGenerator {
  async next(em: EntityManager): Promise<string> {
    const [row] = (await em.query('SELECT next_id()::text AS id')) as { id: string }[];
    return row.id;
  }

  async many(em: EntityManager, count: number): Promise<string[]> {
    const rows = (await em.query('SELECT next_id()::text AS id FROM generate_series(1, $1)', [count])) as {
      id: string;
    }[];
    return rows.map((row) => row.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  }
}
