// Capture benchmark (issue 2). Prints, for the fake Mastodon server on loopback:
//  1. 10,000 statuses with 30,000 replies, no rate limit: items per second of `socialarchive run`
//     (a separate process), requests against the minimum possible, peak RSS; and as reference, in
//     the same run, a bare HTTP client fetching exactly the minimum request set and storing nothing.
//  2. A rate limit of 60 requests per 10 s: requests per full window against the 60 allowed, 429s.
// Usage: npm run build && node dist/bench/capture/throughput.js [--statuses N --replies N] [--skip-limited]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { expectedCapture, syntheticDataset, type FakeDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { reportFigures } from '../figures.js';
import { fullWindows } from '../windows.js';

export const TOKEN = 'bench-token-0123456789abcdef';
const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');

export function workspace(instance: string, settings: string): { config: string; data: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'socialarchive-bench-'));
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'accounts.yaml'),
    `organisation: { name: Gemeente Voorbeeldstad, id: "https://identifier.overheid.nl/tooi/id/gemeente/gm9999" }
accounts:
  - id: voorbeeldstad
    platform: mastodon
    handle: voorbeeldstad
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

export interface RunJson {
  status: string;
  accounts: { stats: { newItems: number; requests: number; media: number } }[];
  process: { maxRssBytes: number; cpuMs: number };
}

export async function runCli(ws: { config: string; data: string }): Promise<{ run: RunJson; seconds: number }> {
  const started = process.hrtime.bigint();
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', ws.config, '--data', ws.data, 'run', '--capture-only', '--json'], {
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

/** The fewest requests a complete capture can make: lookup, timeline pages, one context per thread with replies, histories, media. */
function minimumRequests(ds: FakeDataset): { urls: string[]; items: number } {
  const want = expectedCapture(ds, 'voorbeeldstad', { token: true });
  const base = ds.baseUrl!;
  const urls = [`${base}/api/v1/accounts/lookup?acct=voorbeeldstad`];
  const pages = Math.floor(want.timeline.length / 40) + 1; // the last page is short (or empty when the count divides)
  let maxId: string | undefined;
  for (let p = 0; p < pages; p++) {
    urls.push(`${base}/api/v1/accounts/${want.accountId}/statuses?limit=40${maxId ? `&max_id=${maxId}` : ''}`);
    maxId = want.timeline[Math.min(want.timeline.length - 1, (p + 1) * 40 - 1)];
  }
  for (const [id, ids] of Object.entries(want.descendants)) if (ids.length) urls.push(`${base}/api/v1/statuses/${id}/context`);
  for (const [id, n] of Object.entries(want.versions)) if (n > 1) urls.push(`${base}/api/v1/statuses/${id}/history`);
  for (const list of Object.values(want.media)) urls.push(...list);
  urls.push(...want.profileMedia.filter((u) => !u.endsWith('missing.png')));
  return { urls, items: want.statusIds.length + 1 };
}

/** Reference: fetch the minimum set with keep-alive, 4 at a time (the crawler's per-host concurrency), store nothing. */
async function bareFetch(urls: string[]): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Accept-Encoding': 'identity' };
  const get = (url: string) =>
    new Promise<void>((resolve, reject) => {
      http.get(url, { agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve());
        res.on('error', reject);
      }).on('error', reject);
    });
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < urls.length) await get(urls[next++]!);
  }));
  agent.destroy();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function unlimited(statuses: number, replies: number): Promise<void> {
  const dataset = syntheticDataset({ statuses, replies, seed: 7, mediaEvery: 25 });
  const fake = await startFakeMastodon({ dataset, tokens: [TOKEN], rateLimit: null });
  try {
    const min = minimumRequests(fake.dataset);
    const reference = await bareFetch(min.urls);
    const requestsBefore = fake.stats.requests;
    const ws = workspace(fake.url, 'capture:\n  threadConcurrency: 4\n');
    const { run, seconds } = await runCli(ws);
    const served = fake.stats.requests - requestsBefore;
    const items = run.accounts[0]!.stats.newItems;
    rmSync(ws.root, { recursive: true, force: true });
    console.log(`\n== Capture: ${statuses} statuses, ${replies} replies, no rate limit (status ${run.status}) ==`);
    console.log(`items stored                 ${items} (expected ${min.items})`);
    console.log(`wall time                    ${seconds.toFixed(1)} s (run process, incl. start-up)`);
    console.log(`items per second             ${(items / seconds).toFixed(0)}   target ≥ 1000`);
    console.log(`requests                     ${served} served, minimum ${min.urls.length} → ${(served / min.urls.length).toFixed(3)}×   target ≤ 1.05×`);
    console.log(`peak RSS of the run          ${(run.process.maxRssBytes / 1_048_576).toFixed(0)} MB   target < 300 MB`);
    console.log(`reference: bare fetch of the minimum set, storing nothing: ${reference.toFixed(1)} s (${(min.items / reference).toFixed(0)} items/s)`);
    console.log(`ratio capture / bare fetch   ${(seconds / reference).toFixed(2)}× the time`);
    reportFigures([
      { figure: `capture ${statuses} statuses + ${replies} replies`, value: items / seconds, unit: 'items/s', target: { op: '>=', value: 1000 } },
      { figure: 'capture requests / minimum possible', value: served / min.urls.length, unit: '×', target: { op: '<=', value: 1.05 } },
      { figure: 'capture peak RSS', value: run.process.maxRssBytes / 1_048_576, unit: 'MB', target: { op: '<', value: 300 } },
      { figure: 'bare fetch of the minimum set (reference)', value: min.items / reference, unit: 'items/s' },
    ]);
  } finally {
    await fake.close();
  }
}

async function limited(): Promise<void> {
  const dataset = syntheticDataset({ statuses: 600, replies: 900, seed: 11 });
  const fake = await startFakeMastodon({ dataset, tokens: [TOKEN], rateLimit: { limit: 60, periodSeconds: 10 } });
  const times: number[] = [];
  fake.onRequest((_n, _m, path) => {
    if (path.startsWith('/api/')) times.push(Date.now());
  });
  try {
    const ws = workspace(fake.url, '');
    const { run, seconds } = await runCli(ws);
    rmSync(ws.root, { recursive: true, force: true });
    const full = fullWindows(times, 10_000);
    const perWindow = full.reduce((a, b) => a + b, 0) / full.length;
    console.log(`\n== Capture under a rate limit of 60 requests per 10 s (status ${run.status}) ==`);
    console.log(`API requests                 ${times.length} in ${seconds.toFixed(1)} s`);
    console.log(`requests per full window     ${perWindow.toFixed(1)} of 60 over ${full.length} windows → ${((perWindow / 60) * 100).toFixed(1)}%   target ≥ 90%`);
    console.log(`429 responses                ${fake.stats.exceeded}   target 0`);
    reportFigures([
      { figure: 'rate-limited capture: use of each full window', value: (perWindow / 60) * 100, unit: '%', target: { op: '>=', value: 90 } },
      { figure: 'rate-limited capture: 429 responses', value: fake.stats.exceeded, unit: '', target: { op: '<=', value: 0 } },
    ]);
  } finally {
    await fake.close();
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      statuses: { type: 'string', default: '10000' },
      replies: { type: 'string', default: '30000' },
      'skip-limited': { type: 'boolean', default: false },
    },
  });
  await unlimited(Number(args.statuses), Number(args.replies));
  if (!args['skip-limited']) await limited();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
