// Concurrency (issue 8, item 3): two `run` processes on one store cannot both crawl one account,
// and a `package` built while a run commits sees a consistent snapshot. The fake answers every
// request late, so the processes really overlap.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../archive/verify/index.js';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { checkStore } from '../../src/store/check.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openWorkspace } from '../../src/workspace.js';
import { BIN, requireBuiltCli } from '../helpers/cli.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, makeWorkspaceDirs } from '../helpers/workspace.js';

const TOKEN = 'concurrency-token-6e5d4c3b2a';
const ACCOUNTS = [
  { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'CONCURRENCY_TOKEN', render: false },
  { id: 'burgemeester', handle: 'burgemeester', render: false },
];
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;
type Dirs = { root: string; config: string; data: string };

let fake: FakeMastodon;

function cli(dirs: Dirs, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, ...args], { env: { ...process.env, CONCURRENCY_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function snapshot(dirs: Dirs) {
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    const items: Record<string, Awaited<ReturnType<typeof dumpAccount>>> = {};
    for (const a of ACCOUNTS) items[a.id] = await dumpAccount(ws.store, a.id);
    return { items, runs: await ws.store.listRuns(10), problems: await checkStore(ws.store, ws.files) };
  } finally {
    await ws.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same store with patient HTTP, so requests the fake holds wait instead of timing out. */
function patient(dirs: Dirs): Dirs {
  const config = join(dirs.root, 'config-patient');
  mkdirSync(config);
  copyFileSync(join(dirs.config, 'accounts.yaml'), join(config, 'accounts.yaml'));
  writeFileSync(join(config, 'socialarchive.yaml'), SETTINGS.replace('timeoutSeconds: 1', 'timeoutSeconds: 120'));
  return { ...dirs, config };
}

beforeAll(async () => {
  requireBuiltCli();
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset({ now: new Date() }), rateLimit: null });
});
afterAll(() => fake?.close());

describe('processes on one store', () => {
  it('two runs at once: each account is crawled by one of them, the other says why not; nothing twice', { timeout: 180_000 }, async () => {
    const reference = makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS);
    const r0 = fake.faults.stats.requests;
    expect((await cli(reference, ['run', '--capture-only'])).code).toBe(0);
    const oneRun = fake.faults.stats.requests - r0;
    const want = await snapshot(reference);

    const dirs = patient(makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS));
    const requestsBefore = fake.faults.stats.requests;
    try {
      // The first run is held by the platform once it has started on both accounts; the second
      // starts then, and must not crawl what the first holds.
      const first = cli(dirs, ['run', '--capture-only']);
      while (fake.faults.stats.requests < requestsBefore + 6) await sleep(20);
      fake.faults.inject({ kind: 'hold', times: 1_000_000 });
      const b = await cli(dirs, ['run', '--capture-only']);
      fake.faults.release();
      const a = await first;
      expect(a.code, a.stderr).toBe(0);
      expect([0, 1, 2], b.stderr).toContain(b.code);
    } finally {
      fake.faults.clear();
    }
    const got = await snapshot(dirs);
    expect(got.problems).toEqual([]);
    expect(got.items).toEqual(want.items);
    const [later, earlier] = got.runs; // newest first
    for (const acc of ACCOUNTS) {
      expect(earlier!.accounts.find((x) => x.accountId === acc.id)?.status).toBe('completed');
      const refused = later!.accounts.find((x) => x.accountId === acc.id);
      expect(refused?.status, JSON.stringify(refused)).toBe('stopped');
      expect(refused?.stop?.reason ?? '').toMatch(/run|lock|busy/i);
    }
    // The second process fetched nothing of the accounts it could not take.
    expect(fake.faults.stats.requests - requestsBefore).toBeLessThanOrEqual(oneRun);
  });

  it('a package built during a run is a consistent snapshot: built while the run commits, it verifies', { timeout: 180_000 }, async () => {
    const dirs = makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS);
    const held = patient(dirs);
    copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(dirs.config, 'archive-profile.yaml'));
    expect((await cli(dirs, ['run'])).code).toBe(0);
    fake.nextDay();
    try {
      // The next day's run is held by the platform after its first answers, while the package is built.
      const before = fake.faults.stats.requests;
      let runEnded = false;
      const running = cli(held, ['run']).finally(() => (runEnded = true));
      while (fake.faults.stats.requests < before + 8) await sleep(20);
      fake.faults.inject({ kind: 'hold', times: 1_000_000 });
      const out = join(dirs.root, 'during');
      const pkg = await cli(dirs, ['package', '--from', '2000-01-01', '--to', '2100-12-31', '--allow-unreviewed', '--out', out]);
      expect(pkg.code, pkg.stderr).toBe(0);
      expect(runEnded, 'the run ended before the package: no overlap').toBe(false);
      const report = await verifyPackage([out]);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      fake.faults.release();
      const run = await running;
      expect(run.code, run.stderr).toBe(0);
    } finally {
      fake.faults.clear();
    }
    expect((await snapshot(dirs)).problems).toEqual([]);
  });
});
