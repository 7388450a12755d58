// Runs each account's cron schedule inside a long-running process (`socialarchive serve`).
//
// - A fire is acted on once: the account's last fire moves in the store by compare-and-set
//   (store.schedule.claimFire), so two processes never both start it.
// - Never two runs of one account at once: within the process a fire that comes while the
//   account's run is still going is refused; across processes the capture takes the store's account
//   lock (Store.beginAccount) and refuses with the holder's run id. Both are recorded as the
//   account's last failure, with the reason.
// - Fires missed while no scheduler ran are caught up once: the first tick sees that the newest
//   fire is later than the last one recorded and starts one run, however many fires were missed.
// - A new account (no fire recorded yet) starts from now: nothing before the scheduler knew it is "missed".
import type { Registry } from '../domain/types.js';
import type { Logger } from '../log.js';
import { runPipeline, type PipelineOptions } from '../pipeline/run-pipeline.js';
import type { RunRecord } from '../store/store.js';
import type { Workspace } from '../workspace.js';
import { latestFire, nextFire } from './fires.js';

/** The scheduler's view of time; tests pass a fake one so they never wait for real minutes. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` (or at once when the signal aborts). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

/** Starts one account's run; the scheduler only looks at the record it returns. */
export type AccountRunner = (accountId: string, signal: AbortSignal) => Promise<RunRecord>;

/** The whole `socialarchive run` pipeline (capture, formats, privacy scan) for one account. */
export function pipelineRunner(ws: Workspace, registry: () => Registry, opts: Omit<PipelineOptions, 'accountIds' | 'signal'> = {}): AccountRunner {
  return async (accountId, signal) => (await runPipeline(ws, registry(), { operator: 'scheduler', ...opts, accountIds: [accountId], signal })).run;
}

export interface SchedulerOptions {
  ws: Workspace;
  /** The current registry (the console may change it while the scheduler runs). */
  registry: () => Registry;
  run?: AccountRunner | undefined;
  clock?: Clock | undefined;
  /** Longest wait between two looks at the schedule, so registry edits are seen (default 60 s). */
  maxSleepMs?: number | undefined;
  log?: Logger | undefined;
}

/** What one tick did per account, for tests and logs. */
export type TickAction = { accountId: string; fire: string } & ({ action: 'started' } | { action: 'refused'; reason: string } | { action: 'baseline' });

export class Scheduler {
  private readonly running = new Map<string, { fire: string; done: Promise<void> }>();
  private readonly stopping = new AbortController();
  private readonly clock: Clock;
  private readonly run: AccountRunner;
  private loop: Promise<void> | null = null;

  constructor(private readonly opts: SchedulerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.run = opts.run ?? pipelineRunner(opts.ws, opts.registry);
  }

  /** Catches up missed fires (one run each), then keeps to the schedule until stop(). */
  async start(): Promise<TickAction[]> {
    if (this.loop) throw new Error('the scheduler is already running');
    const first = await this.tick();
    this.loop = this.keepGoing();
    return first;
  }

  /** Stops looking at the schedule, aborts runs in progress and waits for them to end. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.idle();
  }

  /** Resolves when no run started by this scheduler is in progress. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Accounts whose run this scheduler started and that are still going. */
  runningAccounts(): string[] {
    return [...this.running.keys()];
  }

  /** Looks at every scheduled account once and starts what is due. */
  async tick(): Promise<TickAction[]> {
    const now = this.clock.now();
    const store = this.opts.ws.store.schedule;
    const states = await store.states();
    const actions: TickAction[] = [];
    for (const account of this.opts.registry().accounts) {
      if (!account.schedule || account.status === 'closed') continue;
      const fire = latestFire(account.schedule, now);
      if (!fire) continue;
      const fireAt = fire.toISOString();
      const last = states.get(account.id)?.lastFireAt ?? null;
      if (last === null) {
        // Newly scheduled: this fire is the starting point, not a missed run.
        if (await store.claimFire(account.id, null, fireAt)) actions.push({ accountId: account.id, fire: fireAt, action: 'baseline' });
        continue;
      }
      if (fireAt <= last) continue;
      if (!(await store.claimFire(account.id, last, fireAt))) continue; // another process took this fire
      const busy = this.running.get(account.id);
      if (busy) {
        const reason = `scheduled run of ${fireAt} refused: the run of ${account.id} started for ${busy.fire} is still going`;
        await store.recordFailure(account.id, { at: now.toISOString(), reason, runId: null });
        this.opts.log?.warn({ account: account.id, fire: fireAt }, reason);
        actions.push({ accountId: account.id, fire: fireAt, action: 'refused', reason });
        continue;
      }
      this.startRun(account.id, fireAt);
      actions.push({ accountId: account.id, fire: fireAt, action: 'started' });
    }
    return actions;
  }

  private startRun(accountId: string, fire: string): void {
    const store = this.opts.ws.store.schedule;
    const failed = (reason: string, runId: string | null) => store.recordFailure(accountId, { at: this.clock.now().toISOString(), reason, runId });
    const done = (async () => {
      try {
        const run = await this.run(accountId, this.stopping.signal);
        await store.recordRun(accountId, run.id);
        const mine = run.accounts.find((a) => a.accountId === accountId);
        if (mine && mine.status !== 'completed') await failed(mine.stop?.reason ?? `the run ended ${mine.status}`, run.id);
        else if (run.status !== 'completed') await failed(`the run ended ${run.status}`, run.id);
      } catch (e) {
        this.opts.log?.error({ err: e, account: accountId }, 'scheduled run failed');
        await failed(e instanceof Error ? e.message : String(e), null);
      }
    })().finally(() => this.running.delete(accountId));
    this.running.set(accountId, { fire, done });
  }

  private async keepGoing(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      await this.clock.sleep(this.msToNextFire(), signal);
      if (signal.aborted) break;
      try {
        await this.tick();
      } catch (e) {
        // A database hiccup must not end the schedule; the next tick tries again.
        this.opts.log?.error({ err: e }, 'scheduler tick failed');
      }
    }
  }

  private msToNextFire(): number {
    const now = this.clock.now();
    const max = this.opts.maxSleepMs ?? 60_000;
    let soonest = max;
    for (const a of this.opts.registry().accounts) {
      if (!a.schedule || a.status === 'closed') continue;
      const next = nextFire(a.schedule, now);
      if (next) soonest = Math.min(soonest, next.getTime() - now.getTime());
    }
    return Math.max(0, soonest);
  }
}
