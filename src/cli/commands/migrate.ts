import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import type { Lang } from '../../i18n.js';
import { registerSecret, resolveSecret } from '../../secrets.js';
import { copySqliteToPostgres, sqliteSourceFile, type CopyReport, type TableReport } from '../../store/migrate/copy-to-postgres.js';
import { isPostgresUrl } from '../../store/postgres/open.js';
import { globalOptions } from '../workspace-command.js';

const TEXT = {
  nl: {
    head: (s: string, t: string) => `Kopie van ${s} naar PostgreSQL ${t}`,
    columns: ['tabel', 'rijen', 'sha256 (bron = doel)'],
    ok: (tables: number, rows: number) => `In orde: ${tables} tabellen, ${rows} rijen; aantallen en controlegetallen gelijk. Gebruik nu store: env:NAAM in socialarchive.yaml.`,
    bad: (names: string) => `NIET in orde: ${names} verschillen; er is niets vastgelegd in PostgreSQL.`,
    differs: (t: TableReport) => `${t.table}: bron ${t.sourceRows} rijen ${t.sourceSha256}, doel ${t.targetRows} rijen ${t.targetSha256}`,
  },
  en: {
    head: (s: string, t: string) => `Copy of ${s} to PostgreSQL ${t}`,
    columns: ['table', 'rows', 'sha256 (source = target)'],
    ok: (tables: number, rows: number) => `OK: ${tables} tables, ${rows} rows; counts and checksums equal. Now use store: env:NAME in socialarchive.yaml.`,
    bad: (names: string) => `NOT OK: ${names} differ; nothing was committed to PostgreSQL.`,
    differs: (t: TableReport) => `${t.table}: source ${t.sourceRows} rows ${t.sourceSha256}, target ${t.targetRows} rows ${t.targetSha256}`,
  },
} as const;

/** `sqlite:PATH` → the database file (PATH may be the data folder). */
function parseFrom(value: string): string {
  const m = /^sqlite:(.+)$/.exec(value);
  if (!m) throw new UserError('migrate.from', '--from takes sqlite:PATH (the archive.sqlite file or its data folder)');
  return sqliteSourceFile(m[1]!);
}

/** `postgres:URL`, a bare postgres:// URL, or `postgres:env:NAME` (keeps the password out of the process list). */
function parseTo(value: string): string {
  const rest = isPostgresUrl(value) ? value : /^postgres:(.+)$/.exec(value)?.[1];
  if (!rest) throw new UserError('migrate.to', '--to takes postgres:URL or postgres:env:NAME (a variable holding the postgres:// URL)');
  const url = rest.startsWith('env:') ? resolveSecret(rest)! : rest;
  if (!isPostgresUrl(url)) throw new UserError('migrate.to', '--to must name a postgres:// URL (the value given is not shown)');
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  registerSecret(url);
  if (password) registerSecret(password);
  return url;
}

export function formatCopyReport(r: CopyReport, lang: Lang): string {
  const t = TEXT[lang];
  const lines = [t.head(r.source, r.target), ''];
  const width = Math.max(t.columns[0].length, ...r.tables.map((x) => x.table.length));
  lines.push(`${t.columns[0].padEnd(width)}  ${t.columns[1].padStart(8)}  ${t.columns[2]}`);
  for (const x of r.tables) {
    const same = x.sourceRows === x.targetRows && x.sourceSha256 === x.targetSha256;
    lines.push(`${x.table.padEnd(width)}  ${String(x.targetRows).padStart(8)}  ${same ? x.targetSha256 : `≠ ${TEXT[lang].differs(x)}`}`);
  }
  lines.push('');
  const bad = r.tables.filter((x) => x.sourceRows !== x.targetRows || x.sourceSha256 !== x.targetSha256);
  lines.push(bad.length ? t.bad(bad.map((x) => x.table).join(', ')) : t.ok(r.tables.length, r.tables.reduce((n, x) => n + x.targetRows, 0)));
  return `${lines.join('\n')}\n`;
}

/** `socialarchive migrate`: copies an embedded store into an empty PostgreSQL database, verified table by table. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('copy an embedded store (SQLite) into an empty PostgreSQL database, and verify every table by row count and checksum')
    .requiredOption('--from <sqlite:PATH>', 'the embedded store: sqlite:data/archive.sqlite (or sqlite:data)')
    .requiredOption('--to <postgres:URL>', 'the empty target: postgres:env:NAME (a variable holding the postgres:// URL) or postgres:postgres://…')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nThe files (data/files) are not copied: point the new configuration at the same data folder.\nExit code: 0 when every table matches, 1 when one does not (nothing is committed), 2 on bad input or a non-empty target.')
    .action(async (opts: { from: string; to: string; json?: boolean }, cmd: Command) => {
      const report = await copySqliteToPostgres(parseFrom(opts.from), parseTo(opts.to));
      process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatCopyReport(report, globalOptions(cmd).lang));
      if (!report.ok) process.exitCode = 1;
    });
}
