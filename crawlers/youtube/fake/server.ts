// A fake YouTube Data API v3 on 127.0.0.1 for tests, benchmarks and demos: the list endpoints a
// crawler uses with their parameters, page tokens and Google errors, API keys, a daily quota per key
// that resets at midnight Pacific, thumbnails and channel images as real JPEGs, and injected faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FaultLayer } from '../../fake-faults.js';
import type { AddressInfo, Socket } from 'node:net';
import { quotaDay } from '../quota-day.js';
import { demoDataset } from './demo-dataset.js';
import { mediaSpec } from './entities.js';
import { youtubeImage } from './images.js';
import { ERRORS, googleErrorBody, routeApi } from './routes.js';
import type { FakeYouTubeDataset } from './store.js';

export interface FakeYouTubeOptions {
  /** Default: `demoDataset()`. */
  dataset?: FakeYouTubeDataset;
  /** Accepted API keys (`key=`). Default: `['fake-youtube-key']`. */
  keys?: string[];
  /** Units per key per Pacific day; every API call costs 1. Default 10,000; null = unlimited. */
  dailyQuota?: number | null;
  /** The clock for quota days and the `Date` header (ms since the epoch); default Date.now. */
  now?: () => number;
  port?: number;
}

/** An injected failure, consumed by the first request whose path and query match. */
export type YouTubeFault =
  /** A Google error (e.g. 403 `rateLimitExceeded`, 500 `backendError`). */
  | { kind: 'google'; status: number; reason: string; message?: string; times?: number; match?: RegExp }
  /** An HTML error page from the front end (502 etc.). */
  | { kind: 'status'; status: number; times?: number; match?: RegExp }
  /** Destroy the socket without an answer. */
  | { kind: 'reset'; times?: number; match?: RegExp };

export interface FakeYouTubeStats {
  requests: number;
  /** Calls to /youtube/v3/… (each costs a unit when the key is valid and the quota not spent). */
  apiRequests: number;
  responses: Record<number, number>;
  /** API calls by resource (`channels`, `videos`, ...). */
  calls: Record<string, number>;
  /** 403 quotaExceeded answers because a key's daily quota was spent. */
  exceeded: number;
}

export interface FakeYouTube {
  readonly url: string;
  readonly dataset: FakeYouTubeDataset;
  readonly stats: FakeYouTubeStats;
  nextDay(): void;
  /** Units per key per Pacific day (null = unlimited); what was spent today is kept. */
  setDailyQuota(units: number | null): void;
  /** Units a key spent on the current Pacific day. */
  quotaUsed(key?: string): number;
  inject(f: YouTubeFault): void;
  /** The shared fault layer in front of every route (crawlers/fake-faults.ts). */
  readonly faults: FaultLayer;
  onRequest(cb: (n: number, pathAndQuery: string) => void): void;
  close(): Promise<void>;
}

export const FAKE_API_KEY = 'fake-youtube-key';

export async function startFakeYouTube(opts: FakeYouTubeOptions = {}): Promise<FakeYouTube> {
  const ds = opts.dataset ?? demoDataset();
  if (ds.baseUrl !== null) throw new Error(`dataset "${ds.name}" is already served at ${ds.baseUrl}; give each server its own dataset`);
  const now = opts.now ?? Date.now;
  const keys = new Set(opts.keys ?? [FAKE_API_KEY]);
  let dailyQuota = opts.dailyQuota === undefined ? 10_000 : opts.dailyQuota;
  const spent = new Map<string, { day: string; used: number }>();
  const faults: { fault: YouTubeFault; left: number }[] = [];
  const listeners: ((n: number, pathAndQuery: string) => void)[] = [];
  const stats: FakeYouTubeStats = { requests: 0, apiRequests: 0, responses: {}, calls: {}, exceeded: 0 };
  let base = '';

  const used = (key: string): { day: string; used: number } => {
    const day = quotaDay(new Date(now()));
    let s = spent.get(key);
    if (!s || s.day !== day) spent.set(key, (s = { day, used: 0 }));
    return s;
  };

  const json = (status: number, body: unknown): { status: number; type: string; body: Buffer } => ({
    status,
    type: 'application/json; charset=UTF-8',
    body: Buffer.from(`${JSON.stringify(body, null, 2)}\n`),
  });

  const api = (url: URL): { status: number; type: string; body: Buffer } => {
    stats.apiRequests += 1;
    const resource = url.pathname.split('/').pop() ?? '';
    stats.calls[resource] = (stats.calls[resource] ?? 0) + 1;
    const key = url.searchParams.get('key');
    if (key === null) {
      return json(403, googleErrorBody({
        code: 403,
        message: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        domain: 'global',
        reason: 'forbidden',
        status: 'PERMISSION_DENIED',
      }));
    }
    if (!keys.has(key)) {
      const body = googleErrorBody({ code: 400, message: 'API key not valid. Please pass a valid API key.', domain: 'global', reason: 'badRequest', status: 'INVALID_ARGUMENT' }) as { error: Record<string, unknown> };
      body.error.details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'youtube.googleapis.com' } }];
      return json(400, body);
    }
    const q = used(key);
    if (dailyQuota !== null && q.used >= dailyQuota) {
      stats.exceeded += 1;
      return json(403, googleErrorBody(ERRORS.quotaExceeded()));
    }
    // Every call costs its unit, whatever it answers.
    q.used += 1;
    const res = routeApi(ds, base, url.pathname, url.searchParams);
    if (res.status === 404 && res.body === null) return { status: 404, type: 'text/html; charset=UTF-8', body: Buffer.from('<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>\n') };
    return json(res.status, res.body);
  };

  const takeFault = (pathAndQuery: string): YouTubeFault | undefined => {
    const i = faults.findIndex((f) => {
      if (!f.fault.match) return true;
      f.fault.match.lastIndex = 0;
      return f.fault.match.test(pathAndQuery);
    });
    const entry = faults[i];
    if (!entry) return undefined;
    if (--entry.left === 0) faults.splice(i, 1);
    return entry.fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const n = ++stats.requests;
    const pathAndQuery = req.url ?? '/';
    const url = new URL(pathAndQuery, base);
    for (const cb of listeners) cb(n, pathAndQuery);
    let reply: { status: number; type: string; body: Buffer };
    const fault = takeFault(pathAndQuery);
    if (fault?.kind === 'reset') {
      (req.socket as Socket).resetAndDestroy();
      return;
    }
    if (fault?.kind === 'google') {
      reply = json(fault.status, googleErrorBody({ code: fault.status, message: fault.message ?? fault.reason, domain: 'global', reason: fault.reason }));
    } else if (fault?.kind === 'status') {
      reply = { status: fault.status, type: 'text/html; charset=UTF-8', body: Buffer.from(`<!DOCTYPE html><title>Error ${fault.status}</title>\n`) };
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply = { status: 405, type: 'text/plain', body: Buffer.from('Method Not Allowed\n') };
    } else if (url.pathname.startsWith('/youtube/v3/')) {
      reply = api(url);
    } else {
      const spec = mediaSpec(ds, url.pathname);
      reply = spec
        ? { status: 200, type: 'image/jpeg', body: await youtubeImage(spec) }
        : { status: 404, type: 'text/html; charset=UTF-8', body: Buffer.from('<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>\n') };
    }
    stats.responses[reply.status] = (stats.responses[reply.status] ?? 0) + 1;
    res.writeHead(reply.status, {
      'Content-Type': reply.type,
      'Content-Length': String(reply.body.length),
      Date: new Date(now()).toUTCString(),
      Vary: 'Origin, X-Origin, Referer',
      Server: url.pathname.startsWith('/youtube/') ? 'scaffolding on HTTPServer2' : 'sffe',
      'Cache-Control': url.pathname.startsWith('/youtube/') ? 'private' : 'public, max-age=7200',
    });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  };

  const layer = new FaultLayer();
  const server = createServer(layer.wrap((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    });
  }));
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ds.baseUrl = base;
  await prerender(ds);

  return {
    url: base,
    dataset: ds,
    stats,
    nextDay: () => ds.nextDay(),
    setDailyQuota: (units) => void (dailyQuota = units),
    faults: layer,
    quotaUsed: (key = [...keys][0]!) => used(key).used,
    inject(f) {
      const times = f.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error('fault: times must be a positive integer');
      faults.push({ fault: f, left: times });
    },
    onRequest: (cb) => void listeners.push(cb),
    close: () =>
      new Promise<void>((resolve) => {
        layer.clear();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Draws every image the dataset refers to now (cached by the image module), so no request waits for sharp. */
async function prerender(ds: FakeYouTubeDataset): Promise<void> {
  const paths: string[] = [];
  for (const v of ds.videos.values()) for (const f of ['default', 'mqdefault', 'hqdefault', 'sddefault', 'maxresdefault']) paths.push(`/vi/${v.id}/${f}.jpg`);
  for (const c of ds.channels.values()) paths.push(`/ytc/${c.id}=s800-c-k-c0x00ffffff-no-rj`, `/banner/${c.id}`);
  const specs = paths.flatMap((p) => {
    const s = mediaSpec(ds, p);
    return s ? [s] : [];
  });
  await Promise.all(specs.map((s) => youtubeImage(s)));
}
