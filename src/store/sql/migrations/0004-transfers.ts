import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from './index.js';

/**
 * Transfers (SPEC section 6): every package that was built, with its volumes and container hashes,
 * and the receiving archive's answer. Rows are only added; a receipt is filled in once.
 */
export const transfers = (_dialect: SqlDialectName): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('transfers')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('package_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('selection', 'text', (c) => c.notNull()) // JSON TransferSelection
      .addColumn('receiver', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull()) // JSON { collection, name, source }
      .addColumn('container', 'text', (c) => c.notNull())
      .addColumn('bagit', 'integer', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull()) // JSON TransferCounts
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('built_at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('audit_seq', 'integer', (c) => c.notNull())
      .addColumn('receipt_status', 'text')
      .addColumn('receipt_note', 'text')
      .addColumn('receipt_at', 'text')
      .addColumn('receipt_actor', 'text')
      .addColumn('receipt_file_name', 'text')
      .addColumn('receipt_file_sha256', 'text')
      .addColumn('receipt_file_size', 'integer')
      .execute();
    await db.schema.createIndex('transfers_package').on('transfers').column('package_id').execute();

    await db.schema
      .createTable('transfer_volumes')
      .addColumn('transfer_id', 'integer', (c) => c.notNull().references('transfers.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('container', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('pakbon_sha256', 'text', (c) => c.notNull())
      .addColumn('informatieobjecten', 'integer', (c) => c.notNull())
      .addColumn('bestanden', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('transfer_volumes_pk', ['transfer_id', 'number'])
      .execute();

    // The packager reads items in the order they came into the archive (for the privacy state of a run's WARC).
    await db.schema.createIndex('items_first_captured').on('items').columns(['first_captured_at', 'id']).execute();
  },
});
