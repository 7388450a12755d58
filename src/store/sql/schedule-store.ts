import type { Kysely } from 'kysely';
import type { AccountLastRun, ScheduleState, ScheduleStore } from '../schedule-store.js';
import type { Database } from './schema.js';

/** `store.schedule` on any SQL database Kysely speaks. */
export class SqlScheduleStore implements ScheduleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async states(): Promise<Map<string, ScheduleState>> {
    const rows = await this.db.selectFrom('schedule_state').selectAll().execute();
    return new Map(
      rows.map((r) => [
        r.account_id,
        {
          accountId: r.account_id,
          lastFireAt: r.last_fire_at,
          lastRunId: r.last_run_id,
          lastFailure: r.failure_at !== null && r.failure_reason !== null ? { at: r.failure_at, reason: r.failure_reason, runId: r.failure_run_id } : null,
        },
      ]),
    );
  }

  async claimFire(accountId: string, expected: string | null, fire: string): Promise<boolean> {
    if (expected === null) {
      const r = await this.db
        .insertInto('schedule_state')
        .values({ account_id: accountId, last_fire_at: fire, last_run_id: null, failure_at: null, failure_reason: null, failure_run_id: null })
        .onConflict((oc) => oc.column('account_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const r = await this.db.updateTable('schedule_state').set({ last_fire_at: fire }).where('account_id', '=', accountId).where('last_fire_at', '=', expected).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async recordRun(accountId: string, runId: string): Promise<void> {
    await this.db.updateTable('schedule_state').set({ last_run_id: runId }).where('account_id', '=', accountId).execute();
  }

  async recordFailure(accountId: string, f: { at: string; reason: string; runId: string | null }): Promise<void> {
    await this.db.updateTable('schedule_state').set({ failure_at: f.at, failure_reason: f.reason, failure_run_id: f.runId }).where('account_id', '=', accountId).execute();
  }

  async lastRuns(accountIds: string[]): Promise<Map<string, AccountLastRun>> {
    const out = new Map<string, AccountLastRun>();
    for (const accountId of accountIds) {
      const r = await this.db
        .selectFrom('run_accounts')
        .select(['run_id', 'status', 'started_at', 'finished_at', 'stop_reason'])
        .where('account_id', '=', accountId)
        .orderBy('started_at', 'desc')
        .orderBy('run_id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (r) out.set(accountId, { runId: r.run_id, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at, stopReason: r.stop_reason });
    }
    return out;
  }
}
