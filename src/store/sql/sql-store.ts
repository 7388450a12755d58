import { createHash } from 'node:crypto';
import { Migrator, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  CaptureBatch,
  CaptureStats,
  ItemKind,
  ItemObservation,
  KnownItem,
  Registry,
  RunStatus,
  StopInfo,
} from '../../domain/types.js';
import { emptyStats } from '../../domain/types.js';
import type {
  AccountLock,
  AuditEntry,
  BatchResult,
  ImportFileRecord,
  ItemRecord,
  ItemVersionRecord,
  RegistryVersion,
  RunRecord,
  Store,
  StoreIntegrity,
  WarcFileRecord,
} from '../store.js';
import type { Database } from './schema.js';
import type { FormatsStore } from '../formats-store.js';
import { SqlFormatsStore } from './formats-store.js';
import type { PrivacyStore } from '../privacy-store.js';
import { SqlPrivacyStore } from './privacy-store.js';
import type { TransfersStore } from '../transfers-store.js';
import { SqlTransfersStore } from './transfers-store.js';
import type { SearchStore } from '../search-store.js';
import { SqlSearchStore } from './search-store.js';
import { searchIndexFor, type SearchIndexDialect } from './search/dialect.js';
import { indexVersions } from './search/documents.js';
import type { UsersStore } from '../users-store.js';
import { SqlUsersStore } from './users-store.js';
import type { ScheduleStore } from '../schedule-store.js';
import { SqlScheduleStore } from './schedule-store.js';
import { migrationsFor, type SqlDialectName } from './migrations/index.js';
import { UserError } from '../../domain/errors.js';
import { snapshotRegistry } from '../../registry/history.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const GENESIS = '0'.repeat(64);
// PostgreSQL advisory lock key that serialises appends to the audit chain.
const AUDIT_CHAIN_LOCK = 0x5a_a0d1;
// Keeps every IN (...) list well below the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK = 400;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

type Db = Kysely<Database> | Transaction<Database>;
type ItemRow = Selectable<Database['items']>;
type RegistryRow = Selectable<Database['registry_versions']>;
type RunRow = Selectable<Database['runs']>;

/** The store on any SQL database Kysely speaks; the dialect is chosen by whoever opens it. */
export class SqlStore implements Store {
  readonly formats: FormatsStore;
  readonly privacy: PrivacyStore;
  readonly transfers: TransfersStore;
  readonly search: SearchStore;
  readonly schedule: ScheduleStore;
  private readonly searchIndex: SearchIndexDialect;
  readonly users: UsersStore;

  private constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
  ) {
    this.formats = new SqlFormatsStore(db);
    this.privacy = new SqlPrivacyStore(db, (trx, ...entry) => this.appendAudit(trx, ...entry));
    this.transfers = new SqlTransfersStore(db, (trx, ...entry) => this.appendAudit(trx, ...entry));
    this.searchIndex = searchIndexFor(dialect);
    this.search = new SqlSearchStore(db, this.searchIndex);
    this.users = new SqlUsersStore(db, (trx, ...entry) => this.appendAudit(trx, ...entry));
    this.schedule = new SqlScheduleStore(db);
  }

  static async open(db: Kysely<Database>, dialect: SqlDialectName): Promise<SqlStore> {
    // Sub-store migrations are independent of each other, so one added later may sort before one applied.
    const migrator = new Migrator({ db, provider: migrationsFor(dialect), allowUnorderedMigrations: true });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new UserError('store.migration', `the database could not be brought up to date (migration ${failed}): ${String(error)}`);
    }
    return new SqlStore(db, dialect);
  }

  async snapshot<T>(read: (store: Store) => Promise<T>): Promise<T> {
    // SQLite: a transaction in WAL mode reads one snapshot; PostgreSQL needs REPEATABLE READ for that.
    const ro = this.db.transaction().setAccessMode('read only');
    const tx = this.dialect === 'postgres' ? ro.setIsolationLevel('repeatable read') : ro;
    return tx.execute((trx) => read(new SqlStore(trx, this.dialect)));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- registry ----

  async recordRegistry(registry: Registry, source: string, actor: string, changes: string[]): Promise<RegistryVersion | null> {
    const { canonical, sha256: hash } = snapshotRegistry(registry);
    return this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('registry_versions').select(['sha256']).orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (last?.sha256 === hash) return null;
      const at = new Date().toISOString();
      const row = await trx
        .insertInto('registry_versions')
        .values({ sha256: hash, registry: canonical, source, loaded_at: at, actor, changes: JSON.stringify(changes) })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const a of registry.accounts) {
        await trx
          .insertInto('accounts')
          .values({ id: a.id, platform: a.platform, handle: a.handle, first_registered_at: at })
          .onConflict((oc) => oc.column('id').doUpdateSet({ platform: a.platform, handle: a.handle }))
          .execute();
      }
      await this.appendAudit(trx, actor, 'registry.change', `registry#${row.id}`, { sha256: hash, changes }, at);
      return { id: row.id, sha256: hash, loadedAt: at, actor, changes };
    });
  }

  async latestRegistry(): Promise<{ version: RegistryVersion; registry: Registry } | null> {
    const row = await this.db.selectFrom('registry_versions').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!row) return null;
    return { version: toRegistryVersion(row), registry: JSON.parse(row.registry) as Registry };
  }

  async registryHistory(): Promise<RegistryVersion[]> {
    const rows = await this.db.selectFrom('registry_versions').selectAll().orderBy('id').execute();
    return rows.map(toRegistryVersion);
  }

  // ---- runs ----

  async beginRun(run: { id: string; operator: string; pid: number; host: string; startedAt: string }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('runs')
        .values({ id: run.id, started_at: run.startedAt, finished_at: null, status: 'running', operator: run.operator, pid: run.pid, host: run.host })
        .execute();
      await this.appendAudit(trx, run.operator, 'run.start', `run:${run.id}`, { pid: run.pid, host: run.host }, run.startedAt);
    });
  }

  async beginAccount(runId: string, accountId: string, at: string, isAlive: (l: AccountLock) => boolean): Promise<{ cycleStartedAt: string }> {
    return this.db.transaction().execute(async (trx) => {
      const run = await trx.selectFrom('runs').select(['pid', 'host']).where('id', '=', runId).executeTakeFirstOrThrow();
      const lock = await trx.selectFrom('account_locks').selectAll().where('account_id', '=', accountId).executeTakeFirst();
      if (lock && lock.run_id !== runId) {
        const holder: AccountLock = { accountId, runId: lock.run_id, pid: lock.pid, host: lock.host };
        if (isAlive(holder)) {
          throw new UserError('run.locked', `account ${accountId} is being captured by run ${lock.run_id} (process ${lock.pid} on ${lock.host}); try again when it has finished`);
        }
        await trx.deleteFrom('account_locks').where('account_id', '=', accountId).execute();
      }
      if (!lock || lock.run_id !== runId) {
        await trx.insertInto('account_locks').values({ account_id: accountId, run_id: runId, pid: run.pid, host: run.host, acquired_at: at }).execute();
      }
      // A cycle that did not finish is continued, so work already done in it is not repeated.
      const previous = await trx
        .selectFrom('run_accounts')
        .select(['status', 'cycle_started_at'])
        .where('account_id', '=', accountId)
        .where('run_id', '!=', runId)
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const cycleStartedAt = previous && previous.status !== 'completed' ? previous.cycle_started_at : at;
      await trx
        .insertInto('run_accounts')
        .values({
          run_id: runId,
          account_id: accountId,
          status: 'running',
          started_at: at,
          finished_at: null,
          cycle_started_at: cycleStartedAt,
          stats: JSON.stringify(emptyStats()),
          stop_reason: null,
          stop_where: null,
        })
        .execute();
      return { cycleStartedAt };
    });
  }

  async finishAccount(runId: string, accountId: string, status: RunStatus, stats: CaptureStats, at: string, stop?: StopInfo): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('run_accounts')
        .set({ status, finished_at: at, stats: JSON.stringify(stats), stop_reason: stop?.reason ?? null, stop_where: stop?.where ?? null })
        .where('run_id', '=', runId)
        .where('account_id', '=', accountId)
        .execute();
      await trx.deleteFrom('account_locks').where('account_id', '=', accountId).where('run_id', '=', runId).execute();
    });
  }

  async skipAccount(runId: string, accountId: string, status: 'skipped' | 'stopped', reason: string, at: string): Promise<void> {
    await this.db
      .insertInto('run_accounts')
      .values({ run_id: runId, account_id: accountId, status, started_at: at, finished_at: at, cycle_started_at: at, stats: JSON.stringify(emptyStats()), stop_reason: reason, stop_where: 'not started' })
      .onConflict((oc) => oc.columns(['run_id', 'account_id']).doNothing())
      .execute();
  }

  async finishRun(runId: string, status: RunStatus, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const run = await trx.selectFrom('runs').select('operator').where('id', '=', runId).executeTakeFirstOrThrow();
      await trx.updateTable('runs').set({ status, finished_at: at }).where('id', '=', runId).execute();
      await this.appendAudit(trx, run.operator, 'run.finish', `run:${runId}`, { status }, at);
    });
  }

  async markInterruptedRuns(isAlive: (run: { pid: number; host: string }) => boolean, at: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const running = await trx.selectFrom('runs').select(['id', 'pid', 'host']).where('status', '=', 'running').execute();
      const dead = running.filter((r) => !isAlive(r));
      for (const r of dead) {
        const reason = 'the process ended before the run finished (killed, crashed or power loss)';
        await trx.updateTable('runs').set({ status: 'interrupted', finished_at: at }).where('id', '=', r.id).execute();
        await trx
          .updateTable('run_accounts')
          .set({ status: 'interrupted', finished_at: at, stop_reason: reason })
          .where('run_id', '=', r.id)
          .where('status', '=', 'running')
          .execute();
        await trx.deleteFrom('account_locks').where('run_id', '=', r.id).execute();
        await this.appendAudit(trx, 'socialarchive', 'run.interrupted', `run:${r.id}`, { pid: r.pid, host: r.host }, at);
      }
      return dead.map((r) => r.id);
    });
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    const runs = await this.db.selectFrom('runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return Promise.all(runs.map((r) => this.toRunRecord(r)));
  }

  async getRun(id: string): Promise<RunRecord | null> {
    const r = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? this.toRunRecord(r) : null;
  }

  private async toRunRecord(r: RunRow): Promise<RunRecord> {
    const accounts = await this.db.selectFrom('run_accounts').selectAll().where('run_id', '=', r.id).orderBy('started_at').execute();
    return {
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at ?? undefined,
      status: r.status as RunStatus,
      operator: r.operator,
      pid: r.pid,
      host: r.host,
      accounts: accounts.map((a) => ({
        accountId: a.account_id,
        status: a.status as RunStatus,
        stats: { ...emptyStats(), ...(JSON.parse(a.stats) as Partial<CaptureStats>) },
        stop: a.stop_reason ? { reason: a.stop_reason, where: a.stop_where ?? '' } : undefined,
        startedAt: a.started_at,
        finishedAt: a.finished_at ?? undefined,
      })),
    };
  }

  // ---- capture ----

  async commitBatch(accountId: string, runId: string, at: string, batch: CaptureBatch): Promise<BatchResult> {
    return this.db.transaction().execute((trx) => this.applyBatch(trx, accountId, runId, at, batch));
  }

  private async applyBatch(trx: Transaction<Database>, accountId: string, runId: string, at: string, batch: CaptureBatch): Promise<BatchResult> {
    const result: BatchResult = { newItems: 0, newPosts: 0, newReplies: 0, newVersions: 0, edited: 0, deleted: 0, media: 0, mediaBytes: 0, threadsCut: 0 };
    const observations = dedupeObservations(batch.items ?? []);

    // Items: insert the new ones, touch the known ones.
    const existing = await this.itemRows(trx, accountId, observations.map((o) => o.platformId));
    const itemIds = new Map<string, number>();
    const existedBefore = new Set<number>();
    // Items that joined another thread in this batch: what hung below them moves along (rethread below).
    const rerooted = new Map<string, string>();
    for (const o of observations) {
      const row = existing.get(o.platformId);
      if (row) {
        itemIds.set(o.platformId, row.id);
        existedBefore.add(row.id);
        const placement = {
          kind: o.kind,
          thread_root_platform_id: o.threadRootPlatformId ?? row.thread_root_platform_id,
          parent_platform_id: o.parentPlatformId ?? row.parent_platform_id,
        };
        const moved = placement.kind !== row.kind || placement.thread_root_platform_id !== row.thread_root_platform_id || placement.parent_platform_id !== row.parent_platform_id;
        if (placement.thread_root_platform_id !== row.thread_root_platform_id && placement.thread_root_platform_id) rerooted.set(o.platformId, placement.thread_root_platform_id);
        if (row.first_run_id === runId) recount(result, row.kind, placement.kind);
        await trx
          .updateTable('items')
          .set(moved ? { ...placement, last_seen_at: at } : { last_seen_at: at })
          .where('id', '=', row.id)
          .execute();
      }
    }
    const fresh = observations.filter((o) => !existing.has(o.platformId));
    for (const part of chunks(fresh, 40)) {
      const rows = await trx
        .insertInto('items')
        .values(
          part.map((o) => ({
            account_id: accountId,
            platform_id: o.platformId,
            kind: o.kind,
            uri: o.uri,
            url: o.url ?? null,
            parent_platform_id: o.parentPlatformId ?? null,
            thread_root_platform_id: o.threadRootPlatformId ?? null,
            author_id: o.author.id,
            author_handle: o.author.handle,
            author_name: o.author.displayName ?? null,
            third_party: o.thirdParty ? 1 : 0,
            published_at: o.publishedAt,
            first_run_id: runId,
            first_captured_at: at,
            last_seen_at: at,
            thread_due: 0,
            replies_checked_at: null,
            thread_cut: null,
          })),
        )
        .returning(['id', 'platform_id'])
        .execute();
      for (const r of rows) itemIds.set(r.platform_id, r.id);
    }
    for (const o of fresh) {
      result.newItems++;
      if (o.kind === 'post') result.newPosts++;
      if (o.kind === 'reply') result.newReplies++;
    }

    // Versions: each (item, versionKey) once; media with the version that brought it.
    const ids = [...new Set(itemIds.values())];
    const knownKeys = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = await trx.selectFrom('item_versions').select(['item_id', 'version_key']).where('item_id', 'in', part).execute();
      for (const r of rows) knownKeys.add(`${r.item_id}\u0000${r.version_key}`);
    }
    const editedItems = new Set<number>();
    const newVersionIds: number[] = [];
    const files = new Map<string, number>();
    for (const o of observations) {
      const itemId = itemIds.get(o.platformId)!;
      for (const v of o.versions) {
        const key = `${itemId}\u0000${v.versionKey}`;
        if (knownKeys.has(key)) continue;
        knownKeys.add(key);
        const { id: versionId } = await trx
          .insertInto('item_versions')
          .values({
            item_id: itemId,
            version_key: v.versionKey,
            version_at: v.versionAt,
            source: v.source,
            payload: v.payload,
            payload_sha256: sha256(v.payload),
            run_id: runId,
            captured_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        result.newVersions++;
        newVersionIds.push(versionId);
        if (existedBefore.has(itemId)) editedItems.add(itemId);
        if (v.media.length > 0) {
          await trx
            .insertInto('media')
            .values(
              v.media.map((m, position) => ({
                version_id: versionId,
                position,
                platform_media_id: m.platformId ?? null,
                type: m.type,
                url: m.url,
                remote_url: m.remoteUrl ?? null,
                description: m.description ?? null,
                sha256: m.file?.sha256 ?? null,
                size: m.file?.size ?? null,
                error: m.error ?? null,
              })),
            )
            .execute();
          for (const m of v.media) {
            if (!m.file) continue;
            result.media++;
            result.mediaBytes += m.file.size;
            files.set(m.file.sha256, m.file.size);
          }
        }
      }
    }
    result.edited = editedItems.size;
    // After all versions are in: a history entry is read against its item's status version.
    await indexVersions(trx, this.searchIndex, newVersionIds);
    await this.addLateMedia(trx, accountId, batch.mediaAdded ?? [], result, files);
    await this.recordFiles(trx, files, at);

    // Deletions: the first time an item is found missing is kept; later sightings add nothing.
    if (batch.deletions?.length) {
      const rows = await this.itemRows(trx, accountId, batch.deletions.map((d) => d.platformId));
      for (const d of batch.deletions) {
        const row = rows.get(d.platformId);
        if (!row) continue;
        const inserted = await trx
          .insertInto('deletions')
          .values({ item_id: row.id, found_missing_at: at, run_id: runId, evidence: d.evidence })
          .onConflict((oc) => oc.column('item_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) result.deleted++;
      }
    }

    const assigned = await this.itemRows(trx, accountId, (batch.threadAssignments ?? []).map((a) => a.platformId));
    for (const a of batch.threadAssignments ?? []) {
      const row = assigned.get(a.platformId);
      if (row?.first_run_id === runId) recount(result, row.kind, a.kind);
      await trx
        .updateTable('items')
        .set({ kind: a.kind, thread_root_platform_id: a.threadRootPlatformId })
        .where('account_id', '=', accountId)
        .where('platform_id', '=', a.platformId)
        .execute();
      rerooted.set(a.platformId, a.threadRootPlatformId);
    }
    // An item taken for a thread's start (an answer whose conversation was not known yet) that turns
    // out to belong to another thread takes its replies along: one item is never in two threads.
    // And an item that arrives below such an answer joins the thread the answer is in now.
    const named = [...new Set(observations.flatMap((o) => (o.threadRootPlatformId && o.threadRootPlatformId !== o.platformId ? [o.threadRootPlatformId] : [])))];
    for (const part of chunks(named)) {
      const roots = await trx.selectFrom('items').select(['platform_id', 'thread_root_platform_id']).where('account_id', '=', accountId).where('platform_id', 'in', part).execute();
      for (const r of roots) if (r.thread_root_platform_id && r.thread_root_platform_id !== r.platform_id && !rerooted.has(r.platform_id)) rerooted.set(r.platform_id, r.thread_root_platform_id);
    }
    for (const [platformId, root] of rerooted) {
      if (root === platformId) continue;
      await trx
        .updateTable('items')
        .set({ thread_root_platform_id: root })
        .where('account_id', '=', accountId)
        .where('thread_root_platform_id', '=', platformId)
        .where('platform_id', '!=', platformId)
        .execute();
    }
    for (const part of chunks(batch.threadsDue ?? [])) {
      await trx.updateTable('items').set({ thread_due: 1 }).where('account_id', '=', accountId).where('platform_id', 'in', part).execute();
    }
    for (const t of batch.threadsChecked ?? []) {
      await trx
        .updateTable('items')
        .set({ thread_due: 0, replies_checked_at: at, thread_cut: t.cut ?? null })
        .where('account_id', '=', accountId)
        .where('platform_id', '=', t.rootPlatformId)
        .execute();
      if (t.cut) result.threadsCut++;
    }
    for (const [key, value] of Object.entries(batch.cursors ?? {})) {
      if (value === null) {
        await trx.deleteFrom('cursors').where('account_id', '=', accountId).where('key', '=', key).execute();
      } else {
        await trx
          .insertInto('cursors')
          .values({ account_id: accountId, key, value, run_id: runId, updated_at: at })
          .onConflict((oc) => oc.columns(['account_id', 'key']).doUpdateSet({ value, run_id: runId, updated_at: at }))
          .execute();
      }
    }
    return result;
  }

  /** Media that reach a stored version later (`CaptureBatch.mediaAdded`): appended, each file once per version. */
  private async addLateMedia(db: Db, accountId: string, added: NonNullable<CaptureBatch['mediaAdded']>, result: BatchResult, files: Map<string, number>): Promise<void> {
    if (added.length === 0) return;
    const rows = await this.itemRows(db, accountId, added.map((a) => a.platformId));
    for (const a of added) {
      const row = rows.get(a.platformId);
      if (!row) continue;
      const version = await db.selectFrom('item_versions').select('id').where('item_id', '=', row.id).where('version_key', '=', a.versionKey).executeTakeFirst();
      if (!version) continue;
      const existing = await db.selectFrom('media').select(['position', 'sha256']).where('version_id', '=', version.id).execute();
      const have = new Set(existing.flatMap((m) => (m.sha256 ? [m.sha256] : [])));
      let position = existing.reduce((p, m) => Math.max(p, m.position + 1), 0);
      for (const m of a.media) {
        if (m.file && have.has(m.file.sha256)) continue;
        await db
          .insertInto('media')
          .values({
            version_id: version.id,
            position: position++,
            platform_media_id: m.platformId ?? null,
            type: m.type,
            url: m.url,
            remote_url: m.remoteUrl ?? null,
            description: m.description ?? null,
            sha256: m.file?.sha256 ?? null,
            size: m.file?.size ?? null,
            error: m.error ?? null,
          })
          .execute();
        if (!m.file) continue;
        have.add(m.file.sha256);
        result.media++;
        result.mediaBytes += m.file.size;
        files.set(m.file.sha256, m.file.size);
      }
    }
  }

  private async itemRows(db: Db, accountId: string, platformIds: string[]) {
    const out = new Map<string, ItemRow>();
    for (const part of chunks([...new Set(platformIds)])) {
      const rows = await db.selectFrom('items').selectAll().where('account_id', '=', accountId).where('platform_id', 'in', part).execute();
      for (const r of rows) out.set(r.platform_id, r);
    }
    return out;
  }

  private async recordFiles(db: Db, files: Map<string, number>, at: string): Promise<void> {
    for (const part of chunks([...files])) {
      await db
        .insertInto('files')
        .values(part.map(([hash, size]) => ({ sha256: hash, size, first_stored_at: at })))
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    }
  }

  async getCursor(accountId: string, key: string): Promise<string | null> {
    const row = await this.db.selectFrom('cursors').select('value').where('account_id', '=', accountId).where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  async getItems(accountId: string, platformIds: string[]): Promise<Map<string, KnownItem>> {
    const rows = await this.itemRows(this.db, accountId, platformIds);
    return new Map((await this.toKnown([...rows.values()])).map((k) => [k.platformId, k]));
  }

  async listOwnItems(accountId: string, since: string | null): Promise<KnownItem[]> {
    let q = this.db
      .selectFrom('items')
      .selectAll('items')
      .leftJoin('deletions', 'deletions.item_id', 'items.id')
      .where('items.account_id', '=', accountId)
      .where('items.third_party', '=', 0)
      .where('items.kind', '!=', 'profile')
      .where('deletions.item_id', 'is', null);
    if (since) q = q.where('items.published_at', '>=', since);
    return this.toKnown((await q.execute()));
  }

  async listThreadReplies(accountId: string, rootPlatformId: string): Promise<KnownItem[]> {
    const rows = await this.db
      .selectFrom('items')
      .selectAll('items')
      .leftJoin('deletions', 'deletions.item_id', 'items.id')
      .where('items.account_id', '=', accountId)
      .where('items.thread_root_platform_id', '=', rootPlatformId)
      .where('items.kind', '=', 'reply')
      .where('deletions.item_id', 'is', null)
      .execute();
    return this.toKnown(rows);
  }

  async countThreadReplies(accountId: string, rootPlatformIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks([...new Set(rootPlatformIds)])) {
      const rows = await this.db
        .selectFrom('items')
        .leftJoin('deletions', 'deletions.item_id', 'items.id')
        .select(['items.thread_root_platform_id as root', sql<number>`count(*)`.as('n')])
        .where('items.account_id', '=', accountId)
        .where('items.kind', '=', 'reply')
        .where('items.thread_root_platform_id', 'in', part)
        .where('deletions.item_id', 'is', null)
        .groupBy('items.thread_root_platform_id')
        .execute();
      for (const r of rows) if (r.root) out.set(r.root, Number(r.n));
    }
    return out;
  }

  async listDueThreads(accountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('items')
      .select(['platform_id', 'published_at'])
      .where('account_id', '=', accountId)
      .where('thread_due', '=', 1)
      .orderBy('published_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.platform_id);
  }

  async listUnplacedOwnReplies(accountId: string): Promise<KnownItem[]> {
    const rows = await this.db
      .selectFrom('items')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('third_party', '=', 0)
      .where('kind', '=', 'post')
      .where('parent_platform_id', 'is not', null)
      .where('thread_root_platform_id', 'is', null)
      .orderBy('published_at')
      .execute();
    return this.toKnown(rows);
  }

  private async toKnown(rows: (ItemRow)[]): Promise<KnownItem[]> {
    if (rows.length === 0) return [];
    const keys = new Map<number, string[]>();
    const deleted = new Map<number, string>();
    for (const part of chunks(rows.map((r) => r.id))) {
      for (const v of await this.db.selectFrom('item_versions').select(['item_id', 'version_key']).where('item_id', 'in', part).orderBy('id').execute()) {
        const list = keys.get(v.item_id) ?? [];
        list.push(v.version_key);
        keys.set(v.item_id, list);
      }
      for (const d of await this.db.selectFrom('deletions').select(['item_id', 'found_missing_at']).where('item_id', 'in', part).execute()) {
        deleted.set(d.item_id, d.found_missing_at);
      }
    }
    return rows.map((r) => ({
      platformId: r.platform_id,
      kind: r.kind as ItemKind,
      thirdParty: r.third_party === 1,
      threadRootPlatformId: r.thread_root_platform_id ?? undefined,
      parentPlatformId: r.parent_platform_id ?? undefined,
      publishedAt: r.published_at,
      versionKeys: keys.get(r.id) ?? [],
      deletedAt: deleted.get(r.id),
      repliesCheckedAt: r.replies_checked_at ?? undefined,
    }));
  }

  async recordProfileSnapshot(runId: string, accountId: string, profilePlatformId: string, versionKey: string): Promise<void> {
    const v = await this.db
      .selectFrom('item_versions')
      .innerJoin('items', 'items.id', 'item_versions.item_id')
      .select('item_versions.id')
      .where('items.account_id', '=', accountId)
      .where('items.platform_id', '=', profilePlatformId)
      .where('item_versions.version_key', '=', versionKey)
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('profile_snapshots')
      .values({ run_id: runId, account_id: accountId, version_id: v.id })
      .onConflict((oc) => oc.columns(['run_id', 'account_id']).doUpdateSet({ version_id: v.id }))
      .execute();
  }

  async latestProfile(accountId: string): Promise<{ payload: string; capturedAt: string } | null> {
    const row = await this.db
      .selectFrom('profile_snapshots')
      .innerJoin('item_versions', 'item_versions.id', 'profile_snapshots.version_id')
      .innerJoin('runs', 'runs.id', 'profile_snapshots.run_id')
      .select(['item_versions.payload', 'runs.started_at'])
      .where('profile_snapshots.account_id', '=', accountId)
      .orderBy('runs.started_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { payload: row.payload, capturedAt: row.started_at } : null;
  }

  // ---- reading ----

  async listItems(accountId: string): Promise<ItemRecord[]> {
    const rows = (await this.db.selectFrom('items').selectAll().where('account_id', '=', accountId).orderBy('published_at').orderBy('id').execute());
    const known = await this.toKnown(rows);
    return rows.map((r, i) => ({
      ...known[i]!,
      accountId: r.account_id,
      uri: r.uri,
      url: r.url ?? undefined,
      authorId: r.author_id,
      authorHandle: r.author_handle,
      authorName: r.author_name ?? undefined,
      firstCapturedAt: r.first_captured_at,
      threadCut: r.thread_cut ?? undefined,
    }));
  }

  async listVersions(accountId: string, platformId: string): Promise<ItemVersionRecord[]> {
    const versions = await this.db
      .selectFrom('item_versions')
      .innerJoin('items', 'items.id', 'item_versions.item_id')
      .selectAll('item_versions')
      .where('items.account_id', '=', accountId)
      .where('items.platform_id', '=', platformId)
      .orderBy('item_versions.version_at')
      .orderBy('item_versions.id')
      .execute();
    const out: ItemVersionRecord[] = [];
    for (const v of versions) {
      const media = await this.db.selectFrom('media').selectAll().where('version_id', '=', v.id).orderBy('position').execute();
      out.push({
        versionKey: v.version_key,
        versionAt: v.version_at,
        source: v.source,
        payload: v.payload,
        payloadSha256: v.payload_sha256,
        runId: v.run_id,
        capturedAt: v.captured_at,
        media: media.map((m) => ({
          platformId: m.platform_media_id ?? undefined,
          type: m.type,
          url: m.url,
          remoteUrl: m.remote_url ?? undefined,
          sha256: m.sha256 ?? undefined,
          size: m.size ?? undefined,
          error: m.error ?? undefined,
        })),
      });
    }
    return out;
  }

  async countItems(accountId?: string) {
    const byKind = await this.db
      .selectFrom('items')
      .select(['kind', sql<number>`count(*)`.as('n')])
      .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId!))
      .groupBy('kind')
      .execute();
    const n = (k: string) => Number(byKind.find((r) => r.kind === k)?.n ?? 0);
    const scalar = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
    const versions = await scalar(
      this.db
        .selectFrom('item_versions')
        .innerJoin('items', 'items.id', 'item_versions.item_id')
        .select(sql<number>`count(*)`.as('n'))
        .$if(accountId !== undefined, (q) => q.where('items.account_id', '=', accountId!))
        .executeTakeFirst(),
    );
    const media = await scalar(
      this.db
        .selectFrom('media')
        .innerJoin('item_versions', 'item_versions.id', 'media.version_id')
        .innerJoin('items', 'items.id', 'item_versions.item_id')
        .select(sql<number>`count(*)`.as('n'))
        .where('media.sha256', 'is not', null)
        .$if(accountId !== undefined, (q) => q.where('items.account_id', '=', accountId!))
        .executeTakeFirst(),
    );
    const deleted = await scalar(
      this.db
        .selectFrom('deletions')
        .innerJoin('items', 'items.id', 'deletions.item_id')
        .select(sql<number>`count(*)`.as('n'))
        .$if(accountId !== undefined, (q) => q.where('items.account_id', '=', accountId!))
        .executeTakeFirst(),
    );
    return { posts: n('post'), replies: n('reply'), profiles: n('profile'), versions, media, deleted };
  }

  // ---- files ----

  async recordWarc(w: WarcFileRecord, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.recordFiles(trx, new Map([[w.file.sha256, w.file.size]]), at);
      await trx
        .insertInto('warc_files')
        .values({ run_id: w.runId, seq: w.seq, sha256: w.file.sha256, size: w.file.size, records: w.records, recovered: w.recovered ? 1 : 0, stored_at: at })
        .onConflict((oc) => oc.columns(['run_id', 'seq']).doNothing())
        .execute();
    });
  }

  async listWarcs(runId?: string): Promise<WarcFileRecord[]> {
    const rows = await this.db
      .selectFrom('warc_files')
      .selectAll()
      .$if(runId !== undefined, (q) => q.where('run_id', '=', runId!))
      .orderBy('run_id')
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ runId: r.run_id, seq: r.seq, file: { sha256: r.sha256, size: r.size }, records: r.records, recovered: r.recovered === 1 }));
  }

  async recordImportFile(f: ImportFileRecord, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.recordFiles(trx, new Map([[f.file.sha256, f.file.size]]), at);
      await trx
        .insertInto('import_files')
        .values({ run_id: f.runId, account_id: f.accountId, sha256: f.file.sha256, size: f.file.size, name: f.name, format: f.format, stored_at: at })
        .execute();
    });
  }

  async listImportFiles(accountId?: string): Promise<ImportFileRecord[]> {
    const rows = await this.db
      .selectFrom('import_files')
      .selectAll()
      .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId!))
      .orderBy('stored_at')
      .execute();
    return rows.map((r) => ({ runId: r.run_id, accountId: r.account_id, file: { sha256: r.sha256, size: r.size }, name: r.name, format: r.format }));
  }

  async referencedFiles(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const r of await this.db.selectFrom('media').select(['sha256', 'size']).where('sha256', 'is not', null).execute()) out.set(r.sha256!, r.size!);
    for (const r of await this.db.selectFrom('warc_files').select(['sha256', 'size']).execute()) out.set(r.sha256, r.size);
    for (const r of await this.db.selectFrom('import_files').select(['sha256', 'size']).execute()) out.set(r.sha256, r.size);
    return out;
  }

  async integrity(): Promise<StoreIntegrity> {
    const problems: string[] = [];
    const engine = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(this.db).catch(() => null);
    for (const r of engine?.rows ?? []) if (r.integrity_check !== 'ok') problems.push(`database: ${r.integrity_check}`);

    // Every payload still hashes to the checksum recorded with it (read in pages: stores are large).
    for (let after = 0; ; ) {
      const rows = await this.db.selectFrom('item_versions').select(['id', 'payload', 'payload_sha256']).where('id', '>', after).orderBy('id').limit(2000).execute();
      if (rows.length === 0) break;
      for (const r of rows) if (sha256(r.payload) !== r.payload_sha256) problems.push(`item version ${r.id}: payload does not match its SHA-256`);
      after = rows[rows.length - 1]!.id;
    }
    const orphans: [string, Promise<{ n: number | string | bigint }[]>][] = [
      ['item versions without their item', sql<{ n: number }>`SELECT count(*) AS n FROM item_versions v LEFT JOIN items i ON i.id = v.item_id WHERE i.id IS NULL`.execute(this.db).then((r) => r.rows)],
      ['media without their version', sql<{ n: number }>`SELECT count(*) AS n FROM media m LEFT JOIN item_versions v ON v.id = m.version_id WHERE v.id IS NULL`.execute(this.db).then((r) => r.rows)],
      ['deletions without their item', sql<{ n: number }>`SELECT count(*) AS n FROM deletions d LEFT JOIN items i ON i.id = d.item_id WHERE i.id IS NULL`.execute(this.db).then((r) => r.rows)],
      ['items without any version', sql<{ n: number }>`SELECT count(*) AS n FROM items i WHERE NOT EXISTS (SELECT 1 FROM item_versions v WHERE v.item_id = i.id)`.execute(this.db).then((r) => r.rows)],
      ['stored media missing from the file list', sql<{ n: number }>`SELECT count(*) AS n FROM media m LEFT JOIN files f ON f.sha256 = m.sha256 WHERE m.sha256 IS NOT NULL AND f.sha256 IS NULL`.execute(this.db).then((r) => r.rows)],
    ];
    for (const [what, rows] of orphans) {
      const n = Number((await rows)[0]?.n ?? 0);
      if (n > 0) problems.push(`database: ${n} ${what}`);
    }

    const files = new Map<string, { size: number | null; where: string }>();
    const add = (sha: string | null, size: number | null, where: string) => {
      if (sha && !files.has(sha)) files.set(sha, { size, where });
    };
    for (const r of await this.db.selectFrom('files').select(['sha256', 'size']).execute()) add(r.sha256, r.size, 'file list');
    for (const r of await this.db.selectFrom('media').select(['sha256', 'size', 'version_id']).where('sha256', 'is not', null).execute()) add(r.sha256, r.size, `media of version ${r.version_id}`);
    for (const r of await this.db.selectFrom('warc_files').select(['sha256', 'size', 'run_id']).execute()) add(r.sha256, r.size, `WARC of run ${r.run_id}`);
    for (const r of await this.db.selectFrom('import_files').select(['sha256', 'size', 'run_id']).execute()) add(r.sha256, r.size, `import of run ${r.run_id}`);
    for (const r of await this.db.selectFrom('file_derivatives').select(['sha256', 'size', 'source_sha256']).execute()) add(r.sha256, r.size, `derivative of ${r.source_sha256}`);
    for (const r of await this.db.selectFrom('renditions').select(['pdf_sha256', 'pdf_size', 'png_sha256', 'png_size', 'root_platform_id']).execute()) {
      add(r.pdf_sha256, r.pdf_size, `PDF rendition of thread ${r.root_platform_id}`);
      add(r.png_sha256, r.png_size, `PNG rendition of thread ${r.root_platform_id}`);
    }
    for (const r of await this.db.selectFrom('privacy_public_copies').select(['json_sha256', 'json_size', 'pdf_sha256', 'pdf_size', 'png_sha256', 'png_size', 'version_id']).execute()) {
      add(r.json_sha256, r.json_size, `public copy of version ${r.version_id}`);
      add(r.pdf_sha256, r.pdf_size, `public copy (PDF) of version ${r.version_id}`);
      add(r.png_sha256, r.png_size, `public copy (PNG) of version ${r.version_id}`);
    }
    return { files, problems };
  }

  // ---- audit ----

  async audit(actor: string, action: string, subject: string, details: unknown, at: string): Promise<AuditEntry> {
    return this.db.transaction().execute((trx) => this.appendAudit(trx, actor, action, subject, details, at));
  }

  private async appendAudit(trx: Transaction<Database>, actor: string, action: string, subject: string, details: unknown, at: string): Promise<AuditEntry> {
    // One chain: on a server with many connections, appends wait for each other (SQLite has one writer anyway).
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select(['hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS;
    const detailsJson = JSON.stringify(details ?? null);
    const hash = auditHash(prevHash, at, actor, action, subject, detailsJson);
    const row = await trx
      .insertInto('audit_log')
      .values({ at, actor, action, subject, details: detailsJson, prev_hash: prevHash, hash })
      .returning('seq')
      .executeTakeFirstOrThrow();
    return { seq: row.seq, at, actor, action, subject, details, prevHash, hash };
  }

  async auditTrail(filter?: { subjects: string[] }): Promise<AuditEntry[]> {
    const rows: Selectable<Database['audit_log']>[] = [];
    if (!filter) rows.push(...(await this.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()));
    else for (const part of chunks([...new Set(filter.subjects)])) rows.push(...(await this.db.selectFrom('audit_log').selectAll().where('subject', 'in', part).execute()));
    rows.sort((a, b) => a.seq - b.seq);
    return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: JSON.parse(r.details), prevHash: r.prev_hash, hash: r.hash }));
  }
}

export function auditHash(prevHash: string, at: string, actor: string, action: string, subject: string, detailsJson: string): string {
  return sha256(JSON.stringify([prevHash, at, actor, action, subject, detailsJson]));
}

/** Checks the hash chain; returns the sequence number of the first broken entry, or null. */
export function verifyAuditChain(entries: AuditEntry[]): number | null {
  let prev = GENESIS;
  for (const e of entries) {
    if (e.prevHash !== prev || auditHash(e.prevHash, e.at, e.actor, e.action, e.subject, JSON.stringify(e.details ?? null)) !== e.hash) return e.seq;
    prev = e.hash;
  }
  return null;
}

/** An item first stored as a post in this run turned out to be a reply (or back): the run's counts follow. */
function recount(result: BatchResult, from: string, to: string): void {
  if (from === to) return;
  if (from === 'post') result.newPosts--;
  if (from === 'reply') result.newReplies--;
  if (to === 'post') result.newPosts++;
  if (to === 'reply') result.newReplies++;
}

/** Several observations of one item in a batch merge into one (versions united, last placement wins). */
function dedupeObservations(items: ItemObservation[]): ItemObservation[] {
  const byId = new Map<string, ItemObservation>();
  for (const o of items) {
    const prev = byId.get(o.platformId);
    byId.set(o.platformId, prev ? { ...o, versions: [...prev.versions, ...o.versions] } : o);
  }
  return [...byId.values()];
}

function toRegistryVersion(row: RegistryRow): RegistryVersion {
  return { id: row.id, sha256: row.sha256, loadedAt: row.loaded_at, actor: row.actor, changes: JSON.parse(row.changes) as string[] };
}
