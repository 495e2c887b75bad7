/**
 * vitest global setup: a throwaway PostgreSQL cluster for the PostgreSQL back-end tests
 * (test/memory-postgres.test.ts), started by scripts/postgres-cluster.ts in a temporary folder on
 * 127.0.0.1 and stopped and removed at teardown. Its URL is exported as `BITEXT_TEST_POSTGRES`.
 * When `BITEXT_TEST_POSTGRES` is already set, that server is used and nothing is started. When
 * PostgreSQL is not installed, `BITEXT_TEST_POSTGRES_ERROR` says so and `testPostgresUrl` throws it,
 * so those tests fail with the reason instead of being skipped.
 */
import pg from 'pg';
import { startPostgres } from '../../scripts/postgres-cluster.ts';

/** Start the cluster unless `BITEXT_TEST_POSTGRES` names one; returns the teardown. */
export default async function setup(): Promise<() => void> {
  if (process.env.BITEXT_TEST_POSTGRES) return () => undefined;
  try {
    const cluster = await startPostgres('bitext_test');
    process.env.BITEXT_TEST_POSTGRES = cluster.url;
    return () => cluster.stop();
  } catch (error) {
    process.env.BITEXT_TEST_POSTGRES_ERROR = (error as Error).message;
    return () => undefined;
  }
}

/** The test server's URL; throws the reason there is none (PostgreSQL not installed, or it did not start). */
export function testPostgresUrl(): string {
  const url = process.env.BITEXT_TEST_POSTGRES;
  if (!url) throw new Error(process.env.BITEXT_TEST_POSTGRES_ERROR ?? 'BITEXT_TEST_POSTGRES is not set and no PostgreSQL cluster was started (test/helpers/postgres.ts is not a globalSetup of this vitest config)');
  return url;
}

let databases = 0;

/**
 * A new empty database on the test server, its URL: every test gets its own memory, so test files
 * running at once never share one.
 */
export async function freshPostgres(): Promise<string> {
  const base = testPostgresUrl();
  const name = `t_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
