import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { importerFor } from '../../crawlers/index.js';
import { UserError, isUserError } from '../domain/errors.js';
import { addStats, emptyStats, type Registry, type RunStatus } from '../domain/types.js';
import { operatorName } from '../operator.js';
import type { RunRecord } from '../store/store.js';
import type { Workspace } from '../workspace.js';
import type { AccountState } from './crawler.js';
import { openExport, type ExportArchive, type ExportLimits } from './export-archive.js';
import type { ImportContext } from './importer.js';
import { newRunId, processAlive } from './run.js';

export interface ImportOptions {
  operator?: string;
  now?: () => Date;
  signal?: AbortSignal;
  limits?: ExportLimits;
}

/**
 * What the import came from: the export's own checksum and every entry with its declared size and
 * CRC-32. Kept instead of the export itself, whose media are stored once as the items' files
 * (a Takeout of videos would otherwise be kept twice) and whose data became the items' payloads.
 */
async function importManifest(file: string, format: string, archive: ExportArchive) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return {
    export: { name: basename(file), size, sha256: hash.digest('hex'), format },
    entries: archive.entries.map((e) => ({ name: e.name, size: e.size, crc32: e.crc32.toString(16).padStart(8, '0') })),
  };
}

/**
 * Imports an owner's export into one account as a run of its own: the archive is checked whole
 * before anything is recorded, its items are committed in one transaction, and a manifest of the
 * export (its checksum and entries) is kept as evidence of where they came from.
 */
export async function runImport(ws: Workspace, registry: Registry, accountId: string, file: string, opts: ImportOptions = {}): Promise<RunRecord> {
  const now = opts.now ?? (() => new Date());
  const account = registry.accounts.find((a) => a.id === accountId);
  if (!account) throw new UserError('import.unknown-account', `unknown account id: ${accountId} (see: socialarchive accounts list)`);
  const importer = importerFor(account.platform);
  if (!importer) throw new UserError('import.no-importer', `socialarchive cannot import ${account.platform} exports (yet)`);
  if (!(await stat(file).catch(() => null))?.isFile()) throw new UserError('import.no-file', `${file}: no such file`);

  const archive = await openExport(file, opts.limits);
  try {
    if (!importer.recognises(archive)) throw new UserError('import.not-recognised', `${file} does not look like a ${importer.name}; nothing was imported`);
    const operator = opts.operator ?? operatorName();
    const started = now();
    const runId = newRunId(started);
    await ws.store.beginRun({ id: runId, operator, pid: process.pid, host: hostname(), startedAt: started.toISOString() });
    let status: RunStatus = 'failed';
    let stats = emptyStats();
    try {
      await ws.store.beginAccount(runId, account.id, now().toISOString(), processAlive);
      const s = ws.store;
      const state: AccountState = {
        getCursor: (key) => s.getCursor(account.id, key),
        getItems: (ids) => s.getItems(account.id, ids),
        listOwnItems: (since) => s.listOwnItems(account.id, since),
        listThreadReplies: (root) => s.listThreadReplies(account.id, root),
        listDueThreads: () => s.listDueThreads(account.id),
        listUnplacedOwnReplies: () => s.listUnplacedOwnReplies(account.id),
        countThreadReplies: (roots) => s.countThreadReplies(account.id, roots),
      };
      const sizes = new Map(archive.entries.map((e) => [e.name, e.size]));
      const ctx: ImportContext = {
        account,
        runId,
        archive,
        state,
        storeEntry: async (name) => ws.files.putStream(await archive.open(name), sizes.get(name) ?? 0),
        progress: () => undefined,
        now,
        log: ws.log.child({ runId, account: account.id, import: basename(file) }),
        signal: opts.signal ?? new AbortController().signal,
      };
      try {
        const batch = await importer.read(ctx);
        stats = addStats(stats, await s.commitBatch(account.id, runId, now().toISOString(), batch));
        const manifest = await importManifest(file, importer.name, archive);
        const kept = await ws.files.putBuffer(Buffer.from(JSON.stringify(manifest, null, 2)));
        await s.recordImportFile({ runId, accountId: account.id, file: kept, name: `${basename(file)}.manifest.json`, format: importer.name }, now().toISOString());
        status = 'completed';
        await s.finishAccount(runId, account.id, status, stats, now().toISOString());
      } catch (e) {
        const reason = isUserError(e) ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
        await s.finishAccount(runId, account.id, 'failed', stats, now().toISOString(), { reason, where: `import of ${basename(file)}` });
        throw e;
      }
    } finally {
      await ws.store.finishRun(runId, status, now().toISOString());
    }
    return (await ws.store.getRun(runId))!;
  } finally {
    archive.close();
  }
}
