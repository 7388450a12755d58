// Store benchmark (issue 9): capture throughput of `socialarchive run --capture-only` (a separate
// process) against the fake Mastodon server on loopback, no rate limit, on the same synthetic
// dataset once with the embedded store (SQLite) and once with PostgreSQL; rounds alternate so both
// see the same machine, and each store's best round counts. Prints items/s of both and the ratio.
// PostgreSQL: the local server over its socket as the current user (scripts/test-postgres.sh starts
// it), or SOCIALARCHIVE_BENCH_PG_URL (an admin URL that may create databases).
// Usage: npm run build && node dist/bench/store/throughput.js [--statuses N --replies N --rounds N]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { syntheticDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { runCli, TOKEN, workspace } from '../capture/throughput.js';
import { reportFigures } from '../figures.js';

const PG_ENV = 'SOCIALARCHIVE_BENCH_STORE_URL';

const adminUrl = (): string => process.env.SOCIALARCHIVE_BENCH_PG_URL ?? `postgres://${encodeURIComponent(userInfo().username)}@%2Fvar%2Frun%2Fpostgresql/postgres`;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function round(instance: string, store: 'sqlite' | 'postgres'): Promise<{ items: number; seconds: number }> {
  let database: string | undefined;
  let settings = 'capture:\n  threadConcurrency: 4\n';
  if (store === 'postgres') {
    database = `sa_bench_${randomBytes(4).toString('hex')}`;
    execFileSync('psql', [adminUrl(), '-qc', `CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`]);
    process.env[PG_ENV] = withDatabase(adminUrl(), database);
    settings = `store: env:${PG_ENV}\n${settings}`;
  }
  const ws = workspace(instance, settings);
  try {
    const { run, seconds } = await runCli(ws);
    if (run.status !== 'completed') throw new Error(`the ${store} run ended ${run.status}`);
    return { items: run.accounts[0]!.stats.newItems, seconds };
  } finally {
    rmSync(ws.root, { recursive: true, force: true });
    if (database) execFileSync('psql', [adminUrl(), '-qc', `DROP DATABASE ${database} WITH (FORCE)`]);
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({
    args: argv,
    options: { statuses: { type: 'string', default: '3000' }, replies: { type: 'string', default: '9000' }, rounds: { type: 'string', default: '2' } },
  });
  if (!process.env.SOCIALARCHIVE_BENCH_PG_URL) execFileSync(join(PACKAGE_ROOT, 'scripts', 'test-postgres.sh'), { stdio: 'inherit' });
  const statuses = Number(args.statuses);
  const replies = Number(args.replies);
  const dataset = syntheticDataset({ statuses, replies, seed: 7, mediaEvery: 25 });
  const fake = await startFakeMastodon({ dataset, tokens: [TOKEN], rateLimit: null });
  const best = { sqlite: Infinity, postgres: Infinity };
  let items = 0;
  try {
    for (let r = 0; r < Number(args.rounds); r++) {
      for (const store of r % 2 === 0 ? (['sqlite', 'postgres'] as const) : (['postgres', 'sqlite'] as const)) {
        const res = await round(fake.url, store);
        if (items && res.items !== items) throw new Error(`the ${store} run stored ${res.items} items, another ${items}`);
        items = res.items;
        best[store] = Math.min(best[store], res.seconds);
        console.log(`round ${r + 1} ${store.padEnd(8)} ${res.items} items in ${res.seconds.toFixed(1)} s → ${(res.items / res.seconds).toFixed(0)} items/s`);
      }
    }
  } finally {
    await fake.close();
  }
  const sqliteRate = items / best.sqlite;
  const pgRate = items / best.postgres;
  console.log(`\n== Store: capture of ${statuses} statuses + ${replies} replies (${items} items), best of ${args.rounds} ==`);
  console.log(`embedded (SQLite)            ${sqliteRate.toFixed(0)} items/s (reference)`);
  console.log(`PostgreSQL                   ${pgRate.toFixed(0)} items/s`);
  console.log(`ratio PostgreSQL / SQLite    ${(pgRate / sqliteRate).toFixed(2)}×`);
  reportFigures([
    { figure: 'capture on the embedded store (SQLite), reference', value: sqliteRate, unit: 'items/s' },
    { figure: 'capture on PostgreSQL', value: pgRate, unit: 'items/s' },
    { figure: 'capture PostgreSQL / SQLite', value: pgRate / sqliteRate, unit: '×' },
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
