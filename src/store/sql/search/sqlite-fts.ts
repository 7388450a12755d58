import { sql, type Kysely } from 'kysely';
import type { SearchIndexDialect } from './dialect.js';

// SQLite FTS5 as an external-content index over `search_texts` (the text is stored once). Versions
// are never changed or removed, so rows are only ever added. `remove_diacritics 2` folds accents
// ("een" finds "één"); words are always quoted, so nothing a person types is FTS5 syntax.

const phrase = (word: string) => `"${word.replace(/"/g, '""')}"`;

export const sqliteFts: SearchIndexDialect = {
  async createIndex(db: Kysely<unknown>) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(body, author, content='search_texts', content_rowid='version_id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
  },
  async add(db, docs) {
    for (const d of docs) {
      await sql`INSERT INTO search_fts(rowid, body, author) VALUES (${d.versionId}, ${d.body}, ${d.author})`.execute(db);
    }
  },
  matches(words) {
    return sql<boolean>`t.version_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${words.map(phrase).join(' ')})`;
  },
};
