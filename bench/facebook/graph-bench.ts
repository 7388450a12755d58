// What the Facebook and Instagram capture benchmarks share: a workspace for one account, `socialarchive
// run --json --capture-only` as its own process, a bare client that fetches exactly the minimum request set
// (storing nothing) as the reference, and the rate-limited run with its use of the usage budget.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGraph, type GraphDataset, type UsageLimit } from '../../crawlers/meta-graph/fake/server.js';
import { USAGE_CEILING } from '../../crawlers/meta-graph/rate-limit.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { reportFigures } from '../figures.js';

export const TOKEN = 'bench-graph-token-0123456789abcdef';
const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');

export interface Target {
  platform: 'facebook' | 'instagram';
  /** The Graph id the registry names. */
  handle: string;
}

export function workspace(instance: string, t: Target, settings: string): { config: string; data: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), `socialarchive-bench-${t.platform}-`));
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'accounts.yaml'),
    `organisation: { name: Gemeente Voorbeeldstad, id: "https://identifier.overheid.nl/tooi/id/gemeente/gm9999" }
accounts:
  - id: voorbeeldstad-${t.platform}
    platform: ${t.platform}
    handle: "${t.handle}"
    instance: ${instance}
    status: active
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst gemeenten 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    credentials: env:BENCH_TOKEN
`,
  );
  writeFileSync(join(root, 'config', 'socialarchive.yaml'), settings);
  return { root, config: join(root, 'config'), data: join(root, 'data') };
}

interface RunJson {
  status: string;
  accounts: { stats: { newItems: number; requests: number; media: number } }[];
  process: { maxRssBytes: number };
}

export async function runCli(ws: { config: string; data: string }): Promise<{ run: RunJson; seconds: number }> {
  const started = process.hrtime.bigint();
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', ws.config, '--data', ws.data, 'run', '--json', '--capture-only'], {
      env: { ...process.env, BENCH_TOKEN: TOKEN, SOCIALARCHIVE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`run exited with ${code}`))));
  });
  return { run: JSON.parse(out) as RunJson, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * The reference: walks the API the fewest ways a complete capture can (every list to its last page,
 * every file once), four requests at a time over keep-alive like the crawler, and stores nothing.
 * `visit` says, for each JSON answer, which further URLs it calls for. Returns requests and seconds.
 */
export async function bareWalk(start: string[], visit: (url: string, body: unknown) => string[]): Promise<{ requests: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Accept-Encoding': 'identity' };
  const get = (url: string) =>
    new Promise<Buffer>((resolve, reject) => {
      http
        .get(url, { agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  const queue = [...start];
  let requests = 0;
  const started = process.hrtime.bigint();
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (queue.length === 0 && active === 0) return resolve();
      while (active < 4 && queue.length > 0) {
        const url = queue.shift()!;
        active++;
        requests++;
        get(url)
          .then((body) => {
            if (!url.includes('/cdn/')) queue.push(...visit(url, JSON.parse(body.toString('utf8')) as unknown));
            active--;
            pump();
          })
          .catch(reject);
      }
    };
    pump();
  });
  agent.destroy();
  return { requests, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function unlimited(name: string, t: Target, dataset: GraphDataset, items: number, reference: (base: string) => Promise<{ requests: number; seconds: number }>): Promise<void> {
  const fake = await startFakeGraph({ datasets: [dataset], tokens: [TOKEN], rateLimit: null });
  try {
    const min = await reference(`${fake.url}/v25.0`);
    const before = fake.stats.requests;
    const ws = workspace(fake.url, t, 'capture:\n  threadConcurrency: 4\n');
    const { run, seconds } = await runCli(ws);
    const served = fake.stats.requests - before;
    const stored = run.accounts[0]!.stats.newItems;
    rmSync(ws.root, { recursive: true, force: true });
    console.log(`\n== ${t.platform} capture: ${name}, no rate limit (status ${run.status}) ==`);
    console.log(`items stored                 ${stored} (expected ${items})`);
    console.log(`wall time                    ${seconds.toFixed(1)} s (run process, incl. start-up)`);
    console.log(`items per second             ${(stored / seconds).toFixed(0)}   target ≥ 1000`);
    console.log(`requests                     ${served} served, minimum ${min.requests} → ${(served / min.requests).toFixed(3)}×   target ≤ 1.05×`);
    console.log(`peak RSS of the run          ${(run.process.maxRssBytes / 1_048_576).toFixed(0)} MB`);
    console.log(`reference: bare walk of the minimum set, storing nothing: ${min.seconds.toFixed(1)} s (${(items / min.seconds).toFixed(0)} items/s)`);
    console.log(`ratio capture / bare walk    ${(seconds / min.seconds).toFixed(2)}× the time`);
    reportFigures([
      { figure: `${t.platform} capture ${name}`, value: stored / seconds, unit: 'items/s', target: { op: '>=', value: 1000 } },
      { figure: `${t.platform} capture requests / minimum possible`, value: served / min.requests, unit: '×', target: { op: '<=', value: 1.05 } },
      { figure: `${t.platform} capture stored / expected items`, value: stored / items, unit: '×', target: { op: '>=', value: 1 } },
      { figure: `${t.platform} bare walk of the minimum set (reference)`, value: items / min.seconds, unit: 'items/s' },
    ]);
  } finally {
    await fake.close();
  }
}

/** A usage budget of `limit.calls` per window: how close to the ceiling each full window ran, and refusals. */
export async function limited(t: Target, dataset: GraphDataset, limit: UsageLimit): Promise<void> {
  const fake = await startFakeGraph({ datasets: [dataset], tokens: [TOKEN], rateLimit: limit });
  const times: number[] = [];
  fake.onRequest((_n, path) => void (path.startsWith('/v25.0/') && times.push(Date.now())));
  try {
    const ws = workspace(fake.url, t, '');
    const { run, seconds } = await runCli(ws);
    rmSync(ws.root, { recursive: true, force: true });
    const w = limit.windowSeconds * 1000;
    const windows = new Map<number, number>();
    for (const x of times) windows.set(Math.floor(x / w), (windows.get(Math.floor(x / w)) ?? 0) + 1);
    const keys = [...windows.keys()].sort((a, b) => a - b);
    const full = keys.slice(1, -1).map((k) => windows.get(k)!);
    const perWindow = full.reduce((a, b) => a + b, 0) / Math.max(1, full.length);
    const allowed = (limit.calls * USAGE_CEILING) / 100;
    console.log(`\n== ${t.platform} capture under a usage budget of ${limit.calls} calls per ${limit.windowSeconds} s (status ${run.status}) ==`);
    console.log(`API requests                 ${times.length} in ${seconds.toFixed(1)} s`);
    console.log(`requests per full window     ${perWindow.toFixed(1)}, ceiling ${allowed} (${USAGE_CEILING} % of ${limit.calls}) over ${full.length} windows → ${((perWindow / allowed) * 100).toFixed(1)}%`);
    console.log(`throttling refusals          ${fake.stats.exceeded}   target 0`);
    reportFigures([
      // Meta names no window length, so no target: pauses double while usage stays high.
      { figure: `${t.platform} rate-limited capture: use of the budget up to the ceiling`, value: (perWindow / allowed) * 100, unit: '%' },
      { figure: `${t.platform} rate-limited capture: throttling refusals`, value: fake.stats.exceeded, unit: '', target: { op: '<=', value: 0 } },
    ]);
  } finally {
    await fake.close();
  }
}
