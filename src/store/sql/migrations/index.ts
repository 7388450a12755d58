import type { Migration, MigrationProvider } from 'kysely';
import { captureCore } from './0001-capture-core.js';
import { privacy } from './0002-privacy.js';
import { formats } from './0003-formats.js';
import { transfers } from './0004-transfers.js';
import { imports } from './0005-imports.js';
import { search } from './0006-search.js';
import { users } from './0008-users.js';
import { schedule } from './0007-schedule.js';

// Schema migrations, written with Kysely's schema builder so they run on SQLite and PostgreSQL
// alike; one file per migration, applied in name order. Never edit a migration that has shipped.

export type SqlDialectName = 'sqlite' | 'postgres';

const MIGRATIONS: Record<string, (dialect: SqlDialectName) => Migration> = {
  '0001_capture_core': captureCore,
  '0002_privacy': privacy,
  '0003_formats': formats,
  '0004_transfers': transfers,
  '0005_imports': imports,
  '0006_search': search,
  '0008_users': users,
  '0007_schedule': schedule,
};

export const migrationsFor = (dialect: SqlDialectName): MigrationProvider => ({
  getMigrations: async () => Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, m(dialect)])),
});
