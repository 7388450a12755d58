// X capture benchmark (issue 6). Prints, for the fake X on loopback:
//  Capture only (`run --capture-only`): formats and the privacy scan have benchmarks of their own.
//  1. 3,200 posts (X's timeline cap) with 10,000 replies within recent search's seven days, a rate
//     limit too large to run out: items per second of `socialarchive run` (a separate process), requests against the
//     minimum possible, peak RSS; and as reference, in the same run, a bare client walking exactly
//     the minimum request set (user, timeline pages, one search per thread with replies and its
//     further pages, every original media file) with keep-alive, storing nothing.
//  2. Every endpoint limited to 60 requests per 10 s: requests per full window of the busiest
//     endpoint (conversation search) against the 60 allowed, and 429s.
// Usage: npm run build && node dist/bench/x/throughput.js [--posts N --replies N] [--skip-limited]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PROFILE_FIELDS, SEARCH_PAGE, TIMELINE_PAGE, tweetParams, type XMedia, type XResponse, type XTweet, type XUser } from '../../crawlers/x/api.js';
import { expectedCapture } from '../../crawlers/x/fake/expectations.js';
import { startFakeX, type FakeX } from '../../crawlers/x/fake/server.js';
import { syntheticDataset } from '../../crawlers/x/fake/synthetic-dataset.js';
import { originalUrl, profileImageOriginal } from '../../crawlers/x/observe.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { reportFigures } from '../figures.js';

const TOKEN = 'bench-x-bearer-0123456789abcdef';
const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');

function workspace(instance: string, settings: string): { config: string; data: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'socialarchive-bench-x-'));
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'accounts.yaml'),
    `organisation: { name: Gemeente Voorbeeldstad, id: "https://identifier.overheid.nl/tooi/id/gemeente/gm9999" }
accounts:
  - id: voorbeeldstad-x
    platform: x
    handle: voorbeeldstad
    instance: ${instance}
    status: active
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst gemeenten 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    credentials: env:BENCH_X_TOKEN
`,
  );
  writeFileSync(join(root, 'config', 'socialarchive.yaml'), settings);
  return { root, config: join(root, 'config'), data: join(root, 'data') };
}

interface RunJson {
  status: string;
  accounts: { stats: { newItems: number; requests: number; media: number } }[];
  process: { maxRssBytes: number; cpuMs: number };
}

async function runCli(ws: { config: string; data: string }): Promise<{ run: RunJson; seconds: number }> {
  const started = process.hrtime.bigint();
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', ws.config, '--data', ws.data, 'run', '--capture-only', '--json'], {
      env: { ...process.env, BENCH_X_TOKEN: TOKEN, SOCIALARCHIVE_LOG_LEVEL: 'warn' },
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
 * The reference: a bare client that makes exactly the requests a complete first capture needs, in
 * the crawler's order and concurrency (4 per host), and stores nothing. Its request count is the
 * minimum the crawler is measured against.
 */
async function bareWalk(base: string): Promise<{ requests: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Accept-Encoding': 'identity' };
  let requests = 0;
  const get = (url: string) =>
    new Promise<Buffer>((resolve, reject) => {
      requests++;
      http
        .get(url, { agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  const json = async <T>(url: string) => JSON.parse((await get(url)).toString()) as XResponse<T>;
  const pool = async <T>(items: T[], fn: (t: T) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }));
  };
  const started = process.hrtime.bigint();
  const user = (await json<XUser>(`${base}/2/users/by/username/voorbeeldstad?user.fields=${PROFILE_FIELDS}`)).data!;
  const media = new Set<string>([profileImageOriginal(user.profile_image_url)!]);
  const roots: string[] = [];
  let token: string | undefined;
  do {
    const q = new URLSearchParams({ max_results: String(TIMELINE_PAGE), ...tweetParams(), ...(token ? { pagination_token: token } : {}) });
    const page = await json<XTweet[]>(`${base}/2/users/${user.id}/tweets?${q}`);
    for (const t of page.data ?? []) if ((t.public_metrics?.reply_count ?? 0) > 0 && !t.referenced_tweets?.length) roots.push(t.id);
    for (const m of page.includes?.media ?? []) media.add(originalUrl(m as XMedia)!);
    token = page.meta?.next_token;
  } while (token);
  await pool(roots, async (root) => {
    let next: string | undefined;
    do {
      const q = new URLSearchParams({ query: `conversation_id:${root}`, max_results: String(SEARCH_PAGE.recent), ...tweetParams(), ...(next ? { next_token: next } : {}) });
      next = (await json<XTweet[]>(`${base}/2/tweets/search/recent?${q}`)).meta?.next_token;
    } while (next);
  });
  await pool([...media], async (url) => void (await get(url)));
  agent.destroy();
  return { requests, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function unlimited(posts: number, replies: number): Promise<void> {
  const dataset = syntheticDataset({ posts, replies, seed: 7, mediaEvery: 25, spanDays: 6 });
  // X always sends its rate-limit headers; a window too large to run out keeps them without limiting.
  const fake = await startFakeX({ dataset, tokens: [TOKEN], rateLimits: null });
  fake.setRateLimits({ limit: 1_000_000, periodSeconds: 900 });
  try {
    const want = expectedCapture(fake.dataset, { search: 'recent' });
    const items = want.itemIds.length + 1;
    const reference = await bareWalk(fake.url);
    const requestsBefore = fake.stats.requests;
    const ws = workspace(fake.url, 'capture:\n  threadConcurrency: 4\nprivacy:\n  faces: false\n');
    const { run, seconds } = await runCli(ws);
    const served = fake.stats.requests - requestsBefore;
    const stored = run.accounts[0]!.stats.newItems;
    rmSync(ws.root, { recursive: true, force: true });
    console.log(`\n== X capture: ${posts} posts, ${replies} replies, recent search, limits not reached (status ${run.status}) ==`);
    console.log(`items stored                 ${stored} (expected ${items})`);
    console.log(`wall time                    ${seconds.toFixed(1)} s (run process, incl. start-up)`);
    console.log(`items per second             ${(stored / seconds).toFixed(0)}   target ≥ 1000`);
    console.log(`requests                     ${served} served, minimum ${reference.requests} → ${(served / reference.requests).toFixed(3)}×   target ≤ 1.05×`);
    console.log(`peak RSS of the run          ${(run.process.maxRssBytes / 1_048_576).toFixed(0)} MB`);
    console.log(`reference: bare walk of the minimum set, storing nothing: ${reference.seconds.toFixed(1)} s (${(items / reference.seconds).toFixed(0)} items/s)`);
    console.log(`ratio capture / bare walk    ${(seconds / reference.seconds).toFixed(2)}× the time`);
    reportFigures([
      { figure: `x capture ${posts} posts + ${replies} replies`, value: stored / seconds, unit: 'items/s', target: { op: '>=', value: 1000 } },
      { figure: 'x capture requests / minimum possible', value: served / reference.requests, unit: '×', target: { op: '<=', value: 1.05 } },
      { figure: 'x capture peak RSS', value: run.process.maxRssBytes / 1_048_576, unit: 'MB' },
      { figure: 'x bare walk of the minimum set (reference)', value: items / reference.seconds, unit: 'items/s' },
    ]);
  } finally {
    await fake.close();
  }
}

/** Requests per full window of one endpoint, windows as X counts them (from the first request, `periodMs` long). */
function perWindow(times: number[], periodMs: number): number[] {
  const counts: number[] = [];
  let end = -Infinity;
  for (const t of times) {
    if (t >= end) {
      counts.push(0);
      end = Math.ceil((t + periodMs) / 1000) * 1000;
    }
    counts[counts.length - 1]!++;
  }
  return counts.slice(0, -1); // the last window is partial
}

async function limited(): Promise<void> {
  const dataset = syntheticDataset({ posts: 300, replies: 450, seed: 11, spanDays: 6 });
  const fake: FakeX = await startFakeX({ dataset, tokens: [TOKEN], rateLimits: null });
  fake.setRateLimits({ limit: 60, periodSeconds: 10 });
  const searches: number[] = [];
  fake.onRequest((_n, _m, path) => {
    if (path.startsWith('/2/tweets/search/')) searches.push(Date.now());
  });
  try {
    const ws = workspace(fake.url, 'privacy:\n  faces: false\n');
    const { run, seconds } = await runCli(ws);
    rmSync(ws.root, { recursive: true, force: true });
    const full = perWindow(searches, 10_000);
    const mean = full.reduce((a, b) => a + b, 0) / Math.max(1, full.length);
    console.log(`\n== X capture with every endpoint limited to 60 requests per 10 s (status ${run.status}) ==`);
    console.log(`search requests              ${searches.length} in ${seconds.toFixed(1)} s`);
    console.log(`searches per full window     ${mean.toFixed(1)} of 60 over ${full.length} windows → ${((mean / 60) * 100).toFixed(1)}%   target ≥ 90%`);
    console.log(`429 responses                ${fake.stats.exceeded}   target 0`);
    reportFigures([
      { figure: 'x rate-limited capture: use of each full search window', value: (mean / 60) * 100, unit: '%', target: { op: '>=', value: 90 } },
      { figure: 'x rate-limited capture: 429 responses', value: fake.stats.exceeded, unit: '', target: { op: '<=', value: 0 } },
    ]);
  } finally {
    await fake.close();
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      posts: { type: 'string', default: '3200' },
      replies: { type: 'string', default: '10000' },
      'skip-limited': { type: 'boolean', default: false },
    },
  });
  await unlimited(Number(args.posts), Number(args.replies));
  if (!args['skip-limited']) await limited();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
