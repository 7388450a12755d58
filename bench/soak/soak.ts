// Soak (issue 8, item 6): one synthetic Mastodon account of N items (40 % posts, 60 % replies)
// captured, scanned (`socialarchive run`) and packaged (`socialarchive package`), each in its own
// process, with the peak RSS of each and the time per 100k stored items as the capture goes on, so
// it shows how the cost grows. The full 1,000,000 is a nightly job (npm run soak); the CI suite runs a
// small one (test/reliability/soak.test.ts) and asserts that memory does not grow with the account.
//   npm run soak -- [--items 1000000] [--step 100000] [--keep]
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { startFakeMastodon, syntheticDataset } from '../../crawlers/mastodon/fake/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const TOKEN = 'soak-token-5a4b3c2d1e0f';
const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');

export interface SoakPhase {
  seconds: number;
  peakRssMiB: number;
  exitCode: number | null;
}

export interface SoakResult {
  items: number;
  stored: number;
  run: SoakPhase;
  package: SoakPhase;
  /** Seconds the capture took for each further `step` items stored. */
  perStep: { upTo: number; seconds: number }[];
}

/** Runs the CLI, sampling the child's high-water mark of resident memory (VmHWM) until it exits. */
function measured(args: string[], heapMiB: number | undefined, onTick?: () => void): Promise<SoakPhase> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const node = heapMiB ? [`--max-old-space-size=${heapMiB}`] : [];
    const p = spawn(process.execPath, [...node, BIN, ...args], { env: { ...process.env, SOAK_TOKEN: TOKEN, SOCIALARCHIVE_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
    let peak = 0;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // the process has just exited
      }
      onTick?.();
    };
    const timer = setInterval(sample, 250);
    p.on('error', reject);
    p.on('exit', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakRssMiB: peak, exitCode: code });
    });
  });
}

/**
 * `heapMiB` caps the JavaScript heap of the measured processes: a phase that held the account or the
 * package in memory would then fail instead of only growing its (lazily collected) resident size.
 */
export async function soak(items: number, step: number, opts: { keep?: boolean; heapMiB?: number; log?: (line: string) => void } = {}): Promise<SoakResult> {
  const log = opts.log ?? (() => undefined);
  const statuses = Math.max(1, Math.round(items * 0.4));
  const dataset = syntheticDataset({ statuses, replies: items - statuses, seed: 5, mediaEvery: 1000 });
  const fake = await startFakeMastodon({ dataset, tokens: [TOKEN], rateLimit: null });
  const root = mkdtempSync(join(tmpdir(), 'socialarchive-soak-'));
  const config = join(root, 'config');
  const data = join(root, 'data');
  try {
    mkdirSync(config);
    writeFileSync(
      join(config, 'accounts.yaml'),
      `organisation: { name: Gemeente Voorbeeldstad, id: "https://identifier.overheid.nl/tooi/id/gemeente/gm9999" }
accounts:
  - id: voorbeeldstad
    platform: mastodon
    handle: voorbeeldstad
    instance: ${fake.url}
    status: active
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst gemeenten 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    capture: { replies: true, media: true, render: false }
    credentials: env:SOAK_TOKEN
`,
    );
    writeFileSync(join(config, 'socialarchive.yaml'), 'capture:\n  threadConcurrency: 4\nprivacy:\n  faces: false\n');
    copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(config, 'archive-profile.yaml'));

    // Time per `step` stored items, read from the store as the capture commits.
    const perStep: SoakResult['perStep'] = [];
    const t0 = performance.now();
    let last = t0;
    let db: Database.Database | undefined;
    let ticks = 0;
    const stored = () => {
      try {
        db ??= new Database(join(data, 'archive.sqlite'), { readonly: true, fileMustExist: true });
        return Number((db.prepare("SELECT count(*) AS n FROM items WHERE kind != 'profile'").get() as { n: number }).n);
      } catch {
        return 0;
      }
    };
    const tick = () => {
      if (++ticks % 4 !== 0) return; // every second
      const n = stored();
      while (n >= (perStep.length + 1) * step) {
        const now = performance.now();
        perStep.push({ upTo: (perStep.length + 1) * step, seconds: (now - last) / 1000 });
        log(`  ${(perStep.length * step).toLocaleString('en')} items stored, the last ${step.toLocaleString('en')} in ${((now - last) / 1000).toFixed(1)} s`);
        last = now;
      }
    };
    const run = await measured(['--config', config, '--data', data, 'run'], opts.heapMiB, tick);
    const total = stored();
    db?.close();
    log(`run (capture + formats + scan): ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB, exit ${run.exitCode}, ${total} items stored`);
    const pkg = await measured(['--config', config, '--data', data, 'package', '--from', '2000-01-01', '--to', '2100-12-31', '--allow-unreviewed', '--out', join(root, 'package')], opts.heapMiB);
    log(`package: ${pkg.seconds.toFixed(1)} s, peak RSS ${pkg.peakRssMiB.toFixed(0)} MiB, exit ${pkg.exitCode}`);
    return { items, stored: total, run, package: pkg, perStep };
  } finally {
    await fake.close();
    if (!opts.keep) rmSync(root, { recursive: true, force: true });
    else log(`kept ${root}`);
  }
}

async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { items: { type: 'string', default: '1000000' }, step: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } } });
  const items = Number(values.items);
  const step = Number(values.step);
  console.log(`soak: ${items.toLocaleString('en')} items, reported per ${step.toLocaleString('en')}`);
  const r = await soak(items, step, { keep: values.keep, log: (l) => console.log(l) });
  const ok = r.run.exitCode === 0 && r.package.exitCode === 0 && r.run.peakRssMiB < 500 && r.package.peakRssMiB < 500 && r.stored === items;
  console.log(JSON.stringify(r, null, 2));
  console.log(ok ? 'soak: OK (complete, peak RSS under 500 MiB in every phase)' : 'soak: FAILED (see above)');
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await cli(process.argv.slice(2));
