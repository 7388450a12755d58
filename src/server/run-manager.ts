import { EventEmitter } from 'node:events';
import type { CaptureStats, Registry } from '../domain/types.js';
import { UserError } from '../domain/errors.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import type { RunEvent } from '../capture/run.js';
import type { Workspace } from '../workspace.js';

// Runs started from the console (or the scheduler) in this process, with their progress as the
// pipeline's callbacks report it. Each run's state is kept whole, so a page that connects late
// (or reconnects) gets everything at once and then every change.

export type Stage = 'capture' | 'formats' | 'scan' | 'done' | 'failed';

export interface AccountProgress {
  accountId: string;
  status: string;
  phase: string;
  stats: CaptureStats | null;
}

export interface RunProgress {
  runId: string;
  stage: Stage;
  accounts: AccountProgress[];
  formats: { done: number } | null;
  scan: { scanned: number; total: number; findings: number } | null;
  status: string | null;
  error: string | null;
}

export class RunManager {
  private readonly live = new Map<string, RunProgress>();
  private readonly events = new EventEmitter();
  private readonly busy = new Set<string>();
  private readonly finished: Promise<unknown>[] = [];
  private readonly ends = new Map<string, Promise<void>>();

  constructor(private readonly ws: Workspace) {
    this.events.setMaxListeners(0);
  }

  /** Starts a run of these accounts (all when empty) and resolves with its id once it has one. */
  start(registry: Registry, accountIds: string[], operator: string, signal?: AbortSignal): Promise<string> {
    const ids = accountIds.length ? accountIds : registry.accounts.filter((a) => a.status === 'active').map((a) => a.id);
    if (ids.some((id) => this.busy.has(id))) return Promise.reject(new UserError('run.busy', 'a run of one of these accounts is going on in this console'));
    for (const id of ids) this.busy.add(id);
    let ended!: () => void;
    const end = new Promise<void>((r) => (ended = r));
    return new Promise((resolve, reject) => {
      let progress: RunProgress | null = null;
      const update = (change: (p: RunProgress) => void) => {
        if (!progress) return;
        change(progress);
        this.events.emit(progress.runId, progress);
      };
      const onEvent = (e: RunEvent) => {
        if (e.type === 'run-start') {
          progress = {
            runId: e.runId,
            stage: 'capture',
            accounts: e.accounts.map((accountId) => ({ accountId, status: 'waiting', phase: '', stats: null })),
            formats: null,
            scan: null,
            status: null,
            error: null,
          };
          this.live.set(e.runId, progress);
          this.ends.set(e.runId, end);
          resolve(e.runId);
          return;
        }
        if (e.type === 'run-end') return;
        update((p) => {
          const a = p.accounts.find((x) => x.accountId === e.accountId);
          if (!a) return;
          if (e.type === 'account-start') a.status = 'running';
          else if (e.type === 'progress') (a.phase = e.phase), (a.stats = e.stats);
          else (a.status = e.status), (a.stats = e.stats), (a.phase = '');
        });
      };
      const done = runPipeline(this.ws, registry, {
        accountIds: ids,
        operator,
        signal,
        onEvent,
        onFormats: (f) => update((p) => ((p.stage = 'formats'), (p.formats = { done: f.done }))),
        onScan: (s) => update((p) => ((p.stage = 'scan'), (p.scan = s))),
      })
        .then((r) => update((p) => ((p.stage = 'done'), (p.status = r.run.status))))
        .catch((e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          this.ws.log.error({ err: e }, 'console run failed');
          if (!progress) reject(e instanceof UserError ? e : new UserError('run.failed', message));
          update((p) => ((p.stage = 'failed'), (p.error = message)));
        })
        .finally(() => {
          for (const id of ids) this.busy.delete(id);
          ended();
        });
      this.finished.push(done);
    });
  }

  /** Resolves when the run started here has ended (at once for another run). */
  async done(runId: string): Promise<void> {
    await this.ends.get(runId);
  }

  progress(runId: string): RunProgress | null {
    return this.live.get(runId) ?? null;
  }

  /** Calls `fn` with every change of the run; returns the function that stops it. */
  subscribe(runId: string, fn: (p: RunProgress) => void): () => void {
    this.events.on(runId, fn);
    return () => this.events.off(runId, fn);
  }

  /** Waits for every run started here (for a clean shutdown and for tests). */
  async idle(): Promise<void> {
    await Promise.allSettled(this.finished);
  }
}
