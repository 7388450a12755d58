// YouTube capture benchmark (issue 6). On the fake YouTube Data API on loopback, a synthetic
// channel (default 200 videos, 20,000 comments; threads beyond 100 and replies beyond 5 included):
//  - items per second of a first capture (its own process, capture stage only), against a bare
//    client in the same run that fetches exactly the minimum request set and stores nothing;
//  - requests served against the minimum possible (API calls + one thumbnail per video + avatar and
//    banner), and quota units spent against the minimum;
//  - a daily quota of a tenth of what the capture needs: days until complete, quotaExceeded answers.
// Usage: npm run build && node dist/bench/youtube/throughput.js [--videos N --comments N] [--skip-quota]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { expectedCapture, FAKE_API_KEY, startFakeYouTube, syntheticDataset } from '../../crawlers/youtube/fake/index.js';
import { runCapture } from '../../src/capture/run.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openWorkspace } from '../../src/workspace.js';
import { reportFigures } from '../figures.js';

const CHILD = join(PACKAGE_ROOT, 'dist', 'bench', 'youtube', 'capture-child.js');

function workspace(instance: string, settings: string): { config: string; data: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'socialarchive-bench-youtube-'));
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config', 'accounts.yaml'),
    `organisation: { name: Gemeente Voorbeeldstad, id: "https://identifier.overheid.nl/tooi/id/gemeente/gm9999" }
accounts:
  - id: voorbeeldstad-youtube
    platform: youtube
    handle: voorbeeldstad
    instance: ${instance}
    status: active
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst gemeenten 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    capture: { replies: true, media: true, render: false }
    credentials: env:BENCH_YOUTUBE_KEY
`,
  );
  writeFileSync(join(root, 'config', 'socialarchive.yaml'), settings);
  return { root, config: join(root, 'config'), data: join(root, 'data') };
}

interface ChildResult {
  status: string;
  seconds: number;
  items: number;
  requests: number;
  maxRssBytes: number;
}

function capture(ws: { config: string; data: string }): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, ws.config, ws.data], {
      env: { ...process.env, BENCH_YOUTUBE_KEY: FAKE_API_KEY, SOCIALARCHIVE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`capture exited with ${code}`))));
  });
}

/**
 * Reference: the fewest requests a complete capture makes, fetched with keep-alive, 4 at a time
 * (the crawler's per-host concurrency), parsed but not stored. Returns seconds and requests.
 */
async function bareWalk(base: string): Promise<{ seconds: number; requests: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  let requests = 0;
  const get = (url: string) =>
    new Promise<Buffer>((resolve, reject) => {
      requests++;
      http
        .get(url, { agent, headers: { 'Accept-Encoding': 'identity' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  const api = async <T>(resource: string, params: Record<string, string>): Promise<T> =>
    JSON.parse((await get(`${base}/youtube/v3/${resource}?${new URLSearchParams({ ...params, key: FAKE_API_KEY })}`)).toString()) as T;
  type List<T> = { items?: T[]; nextPageToken?: string };
  type Thread = { snippet: { topLevelComment: { id: string }; totalReplyCount: number }; replies?: { comments: unknown[] } };
  const pool = async <T>(items: T[], fn: (t: T) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }));
  };
  const started = performance.now();
  const ch = await api<List<{ contentDetails: { relatedPlaylists: { uploads: string } }; snippet: { thumbnails: { high: { url: string } } }; brandingSettings: { image: { bannerExternalUrl: string } } }>>('channels', {
    part: 'snippet,contentDetails,statistics,brandingSettings',
    forHandle: '@voorbeeldstad',
  });
  const channel = ch.items![0]!;
  await pool([channel.snippet.thumbnails.high.url, channel.brandingSettings.image.bannerExternalUrl], async (u) => void (await get(u)));
  const videos: { id: string; snippet: { thumbnails: Record<string, { url: string }> }; statistics: { commentCount?: string } }[] = [];
  let token: string | undefined;
  do {
    const page = await api<List<{ contentDetails: { videoId: string } }>>('playlistItems', {
      part: 'snippet,contentDetails,status',
      playlistId: channel.contentDetails.relatedPlaylists.uploads,
      maxResults: '50',
      ...(token ? { pageToken: token } : {}),
    });
    const got = await api<List<(typeof videos)[number]>>('videos', { part: 'snippet,contentDetails,statistics,status,liveStreamingDetails', id: page.items!.map((i) => i.contentDetails.videoId).join(',') });
    videos.push(...got.items!);
    token = page.nextPageToken;
  } while (token);
  await pool(videos, async (v) => {
    const t = v.snippet.thumbnails;
    await get((t.maxres ?? t.standard ?? t.high)!.url);
  });
  await pool(
    videos.filter((v) => v.statistics.commentCount !== '0'),
    async (v) => {
      let page: string | undefined;
      do {
        const threads: List<Thread> = await api<List<Thread>>('commentThreads', { part: 'snippet,replies', videoId: v.id, maxResults: '100', order: 'time', textFormat: 'plainText', ...(page ? { pageToken: page } : {}) }).catch(() => ({}));
        for (const t of threads.items ?? []) {
          if (t.snippet.totalReplyCount <= (t.replies?.comments.length ?? 0)) continue;
          let r: string | undefined;
          do {
            const replies: List<unknown> = await api<List<unknown>>('comments', { part: 'snippet', parentId: t.snippet.topLevelComment.id, maxResults: '100', textFormat: 'plainText', ...(r ? { pageToken: r } : {}) });
            r = replies.nextPageToken;
          } while (r);
        }
        page = threads.nextPageToken;
      } while (page);
    },
  );
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, requests };
}

async function throughput(videos: number, comments: number): Promise<void> {
  const dataset = syntheticDataset({ videos, comments, seed: 7, hotThreads: 250, hotReplies: 150 });
  const fake = await startFakeYouTube({ dataset, dailyQuota: null });
  try {
    const want = expectedCapture(fake.dataset, 'voorbeeldstad');
    const minimum = want.firstCaptureUnits + want.videoIds.length + want.profileMedia.length;
    const reference = await bareWalk(fake.url);
    const before = { requests: fake.stats.requests, units: fake.stats.apiRequests };
    const ws = workspace(fake.url, 'capture:\n  threadConcurrency: 4\n');
    const run = await capture(ws);
    rmSync(ws.root, { recursive: true, force: true });
    const served = fake.stats.requests - before.requests;
    const units = fake.stats.apiRequests - before.units;
    const items = want.itemIds.length + 1;
    console.log(`\n== YouTube capture: ${videos} videos, ${comments} comments, no quota limit (status ${run.status}) ==`);
    console.log(`items stored                 ${run.items} (expected ${items})`);
    console.log(`capture time                 ${run.seconds.toFixed(1)} s`);
    console.log(`items per second             ${(run.items / run.seconds).toFixed(0)}   target ≥ 1000`);
    console.log(`requests                     ${served} served, minimum ${minimum} → ${(served / minimum).toFixed(3)}×   target ≤ 1.05×`);
    console.log(`quota units                  ${units}, minimum ${want.firstCaptureUnits} → ${(units / want.firstCaptureUnits).toFixed(3)}×`);
    console.log(`peak RSS of the capture      ${(run.maxRssBytes / 1_048_576).toFixed(0)} MB`);
    console.log(`reference: bare walk of the minimum set (${reference.requests} requests), storing nothing: ${reference.seconds.toFixed(1)} s (${(items / reference.seconds).toFixed(0)} items/s)`);
    console.log(`ratio capture / bare walk    ${(run.seconds / reference.seconds).toFixed(2)}× the time`);
    reportFigures([
      { figure: `youtube capture ${videos} videos + ${comments} comments`, value: run.items / run.seconds, unit: 'items/s', target: { op: '>=', value: 1000 } },
      { figure: 'youtube capture requests / minimum possible', value: served / minimum, unit: '×', target: { op: '<=', value: 1.05 } },
      { figure: 'youtube capture quota units / minimum', value: units / want.firstCaptureUnits, unit: '×', target: { op: '<=', value: 1.05 } },
      { figure: 'youtube bare walk of the minimum set (reference)', value: items / reference.seconds, unit: 'items/s' },
    ]);
  } finally {
    await fake.close();
  }
}

/** A daily quota of a tenth of the first capture's units, days simulated by the clock of capture and fake. */
async function quotaDays(): Promise<void> {
  const dataset = syntheticDataset({ videos: 60, comments: 3000, seed: 11 });
  let clock = Date.parse('2026-06-01T12:00:00Z');
  const probe = expectedCapture(dataset, 'voorbeeldstad').firstCaptureUnits;
  const daily = Math.max(10, Math.ceil(probe / 10));
  const fake = await startFakeYouTube({ dataset, dailyQuota: daily, now: () => clock });
  const dirs = workspace(fake.url, `capture:\n  youtube:\n    dailyQuota: ${daily}\n`);
  process.env.BENCH_YOUTUBE_KEY = FAKE_API_KEY;
  const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
  try {
    const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'bench');
    let days = 0;
    let status = '';
    while (status !== 'completed' && days < 60) {
      status = (await runCapture(ws, registry, { now: () => new Date(clock) })).status;
      days++;
      clock += 86_400_000;
    }
    const ideal = Math.ceil(probe / (daily - 1)); // each further day spends one unit on the channel lookup
    console.log(`\n== YouTube capture under a daily quota of ${daily} units (${probe} needed) ==`);
    console.log(`days until complete          ${days} (status ${status}); at best ${ideal}`);
    console.log(`quotaExceeded answers        ${fake.stats.exceeded}   target 0`);
    console.log(`units spent                  ${fake.stats.apiRequests} of ${days * daily} allowed over those days`);
    reportFigures([
      { figure: 'youtube quota-limited capture: days / fewest possible', value: days / ideal, unit: '×' },
      { figure: 'youtube quota-limited capture: quotaExceeded answers', value: fake.stats.exceeded, unit: '', target: { op: '<=', value: 0 } },
    ]);
  } finally {
    await ws.close();
    await fake.close();
    rmSync(dirs.root, { recursive: true, force: true });
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      videos: { type: 'string', default: '200' },
      comments: { type: 'string', default: '20000' },
      'skip-quota': { type: 'boolean', default: false },
    },
  });
  await throughput(Number(args.videos), Number(args.comments));
  if (!args['skip-quota']) await quotaDays();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
