import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { inject } from 'vitest';
import { DATABASE_FILE } from '../../src/store/open-store.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { SqlStore } from '../../src/store/sql/sql-store.js';

// The pipeline tests run once per store configuration (vitest.config.ts: projects `embedded` and
// `postgres`). Under `postgres` every workspace gets a database of its own, created here and
// dropped by the project's global teardown (test/helpers/postgres-setup.ts), so files run in parallel.

declare module 'vitest' {
  export interface ProvidedContext {
    pgRunId: string;
  }
}

export type TestStoreKind = 'sqlite' | 'postgres';
export const TEST_STORE: TestStoreKind = process.env.SOCIALARCHIVE_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The server the test databases are made on: the local socket as the current user, unless given. */
export const pgAdminUrl = (): string =>
  process.env.SOCIALARCHIVE_TEST_PG_URL ?? `postgres://${encodeURIComponent(userInfo().username)}@%2Fvar%2Frun%2Fpostgresql/postgres`;

export const testDatabasePrefix = (runId: string): string => `sa_t_${runId}_`;

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

let counter = 0;

/** A new, empty PostgreSQL database for one test; returns its URL. */
export function createTestDatabase(): string {
  const name = `${testDatabasePrefix(inject('pgRunId'))}${process.pid}_${++counter}`;
  execFileSync('psql', [pgAdminUrl(), '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`], { stdio: ['ignore', 'ignore', 'pipe'] });
  return withDatabase(pgAdminUrl(), name);
}

/**
 * The `store:` line of a test workspace's socialarchive.yaml: nothing for the embedded store, else a
 * reference to an environment variable holding a fresh database's URL (spawned CLIs inherit it).
 */
export function testStoreSettings(): string {
  if (TEST_STORE === 'sqlite') return '';
  const variable = `SOCIALARCHIVE_TEST_DB_${process.pid}_${counter + 1}`;
  process.env[variable] = createTestDatabase();
  return `store: env:${variable}\n`;
}

/** The URL of the PostgreSQL database a test workspace's settings name, or null for the embedded store. */
export function workspaceDatabaseUrl(configDir: string): string | null {
  const m = /^store: env:(\w+)$/m.exec(readFileSync(join(configDir, 'socialarchive.yaml'), 'utf8'));
  return m ? process.env[m[1]!]! : null;
}

/** Everything the workspace's database holds, as bytes (the file, or a pg_dump), to search for what must not be there. */
export function databaseBytes(configDir: string, dataDir: string): Buffer {
  const url = workspaceDatabaseUrl(configDir);
  return url ? execFileSync('pg_dump', ['--data-only', url], { maxBuffer: 1 << 30 }) : readFileSync(join(dataDir, DATABASE_FILE));
}

/** A raw connection to the workspace's database, for tests that must go around the store. */
export function openRawDatabase(configDir: string, dataDir: string): Kysely<any> {
  const url = workspaceDatabaseUrl(configDir);
  const dialect = url
    ? new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) })
    : new SqliteDialect({ database: new BetterSqlite3(join(dataDir, DATABASE_FILE)) });
  return new Kysely<any>({ dialect });
}

/** A store of the configuration under test on an empty database, with a raw connection beside it. */
export async function openTestStore(): Promise<{ store: SqlStore; raw: () => Kysely<any> }> {
  if (TEST_STORE === 'postgres') {
    const url = createTestDatabase();
    return { store: await openPostgresStore(url), raw: () => new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) }) };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'store-')), DATABASE_FILE);
  return { store: await openSqliteStore(file), raw: () => new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) }) };
}
