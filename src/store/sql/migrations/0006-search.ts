import type { Kysely, Migration } from 'kysely';
import type { Database } from '../schema.js';
import { indexVersions } from '../search/documents.js';
import { searchIndexFor } from '../search/dialect.js';
import type { SqlDialectName } from './index.js';

const BATCH = 2000;

/** Full-text search: the text of every version, indexed by the dialect; existing versions are indexed now. */
export const search = (dialect: SqlDialectName): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('search_texts')
      .addColumn('version_id', 'integer', (c) => c.primaryKey().references('item_versions.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_texts_item').on('search_texts').column('item_id').execute();
    // Browsing across accounts is newest first over all items.
    await db.schema.createIndex('items_published_all').on('items').columns(['published_at', 'id']).execute();
    const index = searchIndexFor(dialect);
    await index.createIndex(db);
    // The archive as it is: every stored version becomes findable, in batches so memory stays flat.
    const typed = db as unknown as Kysely<Database>;
    let after = 0;
    for (;;) {
      const ids = (await typed.selectFrom('item_versions').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
      if (ids.length === 0) break;
      await indexVersions(typed, index, ids);
      after = ids.at(-1)!;
    }
  },
});
