import { sql, type Kysely } from 'kysely';
import type { SearchIndexDialect } from './dialect.js';

// PostgreSQL's own text search with the Dutch configuration (stemming, Dutch stop words) as an
// expression index over `search_texts`. Accents are folded by translate() inside the expression
// (immutable, so it can be indexed; the unaccent extension would need a superuser), so "een" finds
// "één" as on SQLite. Every word goes through plainto_tsquery: nothing a person types is syntax.

const ACCENTED = 'áàâäãåéèêëíìîïóòôöõúùûüýÿçñ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuuyycn';
const document = sql`to_tsvector('dutch', translate(lower(t.body || ' ' || t.author), ${sql.lit(ACCENTED)}, ${sql.lit(PLAIN)}))`;

export const postgresFts: SearchIndexDialect = {
  async createIndex(db: Kysely<unknown>) {
    await sql`CREATE INDEX search_texts_dutch ON search_texts USING gin (to_tsvector('dutch', translate(lower(body || ' ' || author), ${sql.lit(ACCENTED)}, ${sql.lit(PLAIN)})))`.execute(db);
  },
  // The index is an expression over the stored text: nothing to add.
  async add() {},
  matches(words) {
    const query = sql.join(words.map((w) => sql`plainto_tsquery('dutch', ${w})`), sql` && `);
    return sql<boolean>`${document} @@ (${query})`;
  },
};
