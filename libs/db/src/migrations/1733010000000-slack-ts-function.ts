import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * slack_ts(id): a message's Slack `ts` from its id, as libs/contracts/src/ids/slack-ts.ts computes it
 * (seconds, then six digits: the milliseconds and the id's sequence modulo 1000), so a statement
 * can insert a message whose id it allocated itself. The two are compared in an integration test.
 */
export class SlackTsFunction1733010000000 implements MigrationInterface {
  name = 'SlackTsFunction1733010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION slack_ts(id bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (((id >> 22) + 1704067200000) / 1000)::text || '.' ||
               lpad(((((id >> 22) + 1704067200000) % 1000) * 1000 + (id & 4194303) % 1000)::text, 6, '0')
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION slack_ts(bigint)`);
  }
}
