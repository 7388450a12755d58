import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from './index.js';

/**
 * Durable formats: the identification of every stored file (by hash), the preferred derivatives
 * made from them, and the PDF/A and PNG renditions of threads. Identifications, derivatives and
 * renditions are only ever added: a thread keeps every rendition it had (each documents the thread
 * as it was then).
 */
export const formats = (_dialect: SqlDialectName): Migration => ({
  async up(db: Kysely<unknown>) {
    // Names and kinds of pending files are looked up by hash.
    await db.schema.createIndex('media_sha256').on('media').column('sha256').execute();
    await db.schema.createIndex('warc_files_sha256').on('warc_files').column('sha256').execute();

    await db.schema
      .createTable('file_formats')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('puid', 'text')
      .addColumn('format_name', 'text', (c) => c.notNull())
      .addColumn('format_version', 'text')
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('flags', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('identified_at', 'text', (c) => c.notNull())
      .addColumn('problem_code', 'text')
      .addColumn('problem', 'text')
      .execute();

    await db.schema
      .createTable('file_derivatives')
      .addColumn('source_sha256', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('puid', 'text')
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('extension', 'text', (c) => c.notNull())
      .addColumn('tool', 'text', (c) => c.notNull())
      .addColumn('tool_version', 'text', (c) => c.notNull())
      .addColumn('parameters', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('made_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('file_derivatives_pk', ['source_sha256', 'sha256'])
      .execute();

    await db.schema
      .createTable('renditions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('root_platform_id', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('shows', 'text', (c) => c.notNull())
      .addColumn('pdf_sha256', 'text', (c) => c.notNull())
      .addColumn('pdf_size', 'integer', (c) => c.notNull())
      .addColumn('pdf_puid', 'text')
      .addColumn('png_sha256', 'text', (c) => c.notNull())
      .addColumn('png_size', 'integer', (c) => c.notNull())
      .addColumn('png_puid', 'text')
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('renderer', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('rendered_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('renditions_fingerprint', ['account_id', 'root_platform_id', 'fingerprint'])
      .execute();

    // The last failure per thread; removed when the thread renders.
    await db.schema
      .createTable('rendition_problems')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('root_platform_id', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('rendition_problems_pk', ['account_id', 'root_platform_id'])
      .execute();
  },
});
