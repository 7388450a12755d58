import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Transaction } from 'kysely';
import { UserError } from '../../domain/errors.js';
import { migrationsFor } from '../sql/migrations/index.js';
import { connectPostgres } from '../postgres/open.js';
import { DATABASE_FILE } from '../open-store.js';
import { TableChecksum } from './table-checksum.js';

export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceSha256: string;
  targetSha256: string;
}

export interface CopyReport {
  source: string;
  /** host/database of the target, without credentials. */
  target: string;
  tables: TableReport[];
  ok: boolean;
}

type AnyDb = Kysely<any>;
// Bound parameters per INSERT stay well below PostgreSQL's 65535.
const MAX_PARAMS = 30_000;
const PAGE = 2_000;
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** Where a `--from sqlite:PATH` points: the database file itself, or a data folder holding it. */
export function sqliteSourceFile(path: string): string {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, DATABASE_FILE) : path;
  if (!existsSync(file)) throw new UserError('migrate.source', `there is no embedded store at ${file}`);
  return file;
}

export const describeTarget = (url: string): string => {
  const u = new URL(url);
  return `${u.hostname ? decodeURIComponent(u.hostname) : 'local socket'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
};

/**
 * Copies every table of an embedded store into an empty PostgreSQL database, in one transaction
 * that commits only when each table's row count and checksum read back from PostgreSQL equal the
 * source's. The source is opened read-only and read in one snapshot, so a run writing to it meanwhile
 * cannot tear the copy.
 */
export async function copySqliteToPostgres(sourceFile: string, targetUrl: string, onTable: (t: TableReport) => void = () => undefined): Promise<CopyReport> {
  const source: AnyDb = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(sourceFile, { readonly: true, fileMustExist: true }) }) });
  let target: AnyDb | undefined;
  try {
    target = await connectPostgres<any>(targetUrl, 2);
    await refuseNonEmpty(target);
    const sourceMigrations = await appliedMigrations(source);
    const known = Object.keys(await migrationsFor('sqlite').getMigrations());
    const unknown = sourceMigrations.filter((m) => !known.includes(m));
    const missing = known.filter((m) => !sourceMigrations.includes(m));
    if (unknown.length) throw new UserError('migrate.version', `the embedded store was made by a newer socialarchive (migrations ${unknown.join(', ')}); migrate with that version`);
    if (missing.length) throw new UserError('migrate.version', `the embedded store is not up to date (missing ${missing.join(', ')}); run any socialarchive command on its workspace first`);
    const { error } = await new Migrator({ db: target, provider: migrationsFor('postgres'), allowUnorderedMigrations: true }).migrateToLatest();
    if (error) throw new UserError('migrate.schema', `the PostgreSQL schema could not be created: ${String(error)}`);

    const report: CopyReport = { source: sourceFile, target: describeTarget(targetUrl), tables: [], ok: true };
    await source.transaction().execute(async (src) => {
      await target!.transaction().execute(async (dst) => {
        for (const table of await sourceTables(src)) {
          const columns = await sourceColumns(src, table);
          await expectSameColumns(dst, table, columns);
          const t = await copyTable(src, dst, table, columns);
          report.tables.push(t);
          onTable(t);
        }
        await resetIdentities(dst);
        report.ok = report.tables.every((t) => t.sourceRows === t.targetRows && t.sourceSha256 === t.targetSha256);
        // Nothing stays behind when the copy does not match: the transaction is rolled back.
        if (!report.ok) throw new CopyMismatch(report);
      });
    });
    return report;
  } catch (e) {
    if (e instanceof CopyMismatch) return e.report;
    throw e;
  } finally {
    await source.destroy();
    await target?.destroy();
  }
}

class CopyMismatch extends Error {
  constructor(readonly report: CopyReport) {
    super('copy does not match its source');
  }
}

async function refuseNonEmpty(db: AnyDb): Promise<void> {
  const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.name);
  const withRows: string[] = [];
  for (const t of tables.filter((t) => !MIGRATION_TABLES.includes(t))) {
    const r = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(t)}) as any`.execute(db);
    if (r.rows[0]!.any) withRows.push(t);
  }
  if (withRows.length) {
    throw new UserError('migrate.target', `the PostgreSQL database is not empty (rows in ${withRows.slice(0, 5).join(', ')}${withRows.length > 5 ? ', …' : ''}); migrate into a new, empty database`);
  }
}

async function appliedMigrations(db: AnyDb): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db).catch(() => ({ rows: [] as { name: string }[] }));
  return r.rows.map((x) => x.name);
}

// In the order they were created, which is an order that satisfies every foreign key. SQLite's own
// full-text index (an FTS5 virtual table and its shadow tables) is not data: it is derived from
// `search_texts`, which is copied, and PostgreSQL keeps its own index.
async function sourceTables(db: Transaction<any>): Promise<string[]> {
  const r = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by rowid`.execute(db);
  const virtual = r.rows.filter((x) => /^create virtual table/i.test(x.sql ?? '')).map((x) => x.name);
  const derived = (n: string) => virtual.some((v) => n === v || n.startsWith(`${v}_`));
  return r.rows.map((x) => x.name).filter((n) => !MIGRATION_TABLES.includes(n) && !derived(n));
}

async function sourceColumns(db: Transaction<any>, table: string): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from pragma_table_info(${table}) order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

async function expectSameColumns(db: Transaction<any>, table: string, columns: string[]): Promise<void> {
  const r = await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db);
  const target = r.rows.map((x) => x.name).sort();
  const source = [...columns].sort();
  if (JSON.stringify(target) !== JSON.stringify(source)) {
    throw new UserError('migrate.schema', `table ${table} differs between the embedded store (${source.join(', ') || 'none'}) and PostgreSQL (${target.join(', ') || 'absent'})`);
  }
}

async function copyTable(src: Transaction<any>, dst: Transaction<any>, table: string, columns: string[]): Promise<TableReport> {
  const before = new TableChecksum(columns);
  const perInsert = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns.length)));
  let lastRowid = -Infinity;
  for (;;) {
    const rows = (await sql<Record<string, unknown>>`select rowid as "__rowid", * from ${sql.table(table)} where rowid > ${lastRowid === -Infinity ? Number.MIN_SAFE_INTEGER : lastRowid} order by rowid limit ${PAGE}`.execute(src)).rows;
    if (rows.length === 0) break;
    lastRowid = rows.at(-1)!.__rowid as number;
    const values = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
    for (const v of values) before.add(v);
    for (let i = 0; i < values.length; i += perInsert) await dst.insertInto(table).values(values.slice(i, i + perInsert)).execute();
  }

  const after = new TableChecksum(columns);
  let lastCtid = '(0,0)';
  for (;;) {
    const rows = (await sql<Record<string, unknown>>`select ctid::text as "__ctid", * from ${sql.table(table)} where ctid > ${lastCtid}::tid order by ctid limit ${PAGE}`.execute(dst)).rows;
    if (rows.length === 0) break;
    lastCtid = rows.at(-1)!.__ctid as string;
    for (const r of rows) after.add(r);
  }
  return { table, sourceRows: before.count, targetRows: after.count, sourceSha256: before.digest(), targetSha256: after.digest() };
}

// Copied rows keep their ids; the next id PostgreSQL hands out must follow the highest copied one.
async function resetIdentities(db: Transaction<any>): Promise<void> {
  const cols = (await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`.execute(db)).rows;
  for (const { t, c } of cols) {
    await sql`select setval(pg_get_serial_sequence(${t}, ${c}), coalesce((select max(${sql.ref(c)}) from ${sql.table(t)}), 0) + 1, false)`.execute(db);
  }
}
