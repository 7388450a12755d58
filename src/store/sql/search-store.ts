import { sql, type Kysely } from 'kysely';
import { UserError } from '../../domain/errors.js';
import type { ItemKind } from '../../domain/types.js';
import { makeSnippet } from '../../search/snippet.js';
import { queryWords } from '../../search/words.js';
import type { SearchHit, SearchQuery, SearchResult, SearchStore, VersionText } from '../search-store.js';
import type { Database } from './schema.js';
import type { SearchIndexDialect } from './search/dialect.js';

const MAX_LIMIT = 500;
const DAY_MS = 86_400_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a `YYYY-MM-DD`, so that day is included whole (publication times are UTC ISO strings). */
function dayAfter(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new UserError('search.bad-date', `"${date}" is not a date; write YYYY-MM-DD`);
  return new Date(ms + DAY_MS).toISOString();
}

/** `store.search` on any SQL database Kysely speaks; the full-text match is the dialect's. */
export class SqlSearchStore implements SearchStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly index: SearchIndexDialect,
  ) {}

  async search(q: SearchQuery): Promise<SearchResult> {
    const words = q.text === undefined ? [] : queryWords(q.text);
    // Text with no words in it (only punctuation or syntax) matches nothing rather than everything.
    if (q.text !== undefined && q.text.trim() !== '' && words.length === 0) return { total: 0, hits: [] };
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(q.limit)));
    const offset = Math.max(0, Math.floor(q.offset));

    const base = this.db
      .selectFrom('items as i')
      .leftJoin('deletions as d', 'd.item_id', 'i.id')
      .$if(q.accountIds !== undefined, (b) => b.where('i.account_id', 'in', q.accountIds!.length ? q.accountIds! : ['\u0000']))
      .$if(q.kind !== undefined, (b) => b.where('i.kind', '=', q.kind!))
      .$if(q.from !== undefined, (b) => b.where('i.published_at', '>=', q.from!))
      .$if(q.to !== undefined, (b) => (DATE_ONLY.test(q.to!) ? b.where('i.published_at', '<', dayAfter(q.to!)) : b.where('i.published_at', '<=', q.to!)))
      .$if(q.deleted !== undefined, (b) => b.where('d.item_id', q.deleted ? 'is not' : 'is', null))
      .$if(q.edited !== undefined, (b) =>
        b.where(sql<boolean>`(SELECT count(*) FROM item_versions ev WHERE ev.item_id = i.id) ${sql.raw(q.edited ? '>' : '=')} 1`),
      )
      .$if(words.length > 0, (b) =>
        b.where('i.id', 'in', this.db.selectFrom('search_texts as t').select('t.item_id').where(this.index.matches(words))),
      );

    const count = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    const total = Number(count?.n ?? 0);
    if (limit === 0 || offset >= total) return { total, hits: [] };
    const rows = await base
      .select(['i.id', 'i.account_id', 'i.platform_id', 'i.kind', 'i.thread_root_platform_id', 'i.published_at', 'i.author_handle', 'i.author_name', 'd.item_id as deleted_id'])
      .select(sql<number>`(SELECT count(*) FROM item_versions ev WHERE ev.item_id = i.id)`.as('version_count'))
      .orderBy('i.published_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    if (rows.length === 0) return { total, hits: [] };

    // The newest version that matches gives the snippet.
    const texts = await this.db
      .selectFrom('search_texts as t')
      .innerJoin('item_versions as v', 'v.id', 't.version_id')
      .select(['t.item_id', 't.body'])
      .where('t.item_id', 'in', rows.map((r) => r.id))
      .$if(words.length > 0, (b) => b.where(this.index.matches(words)))
      .orderBy('v.version_at', 'desc')
      .orderBy('v.id', 'desc')
      .execute();
    const body = new Map<number, string>();
    for (const t of texts) if (!body.has(t.item_id)) body.set(t.item_id, t.body);

    const hits: SearchHit[] = rows.map((r) => {
      const versionCount = Number(r.version_count);
      return {
        accountId: r.account_id,
        platformId: r.platform_id,
        kind: r.kind as ItemKind,
        threadRootPlatformId: r.thread_root_platform_id,
        createdAt: r.published_at,
        author: { handle: r.author_handle, name: r.author_name },
        snippet: makeSnippet(body.get(r.id) ?? '', words),
        deleted: r.deleted_id !== null,
        edited: versionCount > 1,
        versionCount,
      };
    });
    return { total, hits };
  }

  async versions(accountId: string, platformId: string): Promise<VersionText[]> {
    const rows = await this.db
      .selectFrom('item_versions as v')
      .innerJoin('items as i', 'i.id', 'v.item_id')
      .leftJoin('search_texts as t', 't.version_id', 'v.id')
      .select(['v.version_key', 'v.version_at', 'v.captured_at', 'v.source', 't.body'])
      .where('i.account_id', '=', accountId)
      .where('i.platform_id', '=', platformId)
      .orderBy('v.version_at')
      .orderBy('v.id')
      .execute();
    return rows.map((r) => ({ versionKey: r.version_key, versionAt: r.version_at, capturedAt: r.captured_at, source: r.source, text: r.body ?? '' }));
  }
}
