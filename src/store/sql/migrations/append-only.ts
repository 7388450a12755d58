import { sql, type Kysely } from 'kysely';
import type { SqlDialectName } from './index.js';

/** Makes the database itself refuse updates and deletions of `table` (a name from the code, never input). */
export async function refuseEdits(db: Kysely<unknown>, dialect: SqlDialectName, table: string): Promise<void> {
  const message = `'${table} is append-only'`;
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, ${message}); END`).execute(db);
    }
    return;
  }
  await sql.raw(`CREATE FUNCTION ${table}_refuse_edit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION ${message}; END $$`).execute(db);
  for (const op of ['UPDATE', 'DELETE']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_refuse_edit()`).execute(db);
  }
}
