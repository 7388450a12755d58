// What the dashboard shows of the schedule, per account: last run, next run, last failure.
import type { Registry } from '../domain/types.js';
import type { AccountLastRun } from '../store/schedule-store.js';
import type { Store } from '../store/store.js';
import { nextFire } from './fires.js';

export interface AccountScheduleState {
  accountId: string;
  schedule: string | null;
  /** The newest run of the account, scheduled or started by hand. */
  lastRun: AccountLastRun | null;
  /** The next scheduled fire (ISO 8601), null without a schedule or for a closed account. */
  nextRun: string | null;
  lastFailure: { at: string; reason: string; runId: string | null } | null;
}

export async function schedulerState(store: Store, registry: Registry, now: Date): Promise<AccountScheduleState[]> {
  const states = await store.schedule.states();
  const lastRuns = await store.schedule.lastRuns(registry.accounts.map((a) => a.id));
  return registry.accounts.map((a) => {
    const scheduled = a.schedule && a.status !== 'closed' ? a.schedule : null;
    return {
      accountId: a.id,
      schedule: a.schedule ?? null,
      lastRun: lastRuns.get(a.id) ?? null,
      nextRun: scheduled ? (nextFire(scheduled, now)?.toISOString() ?? null) : null,
      lastFailure: states.get(a.id)?.lastFailure ?? null,
    };
  });
}
