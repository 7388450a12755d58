import type { Expression, Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import type { SqlDialectName } from '../migrations/index.js';
import { sqliteFts } from './sqlite-fts.js';
import { UserError } from '../../../domain/errors.js';

type Db = Kysely<Database> | Transaction<Database>;

/** One version's searchable text, as stored in `search_texts`. */
export interface SearchDocument {
  versionId: number;
  itemId: number;
  body: string;
  author: string;
}

/**
 * The database-specific part of full-text search: the index over `search_texts` and how a list of
 * words becomes a match. Everything else (filters, paging, snippets) is the same SQL everywhere.
 */
export interface SearchIndexDialect {
  /** Creates the index (migration 0006), empty. */
  createIndex(db: Kysely<unknown>): Promise<void>;
  /** Adds documents already written to `search_texts`. */
  add(db: Db, docs: SearchDocument[]): Promise<void>;
  /** True for a `search_texts` row (alias `t`) whose body or author holds every one of these folded words. */
  matches(words: string[]): Expression<SqlBool>;
}

export function searchIndexFor(dialect: SqlDialectName): SearchIndexDialect {
  if (dialect === 'sqlite') return sqliteFts;
  return {
    // PostgreSQL (Dutch text search with unaccent) follows; the texts table is already shared.
    createIndex: async () => {},
    add: async () => {},
    matches: () => {
      throw new UserError('search.unsupported', 'full-text search is not available on PostgreSQL yet');
    },
  };
}
