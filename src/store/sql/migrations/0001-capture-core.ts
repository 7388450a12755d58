import type { Kysely, Migration } from 'kysely';
import { refuseEdits } from './append-only.js';
import type { SqlDialectName } from './index.js';

/** Registry history, runs, items with versions, media, deletions, files, WARC, cursors, audit trail. */
export const captureCore = (dialect: SqlDialectName): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('registry_versions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('registry', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('loaded_at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('changes', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('handle', 'text', (c) => c.notNull())
      .addColumn('first_registered_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('operator', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('run_accounts')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('cycle_started_at', 'text', (c) => c.notNull())
      .addColumn('stats', 'text', (c) => c.notNull())
      .addColumn('stop_reason', 'text')
      .addColumn('stop_where', 'text')
      .addPrimaryKeyConstraint('run_accounts_pk', ['run_id', 'account_id'])
      .execute();

    await db.schema
      .createTable('account_locks')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('acquired_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('items')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('platform_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('uri', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('parent_platform_id', 'text')
      .addColumn('thread_root_platform_id', 'text')
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('author_handle', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text')
      .addColumn('third_party', 'integer', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('first_run_id', 'text', (c) => c.notNull())
      .addColumn('first_captured_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('thread_due', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('replies_checked_at', 'text')
      .addColumn('thread_cut', 'text')
      .addUniqueConstraint('items_account_platform_id', ['account_id', 'platform_id'])
      .execute();
    await db.schema.createIndex('items_thread').on('items').columns(['account_id', 'thread_root_platform_id']).execute();
    await db.schema.createIndex('items_published').on('items').columns(['account_id', 'published_at']).execute();
    await db.schema.createIndex('items_due').on('items').columns(['account_id', 'thread_due']).execute();

    await db.schema
      .createTable('item_versions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('version_key', 'text', (c) => c.notNull())
      .addColumn('version_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('payload_sha256', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('captured_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('item_versions_key', ['item_id', 'version_key'])
      .execute();

    await db.schema
      .createTable('media')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('version_id', 'integer', (c) => c.notNull().references('item_versions.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('platform_media_id', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('remote_url', 'text')
      .addColumn('description', 'text')
      .addColumn('sha256', 'text')
      .addColumn('size', 'integer')
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('media_version').on('media').column('version_id').execute();

    await db.schema
      .createTable('deletions')
      .addColumn('item_id', 'integer', (c) => c.primaryKey().references('items.id'))
      .addColumn('found_missing_at', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('files')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('first_stored_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('warc_files')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('recovered', 'integer', (c) => c.notNull())
      .addColumn('stored_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('warc_files_pk', ['run_id', 'seq'])
      .execute();

    await db.schema
      .createTable('cursors')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cursors_pk', ['account_id', 'key'])
      .execute();

    await db.schema
      .createTable('profile_snapshots')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('item_versions.id'))
      .addPrimaryKeyConstraint('profile_snapshots_pk', ['run_id', 'account_id'])
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    // The audit trail is append-only: the database itself refuses edits.
    await refuseEdits(db, dialect, 'audit_log');
  },
});
