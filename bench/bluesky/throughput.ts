// Bluesky capture benchmark (issue 6). Prints, for the fake Bluesky network on loopback:
//  1. 10,000 posts with 30,000 replies, no rate limit: items per second of `socialarchive run`
//     (a separate process), requests against the minimum possible, peak RSS; and as reference, in
//     the same run, a bare HTTP client fetching exactly the minimum request set and storing nothing.
//  2. An AppView limit of 60 requests per 10 s: requests per full window against the 60 allowed, 429s.
// Usage: npm run build && node dist/bench/bluesky/throughput.js [--posts N --replies N] [--skip-limited]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FEED_PAGE_LIMIT, THREAD_DEPTH } from '../../crawlers/bluesky/api.js';
import { blueskySyntheticDataset, expectedCapture, startFakeBluesky, type BlueskyDataset } from '../../crawlers/bluesky/fake/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { reportFigures } from '../figures.js';
import { fullWindows } from '../windows.js';

const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');
const HANDLE = 'voorbeeldstad.nl';

function workspace(instance: string, settings: string): { config: string; data: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'socialarchive-bench-bluesky-'));
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'accounts.yaml'),
    `organisation: { name: Gemeente Voorbeeldstad, id: "https://identifier.overheid.nl/tooi/id/gemeente/gm9999" }
accounts:
  - id: voorbeeldstad-bluesky
    platform: bluesky
    handle: ${HANDLE}
    instance: ${instance}
    status: active
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst gemeenten 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    capture: { replies: true, media: true, render: false }
`,
  );
  writeFileSync(join(root, 'config', 'socialarchive.yaml'), settings);
  return { root, config: join(root, 'config'), data: join(root, 'data') };
}

interface RunJson {
  status: string;
  accounts: { stats: { newItems: number; requests: number; media: number }; startedAt: string; finishedAt: string }[];
  process: { maxRssBytes: number; cpuMs: number };
}

async function runCli(ws: { config: string; data: string }): Promise<{ run: RunJson; seconds: number }> {
  const started = process.hrtime.bigint();
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', ws.config, '--data', ws.data, 'run', '--json'], {
      env: { ...process.env, SOCIALARCHIVE_LOG_LEVEL: 'warn' },
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
 * The fewest requests a complete capture can make: the handle, the profile, the author feed pages
 * (keyset: the last page is an empty one without a cursor), one thread per post with replies and one
 * more per branch the depth cuts, each author's DID document where blobs are fetched, each blob once.
 */
function minimumRequests(ds: BlueskyDataset): { feedPages: number; urls: string[]; items: number } {
  const want = expectedCapture(ds, HANDLE);
  const base = ds.baseUrl!;
  const xrpc = (nsid: string, q: Record<string, string>) => `${base}/xrpc/${nsid}?${new URLSearchParams(q)}`;
  const urls = [xrpc('com.atproto.identity.resolveHandle', { handle: HANDLE }), xrpc('app.bsky.actor.getProfile', { actor: want.did })];
  const thread = (uri: string) => xrpc('app.bsky.feed.getPostThread', { uri, depth: String(THREAD_DEPTH), parentHeight: '0' });
  for (const uri of Object.keys(want.descendants)) {
    urls.push(thread(uri));
    // Posts at each multiple of the depth that have replies are fetched again from there.
    const walk = (u: string, level: number) => {
      for (const child of ds.children(u)) {
        if ((level + 1) % THREAD_DEPTH === 0 && ds.children(child).length > 0) urls.push(thread(child));
        walk(child, level + 1);
      }
    };
    walk(uri, 0);
  }
  const blobs = new Set<string>();
  const dids = new Set<string>();
  const me = ds.actor(want.did)!;
  for (const spec of [me.avatar, me.banner]) if (spec) blobs.add(xrpc('com.atproto.sync.getBlob', { did: me.did, cid: ds.blob(spec).cid }));
  if (blobs.size) dids.add(me.did);
  for (const [uri, cids] of Object.entries(want.blobs)) {
    const did = ds.posts.get(uri)!.did;
    dids.add(did);
    for (const cid of cids) blobs.add(xrpc('com.atproto.sync.getBlob', { did, cid }));
  }
  urls.push(...[...dids].map((d) => `${base}/${d}`), ...blobs);
  return { feedPages: Math.ceil(want.feed.length / FEED_PAGE_LIMIT) + 1, urls, items: want.itemIds.length + 1 };
}

/** Reference: the feed pages one after another (each needs the cursor before), the rest with keep-alive, 4 at a time; nothing stored. */
async function bareFetch(ds: BlueskyDataset, urls: string[]): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const get = (url: string) =>
    new Promise<Buffer>((resolve, reject) => {
      http
        .get(url, { agent, headers: { 'Accept-Encoding': 'identity' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  const started = process.hrtime.bigint();
  const did = ds.actorByHandle(HANDLE)!.did;
  let cursor: string | undefined;
  do {
    const q = new URLSearchParams({ actor: did, limit: String(FEED_PAGE_LIMIT), ...(cursor ? { cursor } : {}) });
    cursor = (JSON.parse((await get(`${ds.baseUrl}/xrpc/app.bsky.feed.getAuthorFeed?${q}`)).toString()) as { cursor?: string }).cursor;
  } while (cursor);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < urls.length) await get(urls[next++]!);
    }),
  );
  agent.destroy();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function unlimited(posts: number, replies: number): Promise<void> {
  const dataset = blueskySyntheticDataset({ posts, replies, seed: 7, mediaEvery: 25 });
  const fake = await startFakeBluesky({ dataset, rateLimit: null, pdsRateLimit: null });
  try {
    const min = minimumRequests(fake.dataset);
    const minimum = min.urls.length + min.feedPages;
    const reference = await bareFetch(fake.dataset, min.urls);
    const before = fake.stats.requests;
    const ws = workspace(fake.url, 'capture:\n  threadConcurrency: 4\nprivacy:\n  faces: false\n');
    const { run, seconds } = await runCli(ws);
    const served = fake.stats.requests - before;
    const account = run.accounts[0]!;
    const items = account.stats.newItems;
    // `run` goes on with the formats stage and the privacy scan; the capture is the account's own time.
    const captureSeconds = (Date.parse(account.finishedAt) - Date.parse(account.startedAt)) / 1000;
    rmSync(ws.root, { recursive: true, force: true });
    console.log(`\n== Bluesky capture: ${posts} posts, ${replies} replies, no rate limit (status ${run.status}) ==`);
    console.log(`items stored                 ${items} (expected ${min.items})`);
    console.log(`capture time                 ${captureSeconds.toFixed(1)} s (whole run process: ${seconds.toFixed(1)} s, with formats stage and text scan)`);
    console.log(`items per second             ${(items / captureSeconds).toFixed(0)}   target ≥ 1000`);
    console.log(`requests                     ${served} served, minimum ${minimum} → ${(served / minimum).toFixed(3)}×   target ≤ 1.05×`);
    console.log(`peak RSS of the run          ${(run.process.maxRssBytes / 1_048_576).toFixed(0)} MB`);
    console.log(`reference: bare fetch of the minimum set, storing nothing: ${reference.toFixed(1)} s (${(min.items / reference).toFixed(0)} items/s)`);
    console.log(`ratio capture / bare fetch   ${(captureSeconds / reference).toFixed(2)}× the time`);
    reportFigures([
      { figure: `bluesky capture ${posts} posts + ${replies} replies`, value: items / captureSeconds, unit: 'items/s', target: { op: '>=', value: 1000 } },
      { figure: 'bluesky capture requests / minimum possible', value: served / minimum, unit: '×', target: { op: '<=', value: 1.05 } },
      { figure: 'bluesky capture peak RSS', value: run.process.maxRssBytes / 1_048_576, unit: 'MB' },
      { figure: 'bluesky bare fetch of the minimum set (reference)', value: min.items / reference, unit: 'items/s' },
    ]);
  } finally {
    await fake.close();
  }
}

async function limited(): Promise<void> {
  const dataset = blueskySyntheticDataset({ posts: 600, replies: 900, seed: 11 });
  const fake = await startFakeBluesky({ dataset, rateLimit: { limit: 60, windowSeconds: 10 }, pdsRateLimit: null });
  const times: number[] = [];
  fake.onRequest((_n, _m, path) => {
    if (path.startsWith('/xrpc/app.bsky.') || path.startsWith('/xrpc/com.atproto.identity.')) times.push(Date.now());
  });
  try {
    const ws = workspace(fake.url, 'privacy:\n  faces: false\n');
    const { run, seconds } = await runCli(ws);
    rmSync(ws.root, { recursive: true, force: true });
    const full = fullWindows(times, 10_000);
    const perWindow = full.reduce((a, b) => a + b, 0) / Math.max(1, full.length);
    console.log(`\n== Bluesky capture under an AppView limit of 60 requests per 10 s (status ${run.status}) ==`);
    console.log(`AppView requests             ${times.length} in ${seconds.toFixed(1)} s`);
    console.log(`requests per full window     ${perWindow.toFixed(1)} of 60 over ${full.length} windows → ${((perWindow / 60) * 100).toFixed(1)}%   target ≥ 90%`);
    console.log(`429 responses                ${fake.stats.exceeded}   target 0`);
    reportFigures([
      { figure: 'bluesky rate-limited capture: use of each full window', value: (perWindow / 60) * 100, unit: '%', target: { op: '>=', value: 90 } },
      { figure: 'bluesky rate-limited capture: 429 responses', value: fake.stats.exceeded, unit: '', target: { op: '<=', value: 0 } },
    ]);
  } finally {
    await fake.close();
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      posts: { type: 'string', default: '10000' },
      replies: { type: 'string', default: '30000' },
      'skip-limited': { type: 'boolean', default: false },
    },
  });
  await unlimited(Number(args.posts), Number(args.replies));
  if (!args['skip-limited']) await limited();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
