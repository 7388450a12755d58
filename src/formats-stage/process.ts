// The durable-formats stage of the pipeline (SPEC §4), run after capture:
//  1. every stored file not identified yet is identified by its bytes; files not on the
//     preferred-formats list get a preferred derivative;
//  2. every thread of an account with `capture.render` whose content changed since its last
//     rendition is rendered to PDF/A-2 and PNG (old renditions stay).
// Incremental and resumable: one commit per file and per thread, bytes in the file store before
// the record. A problem with one file or thread is recorded and the stage goes on.
import { createRenderer, ghostscriptVersion, type Renderer } from '../../formats/render/index.js';
import type { RenderLang } from '../../formats/render/labels.js';
import { toolVersion } from '../../formats/normalise/tools.js';
import { isUserError } from '../domain/errors.js';
import type { Account, Registry } from '../domain/types.js';
import type { PendingFile } from '../store/formats-store.js';
import { VERSION } from '../version.js';
import type { Workspace } from '../workspace.js';
import { processFile } from './files.js';
import { RENDITION_LAYOUT } from './fingerprint.js';
import { currentFingerprint, renderThreadIfChanged, type ThreadStepOptions } from './render-thread.js';

/** Recorded with every identification: which identifier, which signature data. */
export const IDENTIFIER = `socialarchive ${VERSION} identify (PRONOM PUIDs as in DROID V118)`;

export interface FormatsSummary {
  /** Files identified in this call (originals; derivatives and renditions are identified as they are made). */
  identified: number;
  derivatives: number;
  renditions: number;
  /** Threads whose newest rendition still shows what the archive holds. */
  unchanged: number;
  /** Files and threads that ran into a problem in this call (recorded with the reason). */
  problems: number;
  /** True when the signal stopped the stage before it was done; the next call continues. */
  interrupted: boolean;
}

export type FormatsProgress =
  | { phase: 'files'; done: number; summary: FormatsSummary }
  | { phase: 'threads'; accountId: string; done: number; summary: FormatsSummary };

export interface FormatsOptions {
  onProgress?: (p: FormatsProgress) => void;
  signal?: AbortSignal;
  /** Only these accounts' threads (files are shared by all accounts). */
  accountIds?: string[];
  /** Language of the renditions; default Dutch. */
  lang?: RenderLang;
  /** A renderer to use instead of starting one; the caller keeps it (and closes it). */
  renderer?: Renderer;
  now?: () => Date;
  /** Files up to this size are checked and converted in memory (default 256 MiB). */
  maxInMemoryBytes?: number;
  /** Threads rendered at the same time (default 2, one per page of the renderer). */
  concurrency?: number;
}

const FILE_PAGE = 100;
const ROOT_PAGE = 200;
const DEFAULT_MAX_IN_MEMORY = 256 * 1024 * 1024;

export async function processFormats(ws: Workspace, registry: Registry, opts: FormatsOptions = {}): Promise<FormatsSummary> {
  const summary: FormatsSummary = { identified: 0, derivatives: 0, renditions: 0, unchanged: 0, problems: 0, interrupted: false };
  const now = opts.now ?? (() => new Date());
  const stopped = () => {
    if (opts.signal?.aborted) summary.interrupted = true;
    return summary.interrupted;
  };
  const log = ws.log.child({ stage: 'formats' });
  const maxInMemoryBytes = opts.maxInMemoryBytes ?? DEFAULT_MAX_IN_MEMORY;

  // ---- files ----
  let after: PendingFile | null = null;
  let done = 0;
  while (!stopped()) {
    const page: PendingFile[] = await ws.store.formats.pendingFiles(after, FILE_PAGE);
    if (page.length === 0) break;
    for (const file of page) {
      if (stopped()) break;
      after = file;
      try {
        const r = await processFile(file, { files: ws.files, clock: now, identifier: IDENTIFIER, maxInMemoryBytes });
        await ws.store.formats.recordFile(r.identification, r.derivative);
        summary.identified++;
        if (r.derivative) summary.derivatives++;
        if (r.identification.problem) {
          summary.problems++;
          log.warn({ sha256: file.sha256, origin: file.origin, problem: r.identification.problem }, 'file kept as received with a problem');
        }
      } catch (e) {
        // Not the file's content but its storage or the database (missing, unreadable, locked):
        // nothing is recorded, so the next call tries again.
        summary.problems++;
        log.error({ sha256: file.sha256, origin: file.origin, err: String(e) }, 'file could not be read for identification');
      }
      opts.onProgress?.({ phase: 'files', done: ++done, summary: { ...summary } });
    }
  }

  // ---- threads ----
  const accounts = registry.accounts.filter((a) => a.capture.render && (!opts.accountIds || opts.accountIds.includes(a.id)));
  let renderer: Promise<Renderer> | undefined;
  const getRenderer = (): Promise<Renderer> => {
    renderer ??= opts.renderer ? Promise.resolve(opts.renderer) : createRenderer();
    return renderer;
  };
  let rendererName: Promise<string> | undefined;
  const getRendererName = (): Promise<string> => (rendererName ??= describeRenderer());
  try {
    for (const account of accounts) {
      if (stopped()) break;
      await renderAccount(account, ws, {
        summary,
        stopped,
        getRenderer,
        concurrency: opts.concurrency ?? 2,
        onProgress: opts.onProgress,
        step: {
          formats: ws.store.formats,
          files: ws.files,
          platform: account.platform,
          lang: opts.lang ?? 'nl',
          identifier: IDENTIFIER,
          rendererName: getRendererName,
          maxMediaBytes: maxInMemoryBytes,
          now,
        },
        log,
      });
    }
  } finally {
    // Ours to close, whatever happened; a failed start has nothing to close.
    if (renderer && !opts.renderer) await renderer.then((r) => r.close(), () => undefined);
  }
  log.info({ summary }, 'formats stage finished');
  return summary;
}

interface AccountRun {
  summary: FormatsSummary;
  stopped: () => boolean;
  getRenderer: () => Promise<Renderer>;
  concurrency: number;
  onProgress: FormatsOptions['onProgress'];
  step: ThreadStepOptions;
  log: Workspace['log'];
}

async function renderAccount(account: Account, ws: Workspace, run: AccountRun): Promise<void> {
  const { summary, step } = run;
  let after: string | null = null;
  let done = 0;
  for (;;) {
    if (run.stopped()) return;
    const roots = await ws.store.formats.threadRoots(account.id, after, ROOT_PAGE);
    if (roots.length === 0) return;
    after = roots.at(-1)!;
    let next = 0;
    const worker = async () => {
      while (next < roots.length && !run.stopped()) {
        const root = roots[next++]!;
        try {
          const outcome = await renderThreadIfChanged(account.id, root, run.getRenderer, step);
          if (outcome.kind === 'unchanged') summary.unchanged++;
          else summary.renditions++;
        } catch (e) {
          summary.problems++;
          const problem = {
            accountId: account.id,
            rootPlatformId: root,
            fingerprint: await currentFingerprint(account.id, root, step).catch(() => ''),
            code: isUserError(e) ? e.code : 'RENDER_FAILED',
            message: e instanceof Error ? e.message : String(e),
            at: step.now().toISOString(),
          };
          run.log.warn({ problem }, 'thread not rendered');
          await ws.store.formats.recordRenditionProblem(problem);
        }
        run.onProgress?.({ phase: 'threads', accountId: account.id, done: ++done, summary: { ...summary } });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, run.concurrency) }, worker));
  }
}

/** The programs that make renditions, with versions, for the record of each rendition. */
async function describeRenderer(): Promise<string> {
  const [chromium, gs] = await Promise.all([toolVersion('/usr/bin/chromium', '--version'), ghostscriptVersion()]);
  return [`socialarchive ${VERSION} (${RENDITION_LAYOUT})`, chromium ?? 'Chromium', gs ?? 'Ghostscript'].join('; ');
}
