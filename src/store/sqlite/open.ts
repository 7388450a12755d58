import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type TransactionSettings } from 'kysely';
import type { Database } from '../sql/schema.js';
import { SqlStore } from '../sql/sql-store.js';

/**
 * Write transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE): a second process
 * then waits for it (busy_timeout) instead of failing with "database is locked" when its read turns
 * into a write after another process committed. Read-only transactions (snapshots) stay deferred,
 * so a package being built never blocks a run.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** Opens (creating when needed) the embedded SQLite store at `file`. */
export async function openSqliteStore(file: string): Promise<SqlStore> {
  mkdirSync(dirname(file), { recursive: true });
  const dialect = new ImmediateSqliteDialect({
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
