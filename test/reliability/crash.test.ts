// Crash consistency (issue 8, item 2): `run` and `package` are SIGKILLed at 20 seeded random
// moments; after every kill the store passes the integrity check (every file's checksum, every
// payload, every reference), and the end state equals an uninterrupted run's. The tests of this file
// run in order on one workspace.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { verifyPackage } from '../../archive/verify/index.js';
import { checkStore } from '../../src/store/check.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openWorkspace } from '../../src/workspace.js';
import { BIN, requireBuiltCli } from '../helpers/cli.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, makeWorkspaceDirs } from '../helpers/workspace.js';
import { mulberry32 } from './random.js';

const TOKEN = 'crash-test-token-2b3c4d5e6f';
const ACCOUNTS = [
  { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'CRASH_TEST_TOKEN', render: false },
  { id: 'burgemeester', handle: 'burgemeester', render: false },
];
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;
const PACKAGE = ['package', '--from', '2000-01-01', '--to', '2100-12-31', '--allow-unreviewed', '--created', '2026-06-03T09:00:00Z'];
const RUN_KILLS = 12;
const PACKAGE_KILLS = 8;

type Dirs = { root: string; config: string; data: string };
let fake: FakeMastodon;
let reference: Dirs;
let killed: Dirs;

function cli(dirs: Dirs, args: string[], killAfterMs?: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, ...args], {
      env: { ...process.env, CRASH_TEST_TOKEN: TOKEN, SOCIALARCHIVE_OPERATOR: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

async function integrity(dirs: Dirs): Promise<string[]> {
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    return await checkStore(ws.store, ws.files);
  } finally {
    await ws.close();
  }
}

/** What a run leaves: the items, and what the formats stage and the privacy scan made of them. */
async function endState(dirs: Dirs) {
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  let items: Record<string, Awaited<ReturnType<typeof dumpAccount>>> = {};
  try {
    for (const a of ACCOUNTS) items = { ...items, [a.id]: await dumpAccount(ws.store, a.id) };
  } finally {
    await ws.close();
  }
  const db = new Database(join(dirs.data, 'archive.sqlite'), { readonly: true });
  try {
    const findings = db
      .prepare(`SELECT i.platform_id AS item, v.version_key AS version, f.field, f.category, f.span_start, f.span_end, f.media_sha256 AS media, f.rule FROM privacy_findings f JOIN items i ON i.id = f.item_id JOIN item_versions v ON v.id = f.version_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`)
      .all();
    const formats = db.prepare(`SELECT DISTINCT m.sha256, ff.puid FROM media m JOIN file_formats ff ON ff.sha256 = m.sha256 ORDER BY 1`).all();
    const scanned = db.prepare('SELECT count(*) AS n FROM privacy_scans').get();
    return { items, findings, formats, scanned };
  } finally {
    db.close();
  }
}

/** Every file of a package folder with its SHA-256, by relative path. */
function packageFiles(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = join(rel, name);
    if (statSync(join(dir, p)).isDirectory()) Object.assign(out, packageFiles(dir, p));
    else out[p] = createHash('sha256').update(readFileSync(join(dir, p))).digest('hex');
  }
  return out;
}

beforeAll(async () => {
  requireBuiltCli();
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset({ now: new Date() }), rateLimit: null });
  reference = makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS);
  killed = makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS);
  for (const d of [reference, killed]) copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(d.config, 'archive-profile.yaml'));
});
afterAll(() => fake?.close());

describe('SIGKILL at seeded random moments', () => {
  it(`run: killed ${RUN_KILLS} times, the store is whole after each kill and ends as an uninterrupted run`, { timeout: 300_000 }, async () => {
    const whole = await cli(reference, ['run']);
    expect(whole.code, whole.stderr).toBe(0);
    const want = await endState(reference);
    expect(Object.values(want.items).flat().length).toBeGreaterThan(10);

    const random = mulberry32(20261125);
    let kills = 0;
    for (let i = 0; i < RUN_KILLS; i++) {
      const at = Math.round(150 + random() * whole.ms);
      const r = await cli(killed, ['run'], at);
      if (r.signal === 'SIGKILL') kills++;
      else expect(r.code, r.stderr).toBe(0);
      expect(await integrity(killed), `after a kill at ${at} ms`).toEqual([]);
    }
    expect(kills, "kills that landed before the run ended").toBeGreaterThanOrEqual(3);
    const last = await cli(killed, ['run']);
    expect(last.code, last.stderr).toBe(0);
    expect(await endState(killed)).toEqual(want);
    const check = await cli(killed, ['check']);
    expect(check.code, check.stdout).toBe(0);
  });

  it(`package: killed ${PACKAGE_KILLS} times, no half package and no half record; the package in the end is the one an uninterrupted build makes`, { timeout: 300_000 }, async () => {
    const first = await cli(killed, [...PACKAGE, '--out', join(killed.root, 'whole')]);
    expect(first.code, first.stderr).toBe(0);
    const want = packageFiles(join(killed.root, 'whole'));
    const transfers = () => {
      const db = new Database(join(killed.data, 'archive.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT location FROM transfers ORDER BY id').all() as { location: string }[];
      } finally {
        db.close();
      }
    };
    const random = mulberry32(8);
    let kills = 0;
    for (let i = 0; i < PACKAGE_KILLS; i++) {
      const out = join(killed.root, `killed-${i}`);
      const at = Math.round(100 + random() * first.ms);
      const r = await cli(killed, [...PACKAGE, '--out', out], at);
      if (r.signal === 'SIGKILL') kills++;
      else expect(r.code, r.stderr).toBe(0);
      expect(await integrity(killed), `after a kill at ${at} ms`).toEqual([]);
      // The folder appears whole or not at all, and a recorded transfer always has its package.
      if (existsSync(out)) expect((await verifyPackage([out])).ok).toBe(true);
      for (const t of transfers()) expect(existsSync(t.location), t.location).toBe(true);
    }
    expect(kills, "kills that landed before the package was done").toBeGreaterThanOrEqual(3);
    const last = await cli(killed, [...PACKAGE, '--out', join(killed.root, 'last')]);
    expect(last.code, last.stderr).toBe(0);
    expect(packageFiles(join(killed.root, 'last'))).toEqual(want);
  });
});
