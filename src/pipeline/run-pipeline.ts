import type { Registry } from '../domain/types.js';
import { runCapture, type RunOptions } from '../capture/run.js';
import { processFormats, type FormatsProgress, type FormatsSummary } from '../formats-stage/index.js';
import { scanPending, type ScanOptions, type ScanSummary } from '../privacy/pipeline/index.js';
import type { RunRecord } from '../store/store.js';
import type { Workspace } from '../workspace.js';

export interface PipelineResult {
  run: RunRecord;
  /** Absent when the run was interrupted before the stage. */
  formats?: FormatsSummary | undefined;
  privacy?: ScanSummary | undefined;
}

export interface PipelineOptions extends RunOptions {
  /** Stop after capture; the stages pick up what is new on the next full run. */
  captureOnly?: boolean | undefined;
  onFormats?: (p: FormatsProgress) => void;
  onScan?: ScanOptions['onProgress'];
}

/**
 * What `socialarchive run` does (SPEC section 7): capture, then the durable formats of what is new
 * (identification, derivatives, renditions), then the personal-data scan of what is new. Each stage
 * works on everything the store holds that it has not done yet, so an interrupted run's leftovers
 * are picked up by the next one.
 */
export async function runPipeline(ws: Workspace, registry: Registry, opts: PipelineOptions = {}): Promise<PipelineResult> {
  const run = await runCapture(ws, registry, opts);
  if (opts.captureOnly) return { run };
  return { run, ...(await runStages(ws, registry, opts)) };
}

/** The stages after a capture or an import: durable formats, then the personal-data scan. */
export async function runStages(ws: Workspace, registry: Registry, opts: Omit<PipelineOptions, 'onEvent'>): Promise<Omit<PipelineResult, 'run'>> {
  if (opts.signal?.aborted) return {};
  const formats = await processFormats(ws, registry, { accountIds: opts.accountIds, signal: opts.signal, onProgress: opts.onFormats, now: opts.now });
  if (opts.signal?.aborted) return { formats };
  const privacy = await scanPending(ws, registry, {
    accountIds: opts.accountIds,
    signal: opts.signal,
    onProgress: opts.onScan,
    faces: ws.settings.privacy.faces,
    actor: opts.operator,
    now: opts.now,
  });
  return { formats, privacy };
}
