import type { Kysely, Migration } from 'kysely';

/** The scheduler's last fire, last run and last failure per account (src/store/schedule-store.ts). */
export const schedule = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('schedule_state')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('last_fire_at', 'text', (c) => c.notNull())
      .addColumn('last_run_id', 'text')
      .addColumn('failure_at', 'text')
      .addColumn('failure_reason', 'text')
      .addColumn('failure_run_id', 'text')
      .execute();
    await db.schema.createIndex('run_accounts_account').on('run_accounts').columns(['account_id', 'started_at']).execute();
  },
});
