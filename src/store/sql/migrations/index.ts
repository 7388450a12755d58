import type { Migration, MigrationProvider } from 'kysely';
import { captureCore } from './0001-capture-core.js';

// Schema migrations, written with Kysely's schema builder so they run on SQLite and PostgreSQL
// alike; one file per migration, applied in name order. Never edit a migration that has shipped.

export type SqlDialectName = 'sqlite' | 'postgres';

const MIGRATIONS: Record<string, (dialect: SqlDialectName) => Migration> = {
  '0001_capture_core': captureCore,
};

export const migrationsFor = (dialect: SqlDialectName): MigrationProvider => ({
  getMigrations: async () => Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, m(dialect)])),
});
