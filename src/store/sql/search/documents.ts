import type { Kysely, Transaction } from 'kysely';
import type { ItemKind } from '../../../domain/types.js';
import { searchText } from '../../../search/text.js';
import type { Database } from '../schema.js';
import type { SearchDocument, SearchIndexDialect } from './dialect.js';

type Db = Kysely<Database> | Transaction<Database>;
const CHUNK = 400;

/**
 * Makes these versions findable: their text goes into `search_texts` and the dialect's index. Runs
 * on the caller's handle, so a batch's versions are indexed in the batch's own transaction.
 */
export async function indexVersions(db: Db, index: SearchIndexDialect, versionIds: number[]): Promise<void> {
  for (let i = 0; i < versionIds.length; i += CHUNK) {
    const docs = await documents(db, versionIds.slice(i, i + CHUNK));
    if (docs.length === 0) continue;
    await db.insertInto('search_texts').values(docs.map((d) => ({ version_id: d.versionId, item_id: d.itemId, body: d.body, author: d.author }))).execute();
    await index.add(db, docs);
  }
}

async function documents(db: Db, versionIds: number[]): Promise<SearchDocument[]> {
  const rows = await db
    .selectFrom('item_versions as v')
    .innerJoin('items as i', 'i.id', 'v.item_id')
    .innerJoin('accounts as a', 'a.id', 'i.account_id')
    .select(['v.id', 'v.item_id', 'v.source', 'v.payload', 'v.payload_sha256', 'v.captured_at', 'i.kind', 'i.thread_root_platform_id', 'i.author_handle', 'i.author_name', 'a.platform'])
    .where('v.id', 'in', versionIds)
    .orderBy('v.id')
    .execute();
  const history = await historyContext(db, rows.filter((r) => r.source !== 'status' && r.kind !== 'profile').map((r) => r.item_id));
  return rows.map((r) => {
    let body = '';
    try {
      body = searchText({
        platform: r.platform,
        kind: r.kind as ItemKind,
        source: r.source,
        payload: r.payload,
        payloadSha256: r.payload_sha256,
        capturedAt: r.captured_at,
        threadRootPlatformId: r.thread_root_platform_id,
        history: history.get(r.item_id)?.(r.id),
      });
    } catch {
      // An unreadable payload is reported by the formats stage; the item stays findable by its author.
    }
    return { versionId: r.id, itemId: r.item_id, body, author: [r.author_name, r.author_handle].filter(Boolean).join(' ') };
  });
}

/** Per item: for a version id, the newest status payload and the version's place (history entries are read against it). */
async function historyContext(db: Db, itemIds: number[]): Promise<Map<number, (versionId: number) => { status: string; index: number; count: number } | undefined>> {
  const out = new Map<number, (versionId: number) => { status: string; index: number; count: number } | undefined>();
  for (let i = 0; i < itemIds.length; i += CHUNK) {
    const part = [...new Set(itemIds.slice(i, i + CHUNK))];
    if (part.length === 0) continue;
    const vs = await db.selectFrom('item_versions').select(['id', 'item_id', 'source', 'payload']).where('item_id', 'in', part).orderBy('item_id').orderBy('version_at').orderBy('id').execute();
    const byItem = new Map<number, typeof vs>();
    for (const v of vs) byItem.set(v.item_id, [...(byItem.get(v.item_id) ?? []), v]);
    for (const [itemId, list] of byItem) {
      const status = list.filter((v) => v.source === 'status').at(-1)?.payload ?? '';
      out.set(itemId, (versionId) => {
        const index = list.findIndex((v) => v.id === versionId);
        return index === -1 ? undefined : { status, index, count: list.length };
      });
    }
  }
  return out;
}
