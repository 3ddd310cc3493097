import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { ROOT, TEST_DATABASE_URL } from './env';

/** A fresh test database, migrated with the real migrations through the built CLI. */
export default async function globalSetup(): Promise<void> {
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  execFileSync(process.execPath, [path.join(ROOT, 'dist/apps/messaging-service/cli.js'), 'migrate'], {
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
