import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  DerivativeRecord,
  FileIdentificationRecord,
  FormatsStore,
  NewRendition,
  PendingFile,
  RenditionProblem,
  RenditionRecord,
  ThreadMember,
} from '../formats-store.js';
import type { Database } from './schema.js';

// Keeps every IN (...) list well below the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK = 400;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

type Db = Kysely<Database> | Transaction<Database>;
type FormatRow = Selectable<Database['file_formats']>;
type DerivativeRow = Selectable<Database['file_derivatives']>;
type RenditionRow = Selectable<Database['renditions']>;

const lastSegment = (url: string): string | undefined => {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || undefined;
  } catch {
    return undefined;
  }
};

/** `store.formats` on any SQL database Kysely speaks. */
export class SqlFormatsStore implements FormatsStore {
  constructor(private readonly db: Kysely<Database>) {}

  // ---- files ----

  async pendingFiles(after: Pick<PendingFile, 'storedAt' | 'sha256'> | null, limit: number): Promise<PendingFile[]> {
    const rows = await this.db
      .selectFrom('files')
      .leftJoin('file_formats', 'file_formats.sha256', 'files.sha256')
      .select(['files.sha256', 'files.size', 'files.first_stored_at'])
      .where('file_formats.sha256', 'is', null)
      .$if(after !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('files.first_stored_at', '>', after!.storedAt),
            eb.and([eb('files.first_stored_at', '=', after!.storedAt), eb('files.sha256', '>', after!.sha256)]),
          ]),
        ),
      )
      .orderBy('files.first_stored_at')
      .orderBy('files.sha256')
      .limit(limit)
      .execute();
    const out: PendingFile[] = [];
    for (const r of rows) {
      const base = { sha256: r.sha256, size: r.size, storedAt: r.first_stored_at };
      const media = await this.db.selectFrom('media').select('url').where('sha256', '=', r.sha256).orderBy('id').limit(1).executeTakeFirst();
      if (media) {
        out.push({ ...base, origin: 'media', name: lastSegment(media.url) });
        continue;
      }
      const warc = await this.db.selectFrom('warc_files').select(['run_id', 'seq']).where('sha256', '=', r.sha256).limit(1).executeTakeFirst();
      out.push(warc ? { ...base, origin: 'warc', name: `${warc.run_id}-${warc.seq}.warc` } : { ...base, origin: 'other' });
    }
    return out;
  }

  async recordFile(file: FileIdentificationRecord, derivative?: { record: DerivativeRecord; identification: FileIdentificationRecord }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (derivative) {
        const d = derivative.record;
        await this.storeFile(trx, derivative.identification);
        await trx
          .insertInto('file_derivatives')
          .values({
            source_sha256: d.sourceSha256,
            sha256: d.sha256,
            size: d.size,
            puid: d.puid,
            mime: d.mime,
            extension: d.extension,
            tool: d.tool.name,
            tool_version: d.tool.version,
            parameters: JSON.stringify(d.parameters),
            notes: JSON.stringify(d.notes),
            made_at: d.madeAt,
          })
          .onConflict((oc) => oc.columns(['source_sha256', 'sha256']).doNothing())
          .execute();
      }
      await this.putIdentification(trx, file);
    });
  }

  /** A file this stage wrote (derivative, rendition) joins the archive's files with its identification. */
  private async storeFile(db: Db, id: FileIdentificationRecord): Promise<void> {
    await db
      .insertInto('files')
      .values({ sha256: id.sha256, size: id.size, first_stored_at: id.identifiedAt })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await this.putIdentification(db, id);
  }

  private async putIdentification(db: Db, f: FileIdentificationRecord): Promise<void> {
    await db
      .insertInto('file_formats')
      .values({
        sha256: f.sha256,
        size: f.size,
        puid: f.puid,
        format_name: f.formatName,
        format_version: f.formatVersion ?? null,
        mime: f.mime,
        status: f.status,
        flags: JSON.stringify(f.flags),
        notes: JSON.stringify(f.notes),
        identifier: f.identifier,
        identified_at: f.identifiedAt,
        problem_code: f.problem?.code ?? null,
        problem: f.problem?.message ?? null,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  async identification(sha256: string): Promise<FileIdentificationRecord | null> {
    const row = await this.db.selectFrom('file_formats').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    return row ? toIdentification(row) : null;
  }

  async identifications(sha256s: string[]): Promise<Map<string, FileIdentificationRecord>> {
    const out = new Map<string, FileIdentificationRecord>();
    for (const part of chunks([...new Set(sha256s)])) {
      for (const row of await this.db.selectFrom('file_formats').selectAll().where('sha256', 'in', part).execute()) out.set(row.sha256, toIdentification(row));
    }
    return out;
  }

  async derivativesOf(sha256: string): Promise<DerivativeRecord[]> {
    const rows = await this.db.selectFrom('file_derivatives').selectAll().where('source_sha256', '=', sha256).orderBy('made_at').execute();
    return rows.map(toDerivative);
  }

  async fileProblems(): Promise<FileIdentificationRecord[]> {
    const rows = await this.db.selectFrom('file_formats').selectAll().where('problem_code', 'is not', null).orderBy('identified_at').orderBy('sha256').execute();
    return rows.map(toIdentification);
  }

  // ---- threads ----

  async threadRoots(accountId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('items')
      .select('platform_id')
      .where('account_id', '=', accountId)
      .where('kind', '=', 'post')
      .where('third_party', '=', 0)
      .whereRef('thread_root_platform_id', '=', 'platform_id')
      .$if(after !== null, (q) => q.where('platform_id', '>', after!))
      .orderBy('platform_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.platform_id);
  }

  async threadMembers(accountId: string, rootPlatformId: string): Promise<ThreadMember[]> {
    const items = await this.db
      .selectFrom('items')
      .leftJoin('deletions', 'deletions.item_id', 'items.id')
      .select(['items.id', 'items.platform_id', 'items.kind', 'items.author_id', 'deletions.found_missing_at'])
      .where('items.account_id', '=', accountId)
      .where((eb) =>
        eb.or([
          eb('items.platform_id', '=', rootPlatformId),
          eb.and([eb('items.thread_root_platform_id', '=', rootPlatformId), eb('items.kind', '=', 'reply')]),
        ]),
      )
      .orderBy('items.published_at')
      .orderBy('items.id')
      .execute();
    const ordered = [...items.filter((i) => i.platform_id === rootPlatformId), ...items.filter((i) => i.platform_id !== rootPlatformId)];
    const newest = new Map<number, { id: number; version_key: string; source: string; payload_sha256: string; captured_at: string }>();
    const counts = new Map<number, number>();
    for (const part of chunks(ordered.map((i) => i.id))) {
      const versions = await this.db
        .selectFrom('item_versions')
        .select(['id', 'item_id', 'version_key', 'source', 'payload_sha256', 'captured_at'])
        .where('item_id', 'in', part)
        .orderBy('version_at')
        .orderBy('id')
        .execute();
      for (const v of versions) {
        newest.set(v.item_id, v);
        counts.set(v.item_id, (counts.get(v.item_id) ?? 0) + 1);
      }
    }
    const media = new Map<number, ThreadMember['media']>();
    for (const part of chunks([...newest.values()].map((v) => v.id))) {
      const rows = await this.db.selectFrom('media').selectAll().where('version_id', 'in', part).orderBy('version_id').orderBy('position').execute();
      for (const m of rows) {
        const list = media.get(m.version_id) ?? [];
        list.push({ platformId: m.platform_media_id, url: m.url, sha256: m.sha256, size: m.size, error: m.error });
        media.set(m.version_id, list);
      }
    }
    const out: ThreadMember[] = [];
    for (const i of ordered) {
      const v = newest.get(i.id);
      if (!v) continue;
      out.push({
        platformId: i.platform_id,
        kind: i.kind,
        authorId: i.author_id,
        versionId: v.id,
        versionKey: v.version_key,
        source: v.source,
        payloadSha256: v.payload_sha256,
        capturedAt: v.captured_at,
        foundDeletedAt: i.found_missing_at ?? null,
        versionCount: counts.get(i.id) ?? 1,
        media: media.get(v.id) ?? [],
      });
    }
    return out;
  }

  async versionPayloads(versionIds: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const part of chunks([...new Set(versionIds)])) {
      for (const r of await this.db.selectFrom('item_versions').select(['id', 'payload']).where('id', 'in', part).execute()) out.set(r.id, r.payload);
    }
    return out;
  }

  async ownAuthorId(accountId: string): Promise<string | null> {
    const row = await this.db.selectFrom('items').select('author_id').where('account_id', '=', accountId).where('third_party', '=', 0).limit(1).executeTakeFirst();
    return row?.author_id ?? null;
  }

  async latestStatusPayload(accountId: string, platformId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('item_versions')
      .innerJoin('items', 'items.id', 'item_versions.item_id')
      .select('item_versions.payload')
      .where('items.account_id', '=', accountId)
      .where('items.platform_id', '=', platformId)
      .where('item_versions.source', '=', 'status')
      .orderBy('item_versions.version_at', 'desc')
      .orderBy('item_versions.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.payload ?? null;
  }

  // ---- renditions ----

  async recordRendition(r: NewRendition, pdf: FileIdentificationRecord, png: FileIdentificationRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.storeFile(trx, pdf);
      await this.storeFile(trx, png);
      await trx
        .insertInto('renditions')
        .values({
          account_id: r.accountId,
          root_platform_id: r.rootPlatformId,
          fingerprint: r.fingerprint,
          shows: JSON.stringify(r.shows),
          pdf_sha256: r.pdf.sha256,
          pdf_size: r.pdf.size,
          pdf_puid: r.pdf.puid,
          png_sha256: r.png.sha256,
          png_size: r.png.size,
          png_puid: r.png.puid,
          lang: r.lang,
          renderer: r.renderer,
          notes: JSON.stringify(r.notes),
          rendered_at: r.renderedAt,
        })
        .onConflict((oc) => oc.columns(['account_id', 'root_platform_id', 'fingerprint']).doNothing())
        .execute();
      await trx.deleteFrom('rendition_problems').where('account_id', '=', r.accountId).where('root_platform_id', '=', r.rootPlatformId).execute();
    });
  }

  async hasRendition(accountId: string, rootPlatformId: string, fingerprint: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('renditions')
      .select('id')
      .where('account_id', '=', accountId)
      .where('root_platform_id', '=', rootPlatformId)
      .where('fingerprint', '=', fingerprint)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async latestRendition(accountId: string, rootPlatformId: string): Promise<RenditionRecord | null> {
    const row = await this.db
      .selectFrom('renditions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('root_platform_id', '=', rootPlatformId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRendition(row) : null;
  }

  async renditions(accountId: string, rootPlatformId: string): Promise<RenditionRecord[]> {
    const rows = await this.db.selectFrom('renditions').selectAll().where('account_id', '=', accountId).where('root_platform_id', '=', rootPlatformId).orderBy('id').execute();
    return rows.map(toRendition);
  }

  async countRenditions(accountId?: string): Promise<number> {
    const row = await this.db
      .selectFrom('renditions')
      .select(sql<number>`count(*)`.as('n'))
      .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId!))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async recordRenditionProblem(p: RenditionProblem): Promise<void> {
    const values = { account_id: p.accountId, root_platform_id: p.rootPlatformId, fingerprint: p.fingerprint, code: p.code, message: p.message, at: p.at };
    await this.db
      .insertInto('rendition_problems')
      .values(values)
      .onConflict((oc) => oc.columns(['account_id', 'root_platform_id']).doUpdateSet({ fingerprint: p.fingerprint, code: p.code, message: p.message, at: p.at }))
      .execute();
  }

  async renditionProblems(accountId?: string): Promise<RenditionProblem[]> {
    const rows = await this.db
      .selectFrom('rendition_problems')
      .selectAll()
      .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId!))
      .orderBy('account_id')
      .orderBy('root_platform_id')
      .execute();
    return rows.map((r) => ({ accountId: r.account_id, rootPlatformId: r.root_platform_id, fingerprint: r.fingerprint, code: r.code, message: r.message, at: r.at }));
  }
}

function toIdentification(r: FormatRow): FileIdentificationRecord {
  return {
    sha256: r.sha256,
    size: r.size,
    puid: r.puid,
    formatName: r.format_name,
    formatVersion: r.format_version ?? undefined,
    mime: r.mime,
    status: r.status,
    flags: JSON.parse(r.flags) as string[],
    notes: JSON.parse(r.notes) as string[],
    identifier: r.identifier,
    identifiedAt: r.identified_at,
    problem: r.problem_code ? { code: r.problem_code, message: r.problem ?? '' } : undefined,
  };
}

function toDerivative(r: DerivativeRow): DerivativeRecord {
  return {
    sourceSha256: r.source_sha256,
    sha256: r.sha256,
    size: r.size,
    puid: r.puid,
    mime: r.mime,
    extension: r.extension,
    tool: { name: r.tool, version: r.tool_version },
    parameters: JSON.parse(r.parameters) as DerivativeRecord['parameters'],
    notes: JSON.parse(r.notes) as string[],
    madeAt: r.made_at,
  };
}

function toRendition(r: RenditionRow): RenditionRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    rootPlatformId: r.root_platform_id,
    fingerprint: r.fingerprint,
    shows: JSON.parse(r.shows) as RenditionRecord['shows'],
    pdf: { sha256: r.pdf_sha256, size: r.pdf_size, puid: r.pdf_puid },
    png: { sha256: r.png_sha256, size: r.png_size, puid: r.png_puid },
    lang: r.lang,
    renderer: r.renderer,
    notes: JSON.parse(r.notes) as string[],
    renderedAt: r.rendered_at,
  };
}
