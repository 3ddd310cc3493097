import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@switchboard/db';
import { TEST_DATABASE_URL } from '../support/env';

/**
 * The schema is written by migrations alone (indexes, checks, triggers and generated columns are
 * beyond what entities describe), and entities map a part of it. This checks the direction that
 * breaks at run time: every column an entity reads or writes exists after migrating, with the
 * entity's type and nullability. (TypeORM's own schema diff would propose dropping every index.)
 */
describe('entities match the migrated schema', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(TEST_DATABASE_URL, 2)).initialize();
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('has every entity column with its type and nullability', async () => {
    const rows = (await db.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    )) as { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }[];
    const actual = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row]));
    const problems: string[] = [];
    for (const entity of db.entityMetadatas) {
      for (const column of entity.columns) {
        const key = `${entity.tableName}.${column.databaseName}`;
        const found = actual.get(key);
        if (!found) {
          problems.push(`${key}: missing`);
          continue;
        }
        const expected = normaliseType(String(db.driver.normalizeType(column)));
        const type = normaliseType(
          found.data_type === 'USER-DEFINED' || found.data_type === 'ARRAY' ? found.udt_name : found.data_type,
        );
        if (expected !== type) problems.push(`${key}: entity ${expected}, database ${type}`);
        if (column.isNullable !== (found.is_nullable === 'YES'))
          problems.push(
            `${key}: entity ${column.isNullable ? 'nullable' : 'not null'}, database ${found.is_nullable === 'YES' ? 'nullable' : 'not null'}`,
          );
      }
    }
    expect(problems).toEqual([]);
    expect(db.entityMetadatas.length).toBeGreaterThan(5);
  });
});

const ALIASES: Record<string, string> = {
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  'character varying': 'varchar',
  integer: 'int',
  int4: 'int',
  int8: 'bigint',
  boolean: 'bool',
  _text: 'text[]',
};

function normaliseType(type: string): string {
  const lower = type.toLowerCase();
  return ALIASES[lower] ?? lower;
}
