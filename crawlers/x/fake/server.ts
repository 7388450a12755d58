// A fake X API v2 on 127.0.0.1 for tests and benchmarks: the endpoints a crawler uses, media as
// pbs.twimg.com and video.twimg.com serve them (on the same origin), bearer tokens, X's rate limits
// per endpoint and token with their headers and 429, full-archive search's one request per second,
// and injected faults. See README.md in this folder.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { faultBody, FaultQueue, type Fault } from '../../mastodon/fake/faults.js';
import { FaultLayer } from '../../fake-faults.js';
import type { FakeXDataset, FakeXMedia } from './dataset.js';
import { demoDataset } from './demo-dataset.js';
import { mediumImage, renderImage, renderVideo, videoSpec } from './media.js';
import { mediaPaths } from './render.js';
import { notFoundPath, routeApi, type Endpoint } from './routes.js';

export type { Fault } from '../../mastodon/fake/faults.js';
export type { Endpoint } from './routes.js';

export interface RateLimit {
  limit: number;
  periodSeconds: number;
}

/** X's published limits per app (bearer token), per 15 minutes. */
export const X_RATE_LIMITS: Record<Endpoint, RateLimit> = {
  'users/by/username': { limit: 300, periodSeconds: 900 },
  'users/:id': { limit: 300, periodSeconds: 900 },
  'users/:id/tweets': { limit: 10_000, periodSeconds: 900 },
  'tweets/search/recent': { limit: 450, periodSeconds: 900 },
  'tweets/search/all': { limit: 300, periodSeconds: 900 },
  tweets: { limit: 3_500, periodSeconds: 900 },
  'tweets/:id': { limit: 450, periodSeconds: 900 },
};

export interface FakeXOptions {
  /** Default: `demoDataset()`. */
  dataset?: FakeXDataset;
  port?: number;
  /** Accepted bearer tokens; default none (every API call is then a 401). */
  tokens?: string[];
  /** Limits per endpoint; `null` turns them off. Default: X's published limits. */
  rateLimits?: Partial<Record<Endpoint, RateLimit>> | null;
  /** Full-archive search at most once per second per token (X's rule); default true. */
  fullArchivePerSecond?: boolean;
  /** Whether the tokens' plan includes full-archive search (403 client-forbidden otherwise); default true. */
  fullArchive?: boolean;
  /** How many of an account's most recent posts the timeline serves; default 3,200 as X. */
  timelineCap?: number;
  /** Clock for rate-limit windows, the recent-search window and `Date` (ms); default Date.now. */
  now?: () => number;
}

export interface FakeXStats {
  requests: number;
  apiRequests: number;
  responses: Record<number, number>;
  paths: Record<string, number>;
  /** Requests by endpoint (rate-limited API paths). */
  endpoints: Record<string, number>;
  /** 429s because a limit was exceeded (injected ones not counted). */
  exceeded: number;
}

export interface FakeX {
  readonly url: string;
  readonly dataset: FakeXDataset;
  readonly stats: FakeXStats;
  nextDay(): void;
  /** Tight limits for every endpoint (or X's own with `'default'`), or none with null. */
  setRateLimits(r: RateLimit | 'default' | null): void;
  setFullArchive(on: boolean): void;
  inject(f: Fault): void;
  readonly pendingFaults: number;
  /** The shared fault layer in front of every route (crawlers/fake-faults.ts). */
  readonly faults: FaultLayer;
  onRequest(cb: (n: number, method: string, pathAndQuery: string) => void): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Window {
  count: number;
  /** Epoch seconds. */
  reset: number;
}

const PROBLEM_401 = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const PROBLEM_429 = { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 };
const FORBIDDEN = {
  client_id: '28735514',
  detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
  registration_url: 'https://developer.x.com/en/docs/projects/overview',
  title: 'Client Forbidden',
  required_enrollment: 'Appropriate Level of API Access',
  reason: 'client-not-enrolled',
  type: 'https://api.x.com/2/problems/client-forbidden',
};

export async function startFakeX(opts: FakeXOptions = {}): Promise<FakeX> {
  const ds = opts.dataset ?? demoDataset();
  if (ds.baseUrl !== null) throw new Error(`dataset "${ds.name}" is already served at ${ds.baseUrl}; give each server its own dataset`);
  const now = opts.now ?? Date.now;
  const tokens = new Set(opts.tokens ?? []);
  let limits: Partial<Record<Endpoint, RateLimit>> | null = opts.rateLimits === undefined ? { ...X_RATE_LIMITS } : opts.rateLimits;
  let fullArchive = opts.fullArchive ?? true;
  const perSecond = opts.fullArchivePerSecond ?? true;
  const windows = new Map<string, Window>();
  const lastFullArchive = new Map<string, number>();
  const faults = new FaultQueue();
  const listeners: ((n: number, method: string, pathAndQuery: string) => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const stats: FakeXStats = { requests: 0, apiRequests: 0, responses: {}, paths: {}, endpoints: {}, exceeded: 0 };
  let base = '';
  let transaction = 0;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-transaction-id': (++transaction).toString(16).padStart(16, '0'), ...headers },
    body: Buffer.from(JSON.stringify(body)),
  });

  const limitHeaders = (w: Window, limit: number): Record<string, string> => ({
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(Math.max(0, limit - w.count)),
    'x-rate-limit-reset': String(w.reset),
  });

  /** Counts the request in its endpoint's window; the window starts with its first request. */
  const hit = (key: string, r: RateLimit, t: number): Window => {
    let w = windows.get(key);
    if (!w || t >= w.reset * 1000) windows.set(key, (w = { count: 0, reset: Math.ceil((t + r.periodSeconds * 1000) / 1000) }));
    w.count += 1;
    return w;
  };

  const api = (req: IncomingMessage, url: URL): Reply => {
    stats.apiRequests += 1;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !tokens.has(m[1]!)) return json(401, PROBLEM_401, { 'www-authenticate': 'Bearer realm="api.x.com"' });
    const token = m[1]!;
    const t = now();
    const answer = routeApi(ds, { path: url.pathname, query: url.searchParams, now: t, base, timelineCap: opts.timelineCap ?? 3200 });
    if (!answer.endpoint) return json(answer.status, answer.body);
    stats.endpoints[answer.endpoint] = (stats.endpoints[answer.endpoint] ?? 0) + 1;
    if (answer.endpoint === 'tweets/search/all' && !fullArchive) return json(403, FORBIDDEN);
    let headers: Record<string, string> = {};
    const r = limits?.[answer.endpoint];
    if (r) {
      const w = hit(`${token} ${answer.endpoint}`, r, t);
      headers = limitHeaders(w, r.limit);
      if (w.count > r.limit) {
        stats.exceeded += 1;
        return json(429, PROBLEM_429, headers);
      }
    }
    if (answer.endpoint === 'tweets/search/all') {
      // Spacing is measured on the real clock, whatever clock the test gives the fake.
      const real = Date.now();
      const last = lastFullArchive.get(token);
      lastFullArchive.set(token, real);
      if (perSecond && last !== undefined && real - last < 1000) {
        stats.exceeded += 1;
        return json(429, PROBLEM_429, headers);
      }
    }
    return json(answer.status, answer.body, headers);
  };

  // Media by file name, indexed on first use (and again after the next day adds some).
  let media = new Map<string, FakeXMedia>();
  const mediaByName = (name: string): FakeXMedia | undefined => {
    if (!media.has(name)) {
      media = new Map();
      for (const t of ds.tweets.values()) for (const v of t.versions) for (const m of v.media) media.set(m.name, m);
    }
    return media.get(name);
  };

  const staticFile = async (url: URL): Promise<Reply> => {
    const p = url.pathname;
    const missing: Reply = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not Found\n') };
    const image = (bytes: Buffer): Reply => ({ status: 200, headers: { 'content-type': 'image/jpeg', 'cache-control': 'max-age=604800, must-revalidate' }, body: bytes });
    let m: RegExpExecArray | null;
    if ((m = /^\/media\/([A-Za-z0-9_-]+)\.jpg$/.exec(p))) {
      const item = mediaByName(m[1]!);
      if (!item || item.type !== 'photo') return missing;
      // pbs.twimg.com: `name=orig` is the original; anything else a smaller rendition.
      return image(await renderImage(url.searchParams.get('name') === 'orig' ? item.image : mediumImage(item.image)));
    }
    if ((m = /^\/(?:ext_tw_video_thumb\/\d+\/pu\/img|tweet_video_thumb)\/([A-Za-z0-9_-]+)\.jpg$/.exec(p))) {
      const item = mediaByName(m[1]!);
      return item && item.type !== 'photo' && mediaPaths(item).thumb === p ? image(await renderImage(item.image)) : missing;
    }
    if ((m = /^\/(?:ext_tw_video\/\d+\/pu\/vid\/avc1\/(\d+)x(\d+)|tweet_video)\/([A-Za-z0-9_-]+)\.mp4$/.exec(p))) {
      const item = mediaByName(m[3]!);
      const variant = item?.variants?.find((v) => (m![1] === undefined || (String(v.width) === m![1] && String(v.height) === m![2])));
      if (!item || !variant || mediaPaths(item).mp4(variant.width, variant.height) !== p) return missing;
      return { status: 200, headers: { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' }, body: await renderVideo(videoSpec(item, variant)) };
    }
    if ((m = /^\/ext_tw_video\/\d+\/pu\/pl\/([A-Za-z0-9_-]+)\.m3u8$/.exec(p))) {
      const item = mediaByName(m[1]!);
      if (!item?.variants || mediaPaths(item).playlist !== p) return missing;
      const lines = ['#EXTM3U', '#EXT-X-INDEPENDENT-SEGMENTS', ...item.variants.flatMap((v) => [`#EXT-X-STREAM-INF:BANDWIDTH=${v.bitRate},RESOLUTION=${v.width}x${v.height}`, `${mediaPaths(item).mp4(v.width, v.height).replace('.mp4', '.m3u8')}`])];
      return { status: 200, headers: { 'content-type': 'application/x-mpegURL' }, body: Buffer.from(`${lines.join('\n')}\n`) };
    }
    if ((m = /^\/profile_images\/(\d+)\/([A-Za-z0-9_-]+?)(_normal)?\.jpg$/.exec(p))) {
      const user = ds.users.get(m[1]!);
      if (!user?.avatar || user.avatar.name !== m[2]) return missing;
      return image(await renderImage(m[3] ? { ...user.avatar.image, width: 48, height: 48 } : user.avatar.image));
    }
    return missing;
  };

  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply, fault: Fault | undefined): void => {
    stats.responses[reply.status] = (stats.responses[reply.status] ?? 0) + 1;
    res.writeHead(reply.status, { date: new Date(now()).toUTCString(), ...reply.headers, 'content-length': String(reply.body.length) });
    if (req.method === 'HEAD') return void res.end();
    const socket = req.socket;
    if (fault?.kind === 'truncate') res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => socket.destroy());
    else if (fault?.kind === 'stall-body') {
      res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)));
      later(fault.ms, () => socket.destroy());
    } else res.end(reply.body);
  };

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const n = ++stats.requests;
    const pathAndQuery = req.url ?? '/';
    const url = new URL(pathAndQuery, base);
    stats.paths[url.pathname] = (stats.paths[url.pathname] ?? 0) + 1;
    for (const cb of listeners) cb(n, req.method ?? 'GET', pathAndQuery);
    const fault = faults.take(pathAndQuery);
    switch (fault?.kind) {
      case 'reset':
        return resetSocket(req.socket);
      case 'stall':
        return later(fault.ms, () => req.socket.destroy());
      case 'status': {
        const { body, contentType } = faultBody(fault.status, fault.body);
        return send(req, res, { status: fault.status, headers: { 'content-type': contentType }, body: Buffer.from(body) }, undefined);
      }
      case '429': {
        const headers: Record<string, string> = {};
        if (fault.resetInSeconds !== undefined) Object.assign(headers, { 'x-rate-limit-limit': '300', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(now() / 1000 + fault.resetInSeconds)) });
        return send(req, res, json(429, PROBLEM_429, headers), undefined);
      }
      default:
    }
    const reply = req.method !== 'GET' && req.method !== 'HEAD' ? json(notFoundPath.status, notFoundPath.body) : url.pathname.startsWith('/2/') ? api(req, url) : await staticFile(url);
    send(req, res, reply, fault);
  };

  // Make every picture and video the dataset refers to now, so no request waits for an encoder.
  await prepareMedia(ds);

  const layer = new FaultLayer();
  const server = createServer(layer.wrap((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void req.socket.destroy();
      send(req, res, json(500, { title: 'Internal Server Error', detail: err instanceof Error ? err.message : String(err), type: 'about:blank', status: 500 }), undefined);
    });
  }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ds.baseUrl = base;

  return {
    url: base,
    dataset: ds,
    stats,
    nextDay: () => ds.applyNextDay(),
    setRateLimits: (r) => {
      windows.clear();
      limits = r === null ? null : r === 'default' ? { ...X_RATE_LIMITS } : Object.fromEntries(Object.keys(X_RATE_LIMITS).map((k) => [k, { ...r }]));
    },
    setFullArchive: (on) => {
      fullArchive = on;
    },
    faults: layer,
    inject: (f) => faults.add(f),
    get pendingFaults() {
      return faults.pending;
    },
    onRequest: (cb) => void listeners.push(cb),
    close: async () => {
      layer.clear();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ds.baseUrl = null;
    },
  };
}

function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** Every photo (both renditions), thumbnail, video rendition and profile picture of the dataset, the next day's included. */
export async function prepareMedia(ds: FakeXDataset): Promise<void> {
  const all = new Map<string, FakeXMedia>();
  const collect = (t: { versions: { media: FakeXMedia[] }[] }) => t.versions.forEach((v) => v.media.forEach((m) => all.set(m.name, m)));
  ds.tweets.forEach(collect);
  ds.pendingTweets().forEach(collect);
  const jobs: Promise<unknown>[] = [];
  for (const m of all.values()) {
    jobs.push(renderImage(m.image));
    if (m.type === 'photo') jobs.push(renderImage(mediumImage(m.image)));
    for (const v of m.variants ?? []) jobs.push(renderVideo(videoSpec(m, v)));
  }
  for (const u of ds.users.values()) if (u.avatar) jobs.push(renderImage(u.avatar.image), renderImage({ ...u.avatar.image, width: 48, height: 48 }));
  await Promise.all(jobs);
}
