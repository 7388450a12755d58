// No secret reaches disk (issue 8, item 5): every platform with a token or key is captured through
// the built CLI, with faults that make the run log and record its failures (a stop reason quotes the
// URL, and YouTube's key travels in the query string), then packaged. Every byte under the data
// folder (database and its WAL, logs, file store with the WARC) and of the package is searched for
// each token, raw and URL-encoded.
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/version.js';
import { BIN, requireBuiltCli } from '../helpers/cli.js';
import { FAST_HTTP, makeWorkspaceDirs, type TestAccount } from '../helpers/workspace.js';
import { PLATFORMS, type FaultyPlatform } from './platforms.js';

const WITH_TOKENS = PLATFORMS.filter((p) => Object.keys(p.env).length > 0);
const TOKENS = WITH_TOKENS.flatMap((p) => Object.values(p.env));
const SETTINGS = `${FAST_HTTP}  retries: 2\ncapture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function cli(dirs: { config: string; data: string }, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, ...Object.assign({}, ...WITH_TOKENS.map((p) => p.env)) };
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('secrets', () => {
  const fakes: FaultyPlatform[] = [];
  beforeAll(async () => {
    requireBuiltCli();
    for (const p of WITH_TOKENS) fakes.push(await p.start());
  }, 120_000);
  afterAll(async () => {
    for (const f of fakes) await f.close();
  });

  it('no token reaches the logs, the store, the WARC, the terminal or the package, also when runs fail', { timeout: 240_000 }, async () => {
    expect(TOKENS.length).toBeGreaterThanOrEqual(5);
    const accounts: TestAccount[] = fakes.map((f, i) => ({ id: `${WITH_TOKENS[i]!.platform}-account`, render: false, ...f.account, instance: f.url }));
    const dirs = makeWorkspaceDirs(fakes[0]!.url, accounts, SETTINGS);
    copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(dirs.config, 'archive-profile.yaml'));

    // A retried 500 on every listing (logged with its URL), then the second day a listing that fails for good.
    fakes.forEach((f, i) => f.faults.inject({ kind: 'status', status: 500, times: 1, match: WITH_TOKENS[i]!.listing }));
    const first = await cli(dirs, ['run']);
    expect(first.code, first.stderr).toBe(0);
    fakes.forEach((f, i) => f.faults.inject({ kind: 'status', status: 503, times: 10_000, match: WITH_TOKENS[i]!.listing }));
    const second = await cli(dirs, ['run']);
    fakes.forEach((f) => f.faults.clear());
    expect(second.code).not.toBe(0);
    expect(second.stdout + second.stderr).toMatch(/503/);
    const out = join(dirs.root, 'package');
    const pkg = await cli(dirs, ['package', '--from', '2000-01-01', '--to', '2100-12-31', '--allow-unreviewed', '--out', out]);
    expect(pkg.code, pkg.stderr).toBe(0);

    const searched = [...files(dirs.data), ...files(out)];
    // The places a token could land are all there: logs, and WARC files in the file store.
    expect(searched.some((p) => p.includes(join('data', 'logs')))).toBe(true);
    expect(searched.some((p) => readFileSync(p).subarray(0, 8).toString('latin1') === 'WARC/1.1')).toBe(true);
    const leaks: string[] = [];
    for (const p of searched) {
      const bytes = readFileSync(p);
      for (const t of TOKENS) for (const form of new Set([t, encodeURIComponent(t)])) if (bytes.includes(form)) leaks.push(`${p}: ${t}`);
    }
    for (const r of [first, second, pkg]) for (const t of TOKENS) if ((r.stdout + r.stderr).includes(t)) leaks.push(`terminal: ${t}`);
    expect(leaks).toEqual([]);
  });
});
