// The scheduler's memory (issue 7): per account the last scheduled fire it acted on, the run it
// started and the last failure, so a restarted process catches up a missed fire once and the
// dashboard shows what went wrong. Reached as `store.schedule`; every method is atomic.

export interface ScheduleState {
  accountId: string;
  /** The newest cron fire time the scheduler acted on (or took as its starting point). */
  lastFireAt: string;
  lastRunId: string | null;
  lastFailure: { at: string; reason: string; runId: string | null } | null;
}

/** The newest run of an account, scheduled or not. */
export interface AccountLastRun {
  runId: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  stopReason: string | null;
}

export interface ScheduleStore {
  states(): Promise<Map<string, ScheduleState>>;
  /**
   * Moves an account's last fire from `expected` (null: none recorded yet) to `fire`; false when
   * another process moved it first, so each fire is acted on by one process only.
   */
  claimFire(accountId: string, expected: string | null, fire: string): Promise<boolean>;
  recordRun(accountId: string, runId: string): Promise<void>;
  recordFailure(accountId: string, failure: { at: string; reason: string; runId: string | null }): Promise<void>;
  lastRuns(accountIds: string[]): Promise<Map<string, AccountLastRun>>;
}
