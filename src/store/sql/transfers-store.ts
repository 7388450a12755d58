import { sql, type Kysely, type Selectable } from 'kysely';
import type { ItemKind } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import type {
  ItemCaptureRef,
  NewTransfer,
  PackageItemRecord,
  PeriodQuery,
  ProfileSnapshotRecord,
  ThreadMemberRef,
  RunInPeriod,
  TransferCounts,
  TransferReceipt,
  TransferRecord,
  TransferSelection,
  TransfersStore,
} from '../transfers-store.js';
import type { AppendAudit } from './privacy-store.js';
import type { Database } from './schema.js';

// Keeps every IN (...) list well below the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK = 400;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

type ItemRow = Selectable<Database['items']> & { found_missing_at: string | null; evidence: string | null };
type TransferRow = Selectable<Database['transfers']>;

/** `store.transfers` on any SQL database Kysely speaks. */
export class SqlTransfersStore implements TransfersStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly appendAudit: AppendAudit,
  ) {}

  // ---- reading the archive for a package ----

  /** A thread's root is the item its members point to; a post outside any thread (a boost) roots its own. */
  private rootOf() {
    return sql<string>`coalesce(items.thread_root_platform_id, items.platform_id)`;
  }

  async threadRoots(q: PeriodQuery & { after: string | null; limit: number }): Promise<string[]> {
    const root = this.rootOf();
    const rows = await this.db
      .selectFrom('items')
      .select(root.as('root'))
      .distinct()
      .where('account_id', '=', q.accountId)
      .where('kind', '!=', 'profile')
      .where('published_at', '>=', q.from)
      .where('published_at', '<', q.before)
      .$if(q.after !== null, (b) => b.where(root, '>', q.after!))
      .orderBy('root')
      .limit(q.limit)
      .execute();
    return rows.map((r) => r.root);
  }

  private itemQuery() {
    return this.db
      .selectFrom('items')
      .leftJoin('deletions', 'deletions.item_id', 'items.id')
      .selectAll('items')
      .select(['deletions.found_missing_at', 'deletions.evidence']);
  }

  private async toRecords(rows: ItemRow[]): Promise<PackageItemRecord[]> {
    const keys = new Map<number, string[]>();
    for (const part of chunks(rows.map((r) => r.id))) {
      const versions = await this.db.selectFrom('item_versions').select(['item_id', 'version_key']).where('item_id', 'in', part).orderBy('version_at').orderBy('id').execute();
      for (const v of versions) keys.set(v.item_id, [...(keys.get(v.item_id) ?? []), v.version_key]);
    }
    return rows.map((r) => ({
      itemId: r.id,
      accountId: r.account_id,
      platformId: r.platform_id,
      kind: r.kind as ItemKind,
      thirdParty: r.third_party === 1,
      threadRootPlatformId: r.thread_root_platform_id ?? undefined,
      parentPlatformId: r.parent_platform_id ?? undefined,
      publishedAt: r.published_at,
      versionKeys: keys.get(r.id) ?? [],
      deletedAt: r.found_missing_at ?? undefined,
      repliesCheckedAt: r.replies_checked_at ?? undefined,
      uri: r.uri,
      url: r.url ?? undefined,
      authorId: r.author_id,
      authorHandle: r.author_handle,
      authorName: r.author_name ?? undefined,
      firstCapturedAt: r.first_captured_at,
      threadCut: r.thread_cut ?? undefined,
      deletionEvidence: r.evidence ?? undefined,
    }));
  }

  async item(accountId: string, platformId: string): Promise<PackageItemRecord | null> {
    const row = await this.itemQuery().where('items.account_id', '=', accountId).where('items.platform_id', '=', platformId).executeTakeFirst();
    return row ? ((await this.toRecords([row]))[0] ?? null) : null;
  }

  async threadReplies(accountId: string, rootPlatformId: string, after: { publishedAt: string; itemId: number } | null, limit: number): Promise<PackageItemRecord[]> {
    const rows = await this.itemQuery()
      .where('items.account_id', '=', accountId)
      .where('items.thread_root_platform_id', '=', rootPlatformId)
      .where('items.platform_id', '!=', rootPlatformId)
      .where('items.kind', '!=', 'profile')
      .$if(after !== null, (b) =>
        b.where((eb) =>
          eb.or([
            eb('items.published_at', '>', after!.publishedAt),
            eb.and([eb('items.published_at', '=', after!.publishedAt), eb('items.id', '>', after!.itemId)]),
          ]),
        ),
      )
      .orderBy('items.published_at')
      .orderBy('items.id')
      .limit(limit)
      .execute();
    return this.toRecords(rows);
  }

  async threadMembers(accountId: string, rootPlatformIds: string[]): Promise<ThreadMemberRef[]> {
    const out: ThreadMemberRef[] = [];
    const root = this.rootOf();
    for (const part of chunks([...new Set(rootPlatformIds)])) {
      const rows = await this.db
        .selectFrom('items')
        .select([root.as('root'), 'id', 'platform_id', 'kind', 'published_at'])
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('platform_id', 'in', part), eb('thread_root_platform_id', 'in', part)]))
        .where('kind', '!=', 'profile')
        .orderBy('id')
        .execute();
      const wanted = new Set(part);
      for (const r of rows) if (wanted.has(r.root)) out.push({ root: r.root, itemId: r.id, platformId: r.platform_id, kind: r.kind as ItemKind, publishedAt: r.published_at });
    }
    return out;
  }

  async threadSpan(accountId: string, rootPlatformId: string): Promise<{ firstAt: string; lastAt: string; items: number } | null> {
    const row = await this.db
      .selectFrom('items')
      .select([sql<string>`min(published_at)`.as('first'), sql<string>`max(published_at)`.as('last'), sql<number>`count(*)`.as('n')])
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('platform_id', '=', rootPlatformId), eb('thread_root_platform_id', '=', rootPlatformId)]))
      .where('kind', '!=', 'profile')
      .executeTakeFirst();
    return row && Number(row.n) > 0 ? { firstAt: row.first, lastAt: row.last, items: Number(row.n) } : null;
  }

  async itemsByCapture(q: { accountIds: string[]; upTo: string; after: { capturedAt: string; id: number } | null; limit: number }): Promise<ItemCaptureRef[]> {
    if (q.accountIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('items')
      .select(['id', 'account_id', 'platform_id', 'first_captured_at'])
      .where('account_id', 'in', q.accountIds)
      .where('first_captured_at', '<=', q.upTo)
      .$if(q.after !== null, (b) =>
        b.where((eb) =>
          eb.or([
            eb('first_captured_at', '>', q.after!.capturedAt),
            eb.and([eb('first_captured_at', '=', q.after!.capturedAt), eb('id', '>', q.after!.id)]),
          ]),
        ),
      )
      .orderBy('first_captured_at')
      .orderBy('id')
      .limit(q.limit)
      .execute();
    return rows.map((r) => ({ id: r.id, accountId: r.account_id, platformId: r.platform_id, firstCapturedAt: r.first_captured_at }));
  }

  async runsInPeriod(q: { accountIds: string[]; from: string; before: string }): Promise<RunInPeriod[]> {
    if (q.accountIds.length === 0) return [];
    const runs = await this.db
      .selectFrom('runs')
      .select(['id', 'started_at', 'finished_at'])
      .where('started_at', '>=', q.from)
      .where('started_at', '<', q.before)
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('run_accounts').select('run_accounts.run_id').whereRef('run_accounts.run_id', '=', 'runs.id').where('run_accounts.account_id', 'in', q.accountIds)),
      )
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    const out: RunInPeriod[] = [];
    for (const r of runs) {
      const accounts = await this.db.selectFrom('run_accounts').select('account_id').where('run_id', '=', r.id).orderBy('account_id').execute();
      const warcs = await this.db.selectFrom('warc_files').selectAll().where('run_id', '=', r.id).orderBy('seq').execute();
      out.push({
        runId: r.id,
        startedAt: r.started_at,
        finishedAt: r.finished_at ?? undefined,
        accounts: accounts.map((a) => a.account_id),
        warcs: warcs.map((w) => ({ runId: w.run_id, seq: w.seq, file: { sha256: w.sha256, size: w.size }, records: w.records, recovered: w.recovered === 1 })),
      });
    }
    return out;
  }

  async profileSnapshots(q: PeriodQuery): Promise<ProfileSnapshotRecord[]> {
    const rows = await this.db
      .selectFrom('profile_snapshots as s')
      .innerJoin('runs as r', 'r.id', 's.run_id')
      .innerJoin('item_versions as v', 'v.id', 's.version_id')
      .innerJoin('items as i', 'i.id', 'v.item_id')
      .select(['i.platform_id', 'v.version_key', 'v.version_at', 'v.captured_at', 'v.id'])
      .distinct()
      .where('s.account_id', '=', q.accountId)
      .where('r.started_at', '>=', q.from)
      .where('r.started_at', '<', q.before)
      .orderBy('v.captured_at')
      .orderBy('v.id')
      .execute();
    return rows.map((r) => ({ platformId: r.platform_id, versionKey: r.version_key, versionAt: r.version_at, capturedAt: r.captured_at }));
  }

  async sharedUris(accountIds: string[]): Promise<Set<string>> {
    if (accountIds.length < 2) return new Set();
    const rows = await this.db
      .selectFrom('items')
      .select('uri')
      .where('account_id', 'in', accountIds)
      .where('kind', '!=', 'profile')
      .groupBy('uri')
      .having(sql<number>`count(distinct account_id)`, '>', 1)
      .execute();
    return new Set(rows.map((r) => r.uri));
  }

  // ---- the record of transfers ----

  async recordTransfer(t: NewTransfer, actor: string, at: string): Promise<TransferRecord> {
    const id = await this.db.transaction().execute(async (trx) => {
      const entry = await this.appendAudit(trx, actor, 'package.build', `package:${t.packageId}`, {
        selection: t.selection,
        receiver: t.receiver,
        target: t.target.collection,
        counts: t.counts,
        volumes: t.volumes.map((v) => ({ name: v.name, size: v.size, sha256: v.sha256 })),
        location: t.location,
      }, at);
      const row = await trx
        .insertInto('transfers')
        .values({
          package_id: t.packageId,
          title: t.title,
          created: t.created,
          selection: JSON.stringify(t.selection),
          receiver: t.receiver,
          target: JSON.stringify(t.target),
          container: t.container,
          bagit: t.bagit ? 1 : 0,
          counts: JSON.stringify(t.counts),
          location: t.location,
          built_at: at,
          actor,
          audit_seq: entry.seq,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const v of t.volumes) {
        await trx
          .insertInto('transfer_volumes')
          .values({
            transfer_id: row.id,
            number: v.number,
            name: v.name,
            container: v.container,
            size: v.size,
            sha256: v.sha256,
            pakbon_sha256: v.pakbonSha256,
            informatieobjecten: v.informatieobjecten,
            bestanden: v.bestanden,
          })
          .execute();
      }
      return row.id;
    });
    return (await this.transfer(id))!;
  }

  async transfers(): Promise<TransferRecord[]> {
    const rows = await this.db.selectFrom('transfers').selectAll().orderBy('id', 'desc').execute();
    return Promise.all(rows.map((r) => this.toRecord(r)));
  }

  async transfer(id: number): Promise<TransferRecord | null> {
    const row = await this.db.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toRecord(row) : null;
  }

  async recordReceipt(id: number, receipt: Omit<TransferReceipt, 'at' | 'actor'>, actor: string, at: string): Promise<TransferRecord> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('transfers').select(['package_id', 'receipt_status', 'receipt_at']).where('id', '=', id).executeTakeFirst();
      if (!row) throw new UserError('transfer.unknown', `there is no transfer ${id}; socialarchive transfer list shows them`);
      if (row.receipt_status) {
        throw new UserError('transfer.receipt-exists', `transfer ${id} already has the archive's answer (${row.receipt_status}, recorded ${row.receipt_at}); an answer is recorded once`);
      }
      await trx
        .updateTable('transfers')
        .set({
          receipt_status: receipt.status,
          receipt_note: receipt.note,
          receipt_at: at,
          receipt_actor: actor,
          receipt_file_name: receipt.file?.name ?? null,
          receipt_file_sha256: receipt.file?.sha256 ?? null,
          receipt_file_size: receipt.file?.size ?? null,
        })
        .where('id', '=', id)
        .execute();
      await this.appendAudit(trx, actor, 'transfer.receipt', `transfer:${id}`, { package: row.package_id, status: receipt.status, note: receipt.note, file: receipt.file ?? null }, at);
    });
    return (await this.transfer(id))!;
  }

  private async toRecord(r: TransferRow): Promise<TransferRecord> {
    const volumes = await this.db.selectFrom('transfer_volumes').selectAll().where('transfer_id', '=', r.id).orderBy('number').execute();
    return {
      id: r.id,
      packageId: r.package_id,
      title: r.title,
      created: r.created,
      selection: JSON.parse(r.selection) as TransferSelection,
      receiver: r.receiver,
      target: JSON.parse(r.target) as TransferRecord['target'],
      container: r.container as TransferRecord['container'],
      bagit: r.bagit === 1,
      counts: JSON.parse(r.counts) as TransferCounts,
      volumes: volumes.map((v) => ({
        number: v.number,
        name: v.name,
        container: v.container,
        size: v.size,
        sha256: v.sha256,
        pakbonSha256: v.pakbon_sha256,
        informatieobjecten: v.informatieobjecten,
        bestanden: v.bestanden,
      })),
      location: r.location,
      builtAt: r.built_at,
      actor: r.actor,
      auditSeq: r.audit_seq,
      receipt: r.receipt_status
        ? {
            status: r.receipt_status as TransferReceipt['status'],
            note: r.receipt_note ?? '',
            at: r.receipt_at ?? '',
            actor: r.receipt_actor ?? '',
            file: r.receipt_file_sha256 ? { name: r.receipt_file_name ?? '', sha256: r.receipt_file_sha256, size: r.receipt_file_size ?? 0 } : undefined,
          }
        : null,
    };
  }
}
