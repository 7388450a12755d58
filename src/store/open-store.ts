import { join } from 'node:path';
import { resolveSecret, registerSecret } from '../secrets.js';
import { UserError } from '../domain/errors.js';
import type { Settings } from '../settings.js';
import { openSqliteStore } from './sqlite/open.js';
import { isPostgresUrl, openPostgresStore } from './postgres/open.js';
import type { SqlStore } from './sql/sql-store.js';

export const DATABASE_FILE = 'archive.sqlite';

/** Opens the database the settings choose: the embedded SQLite file in `dataDir`, or PostgreSQL. */
export async function openConfiguredStore(choice: Settings['store'], dataDir: string): Promise<SqlStore> {
  if (choice === 'sqlite') return openSqliteStore(join(dataDir, DATABASE_FILE));
  const url = resolveSecret(choice)!;
  if (!isPostgresUrl(url)) throw new UserError('store.url', `the variable named by store (${choice}) must hold a postgres:// URL (the value is not shown)`);
  // The password alone may turn up in a driver's message.
  const password = safePassword(url);
  if (password) registerSecret(password);
  return openPostgresStore(url);
}

function safePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}
