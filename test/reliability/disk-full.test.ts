// A full disk (issue 8, item 2): the data folder on a small tmpfs, so the kernel itself answers
// ENOSPC part-way through a run. The run must end with a clear message, the store must pass the
// integrity check, and once there is room again the next run must end as an uninterrupted one.
// Mounting needs root (CI runs as root, as scripts/install.sh does); elsewhere the test says so.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { checkStore } from '../../src/store/check.js';
import { openWorkspace } from '../../src/workspace.js';
import { BIN, requireBuiltCli } from '../helpers/cli.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, makeWorkspaceDirs } from '../helpers/workspace.js';

const TOKEN = 'disk-full-token-7a6b5c4d3e';
const ACCOUNTS = [{ id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'DISK_FULL_TOKEN', render: false }];
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'socialarchive-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mountable = canMount();
if (!mountable) console.warn('disk-full test skipped: mounting a small tmpfs needs root (CAP_SYS_ADMIN)');

function du(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const s = statSync(join(dir, name));
    n += s.isDirectory() ? du(join(dir, name)) : s.size;
  }
  return n;
}

function cli(dirs: { config: string; data: string }, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, ...args], { env: { ...process.env, DISK_FULL_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function state(dirs: { config: string; data: string }) {
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    return { items: await dumpAccount(ws.store, 'voorbeeldstad'), problems: await checkStore(ws.store, ws.files) };
  } finally {
    await ws.close();
  }
}

describe.skipIf(!mountable)('a full disk', () => {
  let fake: FakeMastodon;
  let mountPoint = '';

  beforeAll(async () => {
    requireBuiltCli();
    fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset({ now: new Date() }), rateLimit: null });
  });
  afterAll(async () => {
    // Lazy: the log stream of the last workspace may still hold a file there.
    if (mountPoint) execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    await fake?.close();
  });

  it('stops the run with a clear message, leaves a whole store, and the next run with room finishes the job', { timeout: 180_000 }, async () => {
    const reference = makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS);
    const whole = await cli(reference, ['run']);
    expect(whole.code, whole.stderr).toBe(0);
    const want = await state(reference);
    expect(want.problems).toEqual([]);
    const size = du(reference.data);

    const dirs = makeWorkspaceDirs(fake.url, ACCOUNTS, SETTINGS);
    mountPoint = dirs.data;
    mkdirSync(mountPoint);
    // Half of what the run needs: it fills up in the middle of the capture.
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(size / 2 / 4096) * 4096}`, 'tmpfs', mountPoint]);
    const full = await cli(dirs, ['run']);
    expect(full.code).not.toBe(0);
    expect(full.stderr + full.stdout).toMatch(/disk is full|no space left/i);
    expect(full.stderr).not.toMatch(/\n\s+at /); // a message for a person, not a stack trace

    execFileSync('mount', ['-o', `remount,size=${size * 4}`, mountPoint]);
    const after = await state(dirs);
    expect(after.problems).toEqual([]);
    const again = await cli(dirs, ['run']);
    expect(again.code, again.stderr).toBe(0);
    const end = await state(dirs);
    expect(end.problems).toEqual([]);
    expect(end.items).toEqual(want.items);
  });
});
