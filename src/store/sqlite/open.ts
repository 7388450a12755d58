import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../sql/schema.js';
import { SqlStore } from '../sql/sql-store.js';

/** Opens (creating when needed) the embedded SQLite store at `file`. */
export async function openSqliteStore(file: string): Promise<SqlStore> {
  mkdirSync(dirname(file), { recursive: true });
  const dialect = new SqliteDialect({
    database: async () => {
      const db = new BetterSqlite3(file);
      // WAL keeps readers (a package build, the console) going during a run; NORMAL sync survives a
      // killed process without losing a committed transaction and keeps commits cheap.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 10000');
      return db;
    },
  });
  return SqlStore.open(new Kysely<Database>({ dialect }), 'sqlite');
}
