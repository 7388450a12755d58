import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { renderStatus } from '../../crawlers/mastodon/fake/entities.js';
import type { FakeDataset, FakeStatus } from '../../crawlers/mastodon/fake/store.js';
import { syntheticDataset } from '../../crawlers/mastodon/fake/synthetic-dataset.js';
import { currentVersion, observeStatus } from '../../crawlers/mastodon/observe.js';
import type { MastodonStatus } from '../../crawlers/mastodon/api.js';
import type { ItemObservation } from '../../src/domain/types.js';
import { reviewQueue } from '../../src/privacy/review-queue.js';
import { openWorkspace, DATABASE_FILE, type Workspace } from '../../src/workspace.js';
import { makeWorkspaceDirs } from '../../test/helpers/workspace.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { reportFigures, type Figure } from '../figures.js';

/*
 * The console's services on an archive of the issue-7 benchmark's size: 100,000 items (posts and
 * third-party replies, synthetic Dutch text) and 20,000 open findings, in the embedded SQLite store.
 * Measures, single client, the 95th percentile of store.search (rare word, common word, no words
 * with a filter) and of a review-queue page, against a reference measured in the same run: one
 * item's versions read by key (store.listVersions), the cheapest read the console makes. Also the
 * commit of the items (which now includes the search index) and migration 0006 rebuilding the index.
 * Run: `npx tsc -p . && node dist/bench/console/services.js [items]` (default 100000).
 */

const BATCH = 1000;
const ROUNDS = 60;

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

async function timed(fn: () => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return p95(out);
}

export function observations(ds: FakeDataset): ItemObservation[] {
  const ctx = { base: 'https://social.example', authenticated: true };
  const root = (s: FakeStatus): string => {
    let cur = s;
    while (cur.inReplyToId) cur = ds.status(cur.inReplyToId) ?? cur;
    return cur.id;
  };
  const own = [...ds.statuses.values()].find((s) => s.inReplyToId === null)!.accountId;
  return [...ds.statuses.values()].map((s) => {
    const json = renderStatus(ds, s, ctx) as unknown as MastodonStatus;
    const placement = s.inReplyToId ? { kind: 'reply' as const, threadRootPlatformId: root(s) } : { kind: 'post' as const, threadRootPlatformId: s.id };
    return observeStatus(json, own, placement, [currentVersion(json, [])]);
  });
}

export async function main(items = Number(process.argv[2] ?? 100_000)): Promise<void> {
  const dirs = makeWorkspaceDirs('https://social.example', [{ id: 'voorbeeldstad', handle: 'voorbeeldstad', render: false }]);
  let ws: Workspace = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    await loadAndRecordRegistry(ws.store, ws.registryFile, 'bench');
    const obs = observations(syntheticDataset({ statuses: Math.round(items / 5), replies: items - Math.round(items / 5), seed: 7 }));
    await ws.store.beginRun({ id: 'bench', operator: 'bench', pid: process.pid, host: 'bench', startedAt: new Date().toISOString() });
    let t = performance.now();
    for (let i = 0; i < obs.length; i += BATCH) await ws.store.commitBatch('voorbeeldstad', 'bench', new Date().toISOString(), { items: obs.slice(i, i + BATCH) });
    const commitMs = performance.now() - t;

    // 20,000 open findings: one name in every fifth item's text.
    const versions = await ws.store.privacy.pendingVersions({ detector: 'bench', afterVersionId: 0, limit: items });
    const scans = versions.map((v, i) => ({
      versionId: v.versionId,
      scannedCategories: ['person_name'],
      findings:
        i % 5 === 0
          ? [{ key: `bench-${v.versionId}`, field: 'text.plain', category: 'person_name', span: { start: 0, end: 4 }, text: 'Naam', confidence: 0.8, rule: 'bench', suggested: 'review', detector: 'bench' }]
          : [],
    }));
    for (let i = 0; i < scans.length; i += 5000) await ws.store.privacy.recordScans(scans.slice(i, i + 5000), 'bench', new Date().toISOString());
    const open = await ws.store.privacy.countOpen();

    const some = obs[Math.floor(obs.length / 2)]!;
    const reference = await timed(() => ws.store.listVersions('voorbeeldstad', some.platformId));
    const rare = await timed(() => ws.store.search.search({ text: 'rollator', limit: 20, offset: 0 }));
    const common = await timed(() => ws.store.search.search({ text: 'Stationsweg', limit: 20, offset: 0 }));
    const twoWords = await timed(() => ws.store.search.search({ text: 'dank informatie', limit: 20, offset: 0 }));
    const browse = await timed(() => ws.store.search.search({ kind: 'reply', from: '2025-01-01', limit: 20, offset: 0 }));
    const queue = await timed(() => reviewQueue(ws, {}, { limit: 20, offset: 0 }));
    const queueDeep = await timed(() => reviewQueue(ws, { categories: ['person_name'] }, { limit: 20, offset: 10_000 }));
    const hits = (await ws.store.search.search({ text: 'Stationsweg', limit: 1, offset: 0 })).total;

    // Migration 0006 on an archive captured before search existed.
    await ws.close();
    const db = new Database(join(dirs.data, DATABASE_FILE));
    db.exec(`DROP TABLE search_fts; DROP TABLE search_texts; DROP INDEX items_published_all; DELETE FROM kysely_migration WHERE name = '0006_search';`);
    db.close();
    t = performance.now();
    ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
    const migrateMs = performance.now() - t;

    console.log(`console services on ${obs.length} items, ${open} open findings (SQLite)`);
    console.log(`  commit with search index   ${((commitMs / obs.length) * 1000).toFixed(0)} µs per item (${(commitMs / 1000).toFixed(1)} s)`);
    console.log(`  migration 0006 rebuild     ${(migrateMs / 1000).toFixed(1)} s`);
    console.log(`  p95 reference (versions of one item)  ${reference.toFixed(2)} ms`);
    const rows: [string, number][] = [
      ['search, rare word', rare],
      [`search, common word (${hits} hits)`, common],
      ['search, two words', twoWords],
      ['search, no words, kind + period', browse],
      ['review queue, first page', queue],
      ['review queue, page at 10,000', queueDeep],
    ];
    for (const [what, ms] of rows) console.log(`  p95 ${what.padEnd(34)} ${ms.toFixed(1)} ms  (${(ms / reference).toFixed(0)} × reference)`);
    const figures: Figure[] = [
      { figure: 'versions of one item p95 (reference)', value: reference, unit: 'ms' },
      ...rows.map(([what, ms]): Figure => ({ figure: `${what} p95, 1 client`, value: ms, unit: 'ms', target: { op: '<', value: 150 } })),
      { figure: 'commit per item incl. search index', value: (commitMs / obs.length) * 1000, unit: 'µs' },
      { figure: 'migration 0006 on the archive', value: migrateMs / 1000, unit: 's' },
    ];
    reportFigures(figures);
  } finally {
    await ws.close();
    await rm(dirs.root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
