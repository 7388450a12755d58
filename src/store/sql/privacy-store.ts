import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Decision, DecisionAction, Finding, ItemKind, PublicCopy, Redaction, RestrictionType } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import type { AuditEntry } from '../store.js';
import type {
  EffectiveRestriction,
  FindingFilter,
  FindingView,
  ItemPrivacy,
  ItemRef,
  NewDecision,
  NewPublicCopy,
  PrivacyStore,
  PrivacyVersion,
  PublicCopyDue,
  QueueItemRef,
  ScanCounts,
  VersionScan,
} from '../privacy-store.js';
import type { Database } from './schema.js';

// Keeps every IN (...) list well below the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK = 400;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Appends to the audit trail inside the caller's transaction (the store's one hash chain). */
export type AppendAudit = (trx: Transaction<Database>, actor: string, action: string, subject: string, details: unknown, at: string) => Promise<AuditEntry>;

type Db = Kysely<Database> | Transaction<Database>;
type FindingRow = Selectable<Database['privacy_findings']>;
type DecisionRow = Selectable<Database['privacy_decisions']>;
type CopyRow = Selectable<Database['privacy_public_copies']>;

const itemKey = (accountId: string, platformId: string) => `${accountId}/${platformId}`;
const parseJson = <T>(s: string | null): T | undefined => (s === null ? undefined : (JSON.parse(s) as T));

/** `store.privacy` on any SQL database Kysely speaks. */
export class SqlPrivacyStore implements PrivacyStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly appendAudit: AppendAudit,
  ) {}

  // ---- scanning ----

  private versionQuery(db: Db) {
    return db
      .selectFrom('item_versions as v')
      .innerJoin('items as i', 'i.id', 'v.item_id')
      .innerJoin('accounts as a', 'a.id', 'i.account_id')
      .leftJoin('deletions as d', 'd.item_id', 'i.id')
      .select([
        'v.id as version_id',
        'v.version_key',
        'v.version_at',
        'v.source',
        'v.payload',
        'v.payload_sha256',
        'v.captured_at',
        'i.id as item_id',
        'i.account_id',
        'a.platform',
        'i.platform_id',
        'i.kind',
        'i.uri',
        'i.third_party',
        'i.author_id',
        'i.author_handle',
        'i.thread_root_platform_id',
        'i.parent_platform_id',
        'i.published_at',
        'd.found_missing_at',
      ]);
  }

  async pendingVersions(q: { detector: string; accountIds?: string[] | undefined; afterVersionId: number; limit: number }): Promise<PrivacyVersion[]> {
    const rows = await this.versionQuery(this.db)
      .leftJoin('privacy_scans as s', (j) => j.onRef('s.version_id', '=', 'v.id').on('s.detector', '=', q.detector))
      // Never scanned by this detector, or its scan ran into a problem (tried again).
      .where((eb) => eb.or([eb('s.version_id', 'is', null), eb('s.problem', 'is not', null)]))
      .where('v.id', '>', q.afterVersionId)
      .$if(q.accountIds !== undefined, (b) => b.where('i.account_id', 'in', q.accountIds!.length ? q.accountIds! : ['']))
      .orderBy('v.id')
      .limit(q.limit)
      .execute();
    return this.enrichVersions(rows);
  }

  async countPending(q: { detector: string; accountIds?: string[] | undefined }): Promise<number> {
    const row = await this.db
      .selectFrom('item_versions as v')
      .innerJoin('items as i', 'i.id', 'v.item_id')
      .leftJoin('privacy_scans as s', (j) => j.onRef('s.version_id', '=', 'v.id').on('s.detector', '=', q.detector))
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => eb.or([eb('s.version_id', 'is', null), eb('s.problem', 'is not', null)]))
      .$if(q.accountIds !== undefined, (b) => b.where('i.account_id', 'in', q.accountIds!.length ? q.accountIds! : ['']))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async versions(versionIds: number[]): Promise<PrivacyVersion[]> {
    const out: PrivacyVersion[] = [];
    for (const part of chunks([...new Set(versionIds)])) {
      out.push(...(await this.enrichVersions(await this.versionQuery(this.db).where('v.id', 'in', part).orderBy('v.id').execute())));
    }
    return out;
  }

  async itemVersions(itemId: number): Promise<PrivacyVersion[]> {
    const rows = await this.versionQuery(this.db).where('i.id', '=', itemId).orderBy('v.version_at').orderBy('v.id').execute();
    return this.enrichVersions(rows);
  }

  private async enrichVersions(rows: Awaited<ReturnType<ReturnType<SqlPrivacyStore['versionQuery']>['execute']>>): Promise<PrivacyVersion[]> {
    if (rows.length === 0) return [];
    const versionIds = rows.map((r) => r.version_id);
    const itemIds = [...new Set(rows.map((r) => r.item_id))];
    const media = new Map<number, PrivacyVersion['media']>();
    for (const part of chunks(versionIds)) {
      const ms = await this.db.selectFrom('media').selectAll().where('version_id', 'in', part).orderBy('version_id').orderBy('position').execute();
      for (const m of ms) {
        const list = media.get(m.version_id) ?? [];
        list.push({ position: m.position, platformId: m.platform_media_id, type: m.type, url: m.url, sha256: m.sha256, size: m.size });
        media.set(m.version_id, list);
      }
    }
    // Position of each version among its item's versions, and the newest status payload (history entries need it).
    const order = new Map<number, { index: number; count: number }>();
    const statusPayload = new Map<number, string>();
    for (const part of chunks(itemIds)) {
      const vs = await this.db
        .selectFrom('item_versions')
        .select(['id', 'item_id', 'source'])
        .where('item_id', 'in', part)
        .orderBy('item_id')
        .orderBy('version_at')
        .orderBy('id')
        .execute();
      const byItem = new Map<number, typeof vs>();
      for (const v of vs) byItem.set(v.item_id, [...(byItem.get(v.item_id) ?? []), v]);
      const needsStatus = new Set(rows.filter((r) => r.source !== 'status').map((r) => r.item_id));
      const wantStatus: number[] = [];
      for (const [itemId, list] of byItem) {
        list.forEach((v, index) => order.set(v.id, { index, count: list.length }));
        const newestStatus = list.filter((v) => v.source === 'status').at(-1);
        if (newestStatus && needsStatus.has(itemId)) wantStatus.push(newestStatus.id);
      }
      for (const p of chunks(wantStatus)) {
        for (const r of await this.db.selectFrom('item_versions').select(['item_id', 'payload']).where('id', 'in', p).execute()) statusPayload.set(r.item_id, r.payload);
      }
    }
    const accounts = [...new Set(rows.map((r) => r.account_id))];
    const own = new Map<string, string>();
    for (const a of accounts) {
      const r = await this.db
        .selectFrom('items')
        .select('author_id')
        .where('account_id', '=', a)
        .where('third_party', '=', 0)
        .where('kind', '!=', 'profile')
        .limit(1)
        .executeTakeFirst();
      if (r) own.set(a, r.author_id);
    }
    return rows.map((r) => {
      const pos = order.get(r.version_id) ?? { index: 0, count: 1 };
      return {
        versionId: r.version_id,
        itemId: r.item_id,
        accountId: r.account_id,
        platform: r.platform,
        platformId: r.platform_id,
        kind: r.kind as ItemKind,
        uri: r.uri,
        thirdParty: r.third_party === 1,
        authorId: r.author_id,
        authorHandle: r.author_handle,
        ownAuthorId: own.get(r.account_id) ?? (r.third_party === 0 ? r.author_id : null),
        threadRootPlatformId: r.thread_root_platform_id,
        parentPlatformId: r.parent_platform_id,
        publishedAt: r.published_at,
        foundDeletedAt: r.found_missing_at,
        versionKey: r.version_key,
        versionAt: r.version_at,
        source: r.source,
        payload: r.payload,
        payloadSha256: r.payload_sha256,
        capturedAt: r.captured_at,
        versionIndex: pos.index,
        versionCount: pos.count,
        statusPayload: r.source === 'status' ? null : (statusPayload.get(r.item_id) ?? null),
        media: media.get(r.version_id) ?? [],
      };
    });
  }

  async findingsOfVersions(versionIds: number[]): Promise<FindingView[]> {
    const out: FindingView[] = [];
    for (const part of chunks([...new Set(versionIds)])) out.push(...(await this.findingViews((q) => q.where('f.version_id', 'in', part))));
    return out;
  }

  async recordScans(scans: VersionScan[], detector: string, at: string): Promise<ScanCounts> {
    const counts: ScanCounts = { versions: 0, newFindings: 0, foundAgain: 0, noLongerReported: 0, problems: 0 };
    if (scans.length === 0) return counts;
    await this.db.transaction().execute(async (trx) => {
      const where = new Map<number, { item_id: number; account_id: string }>();
      for (const part of chunks(scans.map((s) => s.versionId))) {
        const rows = await trx.selectFrom('item_versions as v').innerJoin('items as i', 'i.id', 'v.item_id').select(['v.id', 'i.id as item_id', 'i.account_id']).where('v.id', 'in', part).execute();
        for (const r of rows) where.set(r.id, r);
      }
      for (const scan of scans) {
        const loc = where.get(scan.versionId);
        if (!loc) throw new Error(`recordScans: no version ${scan.versionId}`);
        const existing = await trx.selectFrom('privacy_findings').selectAll().where('version_id', '=', scan.versionId).execute();
        const byKey = new Map(existing.map((e) => [e.finding_key, e]));
        const seen = new Set<string>();
        for (const f of scan.findings) {
          if (seen.has(f.key)) continue;
          seen.add(f.key);
          const values = {
            field: f.field,
            category: f.category,
            span_start: f.span?.start ?? null,
            span_end: f.span?.end ?? null,
            flagged_text: f.text ?? null,
            media_position: f.media?.position ?? null,
            media_sha256: f.media?.sha256 ?? null,
            region: f.region ? JSON.stringify(f.region) : null,
            detail: f.detail ? JSON.stringify(f.detail) : null,
            confidence: f.confidence,
            rule: f.rule,
            suggested: f.suggested,
            detector,
            last_found_at: at,
            reported: 1,
          };
          if (byKey.has(f.key)) {
            await trx.updateTable('privacy_findings').set(values).where('finding_key', '=', f.key).execute();
            counts.foundAgain++;
          } else {
            await trx
              .insertInto('privacy_findings')
              .values({ ...values, finding_key: f.key, account_id: loc.account_id, item_id: loc.item_id, version_id: scan.versionId, first_found_at: at, decision_id: null })
              .execute();
            counts.newFindings++;
          }
        }
        const scanned = new Set(scan.scannedCategories);
        const gone = existing.filter((e) => e.reported === 1 && !seen.has(e.finding_key) && scanned.has(e.category)).map((e) => e.id);
        for (const part of chunks(gone)) await trx.updateTable('privacy_findings').set({ reported: 0 }).where('id', 'in', part).execute();
        counts.noLongerReported += gone.length;
        await trx
          .insertInto('privacy_scans')
          .values({ version_id: scan.versionId, detector, scanned_at: at, findings: seen.size, problem: scan.problem ?? null })
          .onConflict((oc) => oc.columns(['version_id', 'detector']).doUpdateSet({ scanned_at: at, findings: seen.size, problem: scan.problem ?? null }))
          .execute();
        counts.versions++;
        if (scan.problem) counts.problems++;
      }
    });
    return counts;
  }

  // ---- review ----

  // Filters and counts need the item and the decision only; the version (a wide row with its
  // payload) is joined where findings are read, which keeps counting 20,000 findings cheap.
  private findingBase(db: Db) {
    return db
      .selectFrom('privacy_findings as f')
      .innerJoin('items as i', 'i.id', 'f.item_id')
      .leftJoin('privacy_decisions as d', 'd.id', 'f.decision_id');
  }

  private async findingViews(
    where: (q: ReturnType<SqlPrivacyStore['findingBase']>) => ReturnType<SqlPrivacyStore['findingBase']>,
    page?: { limit: number; offset: number },
  ): Promise<FindingView[]> {
    let q = where(this.findingBase(this.db))
      .innerJoin('item_versions as v', 'v.id', 'f.version_id')
      .selectAll('f')
      .select(['i.platform_id', 'i.kind', 'i.author_handle', 'i.author_name', 'i.third_party', 'i.published_at', 'v.version_key'])
      .select(['d.id as d_id', 'd.finding_id as d_finding_id', 'd.action as d_action', 'd.restriction_type as d_restriction_type', 'd.term_duration as d_term_duration', 'd.term_until as d_term_until', 'd.term_from as d_term_from', 'd.reason as d_reason', 'd.actor as d_actor', 'd.decided_at as d_decided_at', 'd.via as d_via', 'd.audit_seq as d_audit_seq'])
      .orderBy('i.published_at')
      .orderBy('i.id')
      .orderBy('v.version_at')
      .orderBy('f.field')
      .orderBy('f.span_start')
      .orderBy('f.id');
    if (page) q = q.limit(page.limit).offset(page.offset);
    const rows = await q.execute();
    return rows.map((r) => ({
      ...toFinding(r, { platformId: r.platform_id, kind: r.kind, versionKey: r.version_key }),
      itemId: r.item_id,
      versionId: r.version_id,
      authorHandle: r.author_handle,
      authorName: r.author_name,
      thirdParty: r.third_party === 1,
      publishedAt: r.published_at,
      decision:
        r.d_id === null
          ? null
          : toDecision({
              id: r.d_id,
              finding_id: r.d_finding_id!,
              action: r.d_action!,
              restriction_type: r.d_restriction_type,
              term_duration: r.d_term_duration,
              term_until: r.d_term_until,
              term_from: r.d_term_from,
              reason: r.d_reason!,
              actor: r.d_actor!,
              decided_at: r.d_decided_at!,
              via: r.d_via!,
              audit_seq: r.d_audit_seq!,
            }),
    }));
  }

  private applyFilter(q: ReturnType<SqlPrivacyStore['findingBase']>, filter: FindingFilter): ReturnType<SqlPrivacyStore['findingBase']> {
    const none = ['\u0000'];
    if (filter.accountIds) q = q.where('f.account_id', 'in', filter.accountIds.length ? filter.accountIds : none);
    if (filter.categories) q = q.where('f.category', 'in', filter.categories.length ? filter.categories : none);
    if (filter.itemIds) q = q.where('f.item_id', 'in', filter.itemIds.length ? filter.itemIds : [-1]);
    if (filter.from) q = q.where('i.published_at', '>=', filter.from);
    if (filter.before) q = q.where('i.published_at', '<', filter.before);
    if (filter.text !== undefined) q = q.where('f.flagged_text', '=', filter.text);
    if (filter.kinds) q = q.where('i.kind', 'in', filter.kinds.length ? filter.kinds : none);
    if (filter.actions) q = q.where('d.action', 'in', filter.actions.length ? filter.actions : none);
    switch (filter.status ?? 'all') {
      case 'open':
        q = q.where('f.reported', '=', 1).where('f.decision_id', 'is', null);
        break;
      case 'decided':
        q = q.where('f.decision_id', 'is not', null);
        break;
      case 'all':
        q = q.where((eb) => eb.or([eb('f.reported', '=', 1), eb('f.decision_id', 'is not', null)]));
        break;
    }
    return q;
  }

  async listFindings(filter: FindingFilter, page: { limit: number; offset: number }): Promise<{ total: number; rows: FindingView[] }> {
    const count = await this.applyFilter(this.findingBase(this.db), filter).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    const rows = await this.findingViews((q) => this.applyFilter(q, filter), page);
    return { total: Number(count?.n ?? 0), rows };
  }

  async findings(ids: number[]): Promise<FindingView[]> {
    const out: FindingView[] = [];
    for (const part of chunks([...new Set(ids)])) out.push(...(await this.findingViews((q) => q.where('f.id', 'in', part))));
    return out;
  }

  async listFindingItems(filter: FindingFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: QueueItemRef[] }> {
    const count = await this.applyFilter(this.findingBase(this.db), filter).select(sql<number>`count(distinct f.item_id)`.as('n')).executeTakeFirst();
    const rows = await this.applyFilter(this.findingBase(this.db), filter)
      .select(['i.id', 'i.account_id', 'i.platform_id', 'i.published_at', sql<number>`count(*)`.as('n')])
      .groupBy(['i.id', 'i.account_id', 'i.platform_id', 'i.published_at'])
      .orderBy('i.published_at')
      .orderBy('i.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const categories = new Map<number, string[]>();
    if (rows.length) {
      const cats = await this.applyFilter(this.findingBase(this.db), { ...filter, itemIds: rows.map((r) => r.id) })
        .select(['f.item_id', 'f.category'])
        .distinct()
        .orderBy('f.category')
        .execute();
      for (const c of cats) categories.set(c.item_id, [...(categories.get(c.item_id) ?? []), c.category]);
    }
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => ({ itemId: r.id, accountId: r.account_id, platformId: r.platform_id, publishedAt: r.published_at, findings: Number(r.n), categories: categories.get(r.id) ?? [] })),
    };
  }

  async countOpen(accountIds?: string[]): Promise<number> {
    const row = await this.applyFilter(this.findingBase(this.db), { accountIds, status: 'open' }).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async resolveItems(ref: { accountId?: string | undefined; platformId?: string | undefined; uri?: string | undefined }): Promise<ItemRef[]> {
    if (ref.platformId === undefined && ref.uri === undefined) return [];
    const rows = await this.db
      .selectFrom('items')
      .select(['id', 'account_id', 'platform_id', 'kind', 'uri', 'published_at'])
      .$if(ref.accountId !== undefined, (q) => q.where('account_id', '=', ref.accountId!))
      .$if(ref.platformId !== undefined, (q) => q.where('platform_id', '=', ref.platformId!))
      .$if(ref.uri !== undefined, (q) => q.where('uri', '=', ref.uri!))
      .orderBy('account_id')
      .execute();
    return rows.map((r) => ({ itemId: r.id, accountId: r.account_id, platformId: r.platform_id, kind: r.kind as ItemKind, uri: r.uri, publishedAt: r.published_at }));
  }

  async decide(decisions: NewDecision[], actor: string, at: string): Promise<Decision[]> {
    if (decisions.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const info = new Map<number, { finding_key: string; category: string; account_id: string; platform_id: string; version_key: string }>();
      for (const part of chunks([...new Set(decisions.map((d) => d.findingId))])) {
        const rows = await trx
          .selectFrom('privacy_findings as f')
          .innerJoin('items as i', 'i.id', 'f.item_id')
          .innerJoin('item_versions as v', 'v.id', 'f.version_id')
          .select(['f.id', 'f.finding_key', 'f.category', 'f.account_id', 'i.platform_id', 'v.version_key'])
          .where('f.id', 'in', part)
          .execute();
        for (const r of rows) info.set(r.id, r);
      }
      const out: Decision[] = [];
      for (const d of decisions) {
        const f = info.get(d.findingId);
        if (!f) throw new UserError('review.unknown-finding', `there is no finding F${d.findingId}`);
        const r = d.restriction;
        const audit = await this.appendAudit(
          trx,
          actor,
          'privacy.decide',
          `finding:F${d.findingId}`,
          {
            finding: f.finding_key,
            item: itemKey(f.account_id, f.platform_id),
            version: f.version_key,
            category: f.category,
            action: d.action,
            restriction: r ?? null,
            reason: d.reason,
            via: d.via,
          },
          at,
        );
        const row = await trx
          .insertInto('privacy_decisions')
          .values({
            finding_id: d.findingId,
            action: d.action,
            restriction_type: r?.type ?? null,
            term_duration: r?.term.duration ?? null,
            term_until: r?.term.until ?? null,
            term_from: r?.term.from ?? null,
            reason: d.reason,
            actor,
            decided_at: at,
            via: d.via,
            audit_seq: audit.seq,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('privacy_findings').set({ decision_id: row.id }).where('id', '=', d.findingId).execute();
        out.push(toDecision(row));
      }
      return out;
    });
  }

  async decisionHistory(findingIds: number[]): Promise<Decision[]> {
    const out: DecisionRow[] = [];
    for (const part of chunks([...new Set(findingIds)])) out.push(...(await this.db.selectFrom('privacy_decisions').selectAll().where('finding_id', 'in', part).execute()));
    return out.sort((a, b) => a.id - b.id).map(toDecision);
  }

  // ---- for the packager ----

  async itemPrivacy(items: { accountId: string; platformId: string }[]): Promise<Map<string, ItemPrivacy>> {
    const out = new Map<string, ItemPrivacy>();
    const ids = new Map<number, string>();
    const byAccount = new Map<string, string[]>();
    for (const i of items) byAccount.set(i.accountId, [...(byAccount.get(i.accountId) ?? []), i.platformId]);
    for (const [accountId, platformIds] of byAccount) {
      for (const part of chunks([...new Set(platformIds)])) {
        const rows = await this.db.selectFrom('items').select(['id', 'platform_id']).where('account_id', '=', accountId).where('platform_id', 'in', part).execute();
        for (const r of rows) {
          const key = itemKey(accountId, r.platform_id);
          ids.set(r.id, key);
          out.set(key, { accountId, platformId: r.platform_id, openFindings: 0, unscannedVersions: 0, restrictions: [], publicCopies: [] });
        }
      }
    }
    const itemIds = [...ids.keys()];
    for (const part of chunks(itemIds)) {
      const open = await this.db
        .selectFrom('privacy_findings')
        .select(['item_id', sql<number>`count(*)`.as('n')])
        .where('item_id', 'in', part)
        .where('reported', '=', 1)
        .where('decision_id', 'is', null)
        .groupBy('item_id')
        .execute();
      for (const r of open) out.get(ids.get(r.item_id)!)!.openFindings = Number(r.n);
      const unscanned = await this.db
        .selectFrom('item_versions as v')
        .select(['v.item_id', sql<number>`count(*)`.as('n')])
        .where('v.item_id', 'in', part)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('privacy_scans as s').select('s.version_id').whereRef('s.version_id', '=', 'v.id').where('s.problem', 'is', null))),
        )
        .groupBy('v.item_id')
        .execute();
      for (const r of unscanned) out.get(ids.get(r.item_id)!)!.unscannedVersions = Number(r.n);
      const decided = await this.db
        .selectFrom('privacy_findings as f')
        .innerJoin('privacy_decisions as d', 'd.id', 'f.decision_id')
        .innerJoin('item_versions as v', 'v.id', 'f.version_id')
        .selectAll('d')
        .select(['f.item_id', 'f.category', 'v.version_key'])
        .where('f.item_id', 'in', part)
        .where('d.action', 'in', ['restrict', 'redact'])
        .orderBy('d.id')
        .execute();
      for (const r of decided) {
        const d = toDecision(r);
        if (!d.restriction) continue;
        const e: EffectiveRestriction = { decisionId: d.id, findingId: d.findingId, category: r.category, action: d.action as EffectiveRestriction['action'], restriction: d.restriction, reason: d.reason, versionKey: r.version_key };
        out.get(ids.get(r.item_id)!)!.restrictions.push(e);
      }
    }
    for (const due of await this.redactedVersions(itemIds)) {
      const copies = await this.publicCopies(due.versionId);
      const current = copies.filter((c) => sameIds(c.decisionIds, due.decisionIds)).at(-1) ?? null;
      out.get(ids.get(due.itemId)!)!.publicCopies.push({ versionKey: due.versionKey, copy: current });
    }
    return out;
  }

  // ---- public copies ----

  /** Versions (of these items, or all) with their current redact decisions. */
  private async redactedVersions(itemIds?: number[], accountIds?: string[]): Promise<PublicCopyDue[]> {
    const rows: { version_id: number; item_id: number; account_id: string; platform_id: string; version_key: string; decision_id: number }[] = [];
    const base = () =>
      this.db
        .selectFrom('privacy_findings as f')
        .innerJoin('privacy_decisions as d', 'd.id', 'f.decision_id')
        .innerJoin('items as i', 'i.id', 'f.item_id')
        .innerJoin('item_versions as v', 'v.id', 'f.version_id')
        .select(['f.version_id', 'f.item_id', 'i.account_id', 'i.platform_id', 'v.version_key', 'd.id as decision_id'])
        .where('d.action', '=', 'redact')
        // A profile is the account's own snapshot: it has no public copy (its images are the organisation's).
        .where('i.kind', '!=', 'profile')
        .$if(accountIds !== undefined, (q) => q.where('i.account_id', 'in', accountIds!.length ? accountIds! : ['']));
    if (itemIds) for (const part of chunks(itemIds)) rows.push(...(await base().where('f.item_id', 'in', part).execute()));
    else rows.push(...(await base().execute()));
    const byVersion = new Map<number, PublicCopyDue>();
    for (const r of rows) {
      const due = byVersion.get(r.version_id) ?? { versionId: r.version_id, itemId: r.item_id, accountId: r.account_id, platformId: r.platform_id, versionKey: r.version_key, decisionIds: [] };
      due.decisionIds.push(r.decision_id);
      byVersion.set(r.version_id, due);
    }
    return [...byVersion.values()].map((d) => ({ ...d, decisionIds: d.decisionIds.sort((a, b) => a - b) })).sort((a, b) => a.versionId - b.versionId);
  }

  async publicCopiesDue(q: { itemIds?: number[] | undefined; accountIds?: string[] | undefined }): Promise<PublicCopyDue[]> {
    const out: PublicCopyDue[] = [];
    for (const due of await this.redactedVersions(q.itemIds, q.accountIds)) {
      const copies = await this.db.selectFrom('privacy_public_copies').select('decision_ids').where('version_id', '=', due.versionId).execute();
      if (!copies.some((c) => sameIds(JSON.parse(c.decision_ids) as number[], due.decisionIds))) out.push(due);
    }
    return out;
  }

  async recordPublicCopy(copy: NewPublicCopy, actor: string): Promise<PublicCopy> {
    return this.db.transaction().execute(async (trx) => {
      const v = await trx
        .selectFrom('item_versions as v')
        .innerJoin('items as i', 'i.id', 'v.item_id')
        .select(['i.id as item_id', 'i.account_id', 'i.platform_id', 'v.version_key'])
        .where('v.id', '=', copy.versionId)
        .executeTakeFirstOrThrow();
      const existing = await trx.selectFrom('privacy_public_copies').selectAll().where('version_id', '=', copy.versionId).where('fingerprint', '=', copy.fingerprint).executeTakeFirst();
      if (existing) return toPublicCopy(existing, v);
      const row = await trx
        .insertInto('privacy_public_copies')
        .values({
          item_id: v.item_id,
          version_id: copy.versionId,
          fingerprint: copy.fingerprint,
          decision_ids: JSON.stringify(copy.decisionIds),
          redactions: JSON.stringify(copy.redactions),
          json_sha256: copy.json.sha256,
          json_size: copy.json.size,
          pdf_sha256: copy.pdf?.sha256 ?? null,
          pdf_size: copy.pdf?.size ?? null,
          png_sha256: copy.png?.sha256 ?? null,
          png_size: copy.png?.size ?? null,
          images: JSON.stringify(copy.images),
          notes: JSON.stringify(copy.notes),
          made_at: copy.madeAt,
          tool: copy.tool,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const files = [copy.json, copy.pdf, copy.png, ...copy.images.map((i) => i.file)].filter((f): f is NonNullable<typeof f> => f !== undefined);
      for (const f of files) {
        await trx.insertInto('files').values({ sha256: f.sha256, size: f.size, first_stored_at: copy.madeAt }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
      }
      await this.appendAudit(
        trx,
        actor,
        'privacy.public_copy',
        `item:${itemKey(v.account_id, v.platform_id)}`,
        { version: v.version_key, decisions: copy.decisionIds, redactions: copy.redactions.length, json: copy.json.sha256, pdf: copy.pdf?.sha256 ?? null, png: copy.png?.sha256 ?? null, images: copy.images.map((i) => i.file.sha256) },
        copy.madeAt,
      );
      return toPublicCopy(row, v);
    });
  }

  async publicCopies(versionId: number): Promise<PublicCopy[]> {
    const rows = await this.db
      .selectFrom('privacy_public_copies as c')
      .innerJoin('items as i', 'i.id', 'c.item_id')
      .innerJoin('item_versions as v', 'v.id', 'c.version_id')
      .selectAll('c')
      .select(['i.account_id', 'i.platform_id', 'v.version_key'])
      .where('c.version_id', '=', versionId)
      .orderBy('c.id')
      .execute();
    return rows.map((r) => toPublicCopy(r, r));
  }
}

const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort((x, y) => x - y).every((x, i) => x === [...b].sort((p, q) => p - q)[i]);

function toFinding(r: FindingRow, item: { platformId: string; kind: string; versionKey: string }): Finding {
  return {
    id: r.id,
    key: r.finding_key,
    accountId: r.account_id,
    itemPlatformId: item.platformId,
    itemKind: item.kind as ItemKind,
    versionKey: item.versionKey,
    field: r.field,
    category: r.category,
    span: r.span_start !== null && r.span_end !== null ? { start: r.span_start, end: r.span_end } : undefined,
    text: r.flagged_text ?? undefined,
    media: r.media_position !== null && r.media_sha256 !== null ? { position: r.media_position, sha256: r.media_sha256 } : undefined,
    region: parseJson(r.region),
    detail: parseJson(r.detail),
    confidence: r.confidence,
    rule: r.rule,
    suggested: r.suggested,
    detector: r.detector,
    firstFoundAt: r.first_found_at,
    lastFoundAt: r.last_found_at,
    reported: r.reported === 1,
  };
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    findingId: r.finding_id,
    action: r.action as DecisionAction,
    restriction:
      r.restriction_type !== null && r.term_from !== null
        ? { type: r.restriction_type as RestrictionType, term: { duration: r.term_duration ?? undefined, until: r.term_until ?? undefined, from: r.term_from } }
        : undefined,
    reason: r.reason,
    actor: r.actor,
    at: r.decided_at,
    via: r.via,
    auditSeq: r.audit_seq,
  };
}

function toPublicCopy(r: CopyRow, v: { account_id: string; platform_id: string; version_key: string }): PublicCopy {
  return {
    id: r.id,
    accountId: v.account_id,
    itemPlatformId: v.platform_id,
    versionKey: v.version_key,
    fingerprint: r.fingerprint,
    decisionIds: JSON.parse(r.decision_ids) as number[],
    redactions: JSON.parse(r.redactions) as Redaction[],
    json: { sha256: r.json_sha256, size: r.json_size },
    pdf: r.pdf_sha256 !== null && r.pdf_size !== null ? { sha256: r.pdf_sha256, size: r.pdf_size } : undefined,
    png: r.png_sha256 !== null && r.png_size !== null ? { sha256: r.png_sha256, size: r.png_size } : undefined,
    images: JSON.parse(r.images) as PublicCopy['images'],
    notes: JSON.parse(r.notes) as string[],
    madeAt: r.made_at,
    tool: r.tool,
  };
}
