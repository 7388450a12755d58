// The scan stage of the pipeline (SPEC section 5): every stored version and image not yet scanned by
// the current detector is scanned, in batches that commit one by one, so a second run scans only
// what is new and a killed run loses at most the batch in progress.
import type { Registry } from '../../domain/types.js';
import { operatorName } from '../../operator.js';
import type { FileStore } from '../../store/files/file-store.js';
import type { ScanCounts } from '../../store/privacy-store.js';
import type { Workspace } from '../../workspace.js';
import { prepareDetector, type DetectorOptions } from './detector.js';
import { imageScanner, scanVersion } from './scan-version.js';

export interface ScanOptions extends DetectorOptions {
  /** Only these accounts; default every account in the store. */
  accountIds?: string[] | undefined;
  /** Versions per committed batch. */
  batchSize?: number;
  /** Images larger than this are not read (a problem is recorded). */
  maxImageBytes?: number;
  signal?: AbortSignal | undefined;
  onProgress?: (p: { scanned: number; total: number; findings: number }) => void;
  now?: () => Date;
  actor?: string;
}

export interface ScanSummary extends ScanCounts {
  detector: string;
  /** Versions that were due when the scan began. */
  due: number;
  /** Distinct images read. */
  images: number;
  /** Reported findings without a decision after the scan (over the accounts scanned). */
  open: number;
  stopped: boolean;
  ms: number;
}

const DEFAULT_MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export async function readBounded(files: FileStore, sha256: string, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of files.open(sha256)) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new Error(`larger than ${maxBytes} bytes; not read`);
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

export async function scanPending(ws: Workspace, registry: Registry, opts: ScanOptions = {}): Promise<ScanSummary> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const detector = await prepareDetector(ws.configDir, registry, opts);
  const store = ws.store.privacy;
  const q = { detector: detector.id, accountIds: opts.accountIds };
  const due = await store.countPending(q);
  let read = 0;
  const images = imageScanner(
    (sha256) => {
      read++;
      return readBounded(ws.files, sha256, opts.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES);
    },
    detector,
  );
  const total: ScanCounts = { versions: 0, newFindings: 0, foundAgain: 0, noLongerReported: 0, problems: 0 };
  let after = 0;
  while (!opts.signal?.aborted) {
    const batch = await store.pendingVersions({ ...q, afterVersionId: after, limit: opts.batchSize ?? 50 });
    if (batch.length === 0) break;
    const existing = await store.findingsOfVersions(batch.map((v) => v.versionId));
    const scans = [];
    for (const v of batch) scans.push(await scanVersion(v, existing.filter((f) => f.versionId === v.versionId), detector, images));
    const counts = await store.recordScans(scans, detector.id, now().toISOString());
    for (const k of Object.keys(total) as (keyof ScanCounts)[]) total[k] += counts[k];
    after = batch.at(-1)!.versionId;
    opts.onProgress?.({ scanned: total.versions, total: due, findings: total.newFindings });
  }
  const summary: ScanSummary = { detector: detector.id, due, images: read, ...total, open: await store.countOpen(opts.accountIds), stopped: opts.signal?.aborted === true, ms: Date.now() - started };
  if (total.versions > 0) {
    const { ms: _ms, ...counts } = summary;
    await ws.store.audit(opts.actor ?? operatorName(), 'privacy.scan', `detector:${detector.id}`, { ...counts, detectorLabel: detector.label, accounts: opts.accountIds ?? null }, now().toISOString());
  }
  ws.log.info({ event: 'privacy.scan', ...summary }, 'privacy scan finished');
  return summary;
}
