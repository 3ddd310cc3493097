import path from 'node:path';

/** Where the tests find PostgreSQL and Redis (the CI script starts both when they are down). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchboard_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const INTERNAL_SECRET = 'switchboard-test-internal-secret';
export const ROOT = path.resolve(__dirname, '../..');
