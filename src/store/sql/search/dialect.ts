import type { Expression, Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import type { SqlDialectName } from '../migrations/index.js';
import { postgresFts } from './postgres-fts.js';
import { sqliteFts } from './sqlite-fts.js';

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
  return dialect === 'sqlite' ? sqliteFts : postgresFts;
}
