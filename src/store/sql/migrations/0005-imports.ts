import type { Kysely, Migration } from 'kysely';

/** The manifests of owners' exports a run imported (checksum and entries), kept as evidence like a run's WARC. */
export const imports = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('import_files')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('stored_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_files_pk', ['run_id', 'account_id'])
      .execute();
  },
});
