// A fake Mastodon server on 127.0.0.1 for tests, benchmarks and `socialarchive demo`: the REST
// endpoints a crawler uses, static media, rack-attack rate limits, whitelist mode and injected faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { demoDataset } from './demo-dataset.js';
import { faultBody, FaultQueue, type Fault } from './faults.js';
import { FaultLayer } from '../../fake-faults.js';
import { CONTENT_TYPES, renderImage, type ImageSpec } from './images.js';
import { exceededHeaders, rateLimitHeaders, Throttle, type RateLimit, type ThrottleData } from './rate-limit.js';
import { routeApi } from './routes.js';
import { MISSING_AVATAR, MISSING_HEADER, type FakeDataset } from './store.js';

export type { Fault } from './faults.js';
export type { RateLimit } from './rate-limit.js';

export interface FakeMastodonOptions {
  /** Default: `demoDataset()`. */
  dataset?: FakeDataset;
  /** 0 (default) = a free port; always binds 127.0.0.1. */
  port?: number;
  /** Accepted user tokens (`Authorization: Bearer <t>` or `?access_token=<t>`); default none. */
  tokens?: string[];
  /** API throttle per token or, anonymous, per IP; default 300 per 300 s. null = off. */
  rateLimit?: RateLimit | null;
  /** Throttle for requests with min_id/max_id/since_id/page; default off (Mastodon: 300 per 900 s). */
  pagingRateLimit?: RateLimit | null;
  /** 401 `This API requires an authenticated user` for API calls without a valid token. */
  whitelistMode?: boolean;
  /** Clock for rate-limit windows and the Date header (ms since the epoch); default Date.now. */
  now?: () => number;
}

export interface FakeMastodonStats {
  requests: number;
  apiRequests: number;
  /** Responses by status code (what the status line said, also for faults that cut the body). */
  responses: Record<number, number>;
  /** Requests by path (without query). */
  paths: Record<string, number>;
  /** 429s because a rate limit was exceeded (injected 429s not counted). */
  exceeded: number;
}

export interface FakeMastodon {
  /** e.g. `http://127.0.0.1:43123`, no trailing slash. */
  readonly url: string;
  /** The live data; tests compute expectations from it. */
  readonly dataset: FakeDataset;
  readonly stats: FakeMastodonStats;
  /** Apply the dataset's next-day changes (a second call does nothing). */
  nextDay(): void;
  setRateLimit(r: RateLimit | null): void;
  setPagingRateLimit(r: RateLimit | null): void;
  setWhitelistMode(on: boolean): void;
  /** Faults are consumed in order by matching requests (`match` tests path + query). */
  inject(f: Fault): void;
  /** Injected faults not yet consumed (counting `times`). */
  readonly pendingFaults: number;
  /** Called for every request, n = 1, 2, 3, ..., before the response. */
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

const PAGING_PARAMS = ['page', 'min_id', 'max_id', 'since_id'];

export async function startFakeMastodon(opts: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const ds = opts.dataset ?? demoDataset();
  if (ds.baseUrl !== null) throw new Error(`dataset "${ds.name}" is already served at ${ds.baseUrl}; give each server its own dataset`);
  const now = opts.now ?? Date.now;
  const tokens = new Set(opts.tokens ?? []);
  let whitelist = opts.whitelistMode ?? false;
  const apiThrottle = new Throttle({ limit: 300, periodSeconds: 300 });
  let apiLimited = opts.rateLimit !== null;
  if (opts.rateLimit) apiThrottle.config = { ...opts.rateLimit };
  const pagingThrottle = new Throttle({ limit: 300, periodSeconds: 900 });
  let pagingLimited = false;
  if (opts.pagingRateLimit) {
    pagingThrottle.config = { ...opts.pagingRateLimit };
    pagingLimited = true;
  }
  const faults = new FaultQueue();
  const listeners: ((n: number, method: string, pathAndQuery: string) => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const stats: FakeMastodonStats = { requests: 0, apiRequests: 0, responses: {}, paths: {}, exceeded: 0 };
  let base = '';
  let host = '';

  // Draw every image the dataset references now, so no request waits for sharp.
  await Promise.all([...ds.files.values()].map((f) => renderImage(f.spec)));
  await Promise.all([renderImage(MISSING_AVATAR_SPEC), renderImage(MISSING_HEADER_SPEC)]);

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(toRailsJson(body)),
  });

  const api = (req: IncomingMessage, url: URL): Reply => {
    stats.apiRequests += 1;
    const token = bearer(req, url);
    const valid = token !== null && tokens.has(token);
    const key = valid ? `token:${token}` : 'ip:127.0.0.1';
    const t = now();
    const data: ThrottleData[] = [];
    const throttles: Throttle[] = [];
    if (apiLimited) throttles.push(apiThrottle);
    if (pagingLimited && PAGING_PARAMS.some((p) => url.searchParams.get(p))) throttles.push(pagingThrottle);
    for (const th of throttles) {
      const d = th.hit(key, t);
      if (d.count > d.limit) {
        stats.exceeded += 1;
        return json(429, { error: 'Too many requests' }, exceededHeaders(d, t));
      }
      data.push(d);
    }
    const limitHeaders = rateLimitHeaders(data, t);
    // Api::BaseController checks whitelist mode before the controller's own token check.
    if (whitelist && !valid) return json(401, { error: 'This API requires an authenticated user' }, limitHeaders);
    if (token !== null && !valid) {
      return json(401, { error: 'The access token is invalid' }, {
        ...limitHeaders,
        'WWW-Authenticate': 'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
      });
    }
    const res = routeApi(ds, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, host }, { base, authenticated: valid });
    const cache =
      res.status === 200 && !valid ? 'max-age=15, public, stale-while-revalidate=30, stale-if-error=86400' : 'private, no-store';
    return json(res.status, res.body, { ...limitHeaders, 'Cache-Control': cache, ...res.headers });
  };

  const staticFile = async (path: string): Promise<Reply> => {
    const spec = path === MISSING_AVATAR ? MISSING_AVATAR_SPEC : path === MISSING_HEADER ? MISSING_HEADER_SPEC : ds.files.get(path)?.spec;
    if (!spec) return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not Found\n') };
    return {
      status: 200,
      headers: { 'Content-Type': CONTENT_TYPES[spec.format], 'Cache-Control': 'public, max-age=31536000, immutable' },
      body: await renderImage(spec),
    };
  };

  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply, fault: Fault | undefined): void => {
    stats.responses[reply.status] = (stats.responses[reply.status] ?? 0) + 1;
    const headers = { Date: new Date(now()).toUTCString(), ...reply.headers, 'Content-Length': String(reply.body.length) };
    res.writeHead(reply.status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const socket = req.socket;
    if (fault?.kind === 'truncate') {
      res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => socket.destroy());
    } else if (fault?.kind === 'stall-body') {
      res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)));
      later(fault.ms, () => socket.destroy());
    } else {
      res.end(reply.body);
    }
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
        resetSocket(req.socket);
        return;
      case 'stall':
        later(fault.ms, () => req.socket.destroy());
        return;
      case 'status': {
        const { body, contentType } = faultBody(fault.status, fault.body);
        send(req, res, { status: fault.status, headers: { 'Content-Type': contentType }, body: Buffer.from(body) }, undefined);
        return;
      }
      case '429': {
        const headers: Record<string, string> = {};
        if (fault.resetInSeconds !== undefined) {
          headers['X-RateLimit-Limit'] = String(apiThrottle.config.limit);
          headers['X-RateLimit-Remaining'] = '0';
          headers['X-RateLimit-Reset'] = new Date(now() + fault.resetInSeconds * 1000).toISOString().replace(/Z$/, '000Z');
        }
        send(req, res, json(429, { error: 'Too many requests' }, headers), undefined);
        return;
      }
      default:
    }
    const reply = url.pathname.startsWith('/api/') ? api(req, url) : await staticFile(url.pathname);
    send(req, res, reply, fault);
  };

  const layer = new FaultLayer();
  const server = createServer(layer.wrap((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      send(req, res, json(500, { error: `fake server error: ${message}` }), undefined);
    });
  }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  base = `http://${host}`;
  ds.baseUrl = base;

  return {
    url: base,
    dataset: ds,
    stats,
    nextDay: () => {
      ds.applyNextDay();
    },
    setRateLimit: (r) => {
      apiLimited = r !== null;
      if (r) apiThrottle.config = { ...r };
    },
    setPagingRateLimit: (r) => {
      pagingLimited = r !== null;
      if (r) pagingThrottle.config = { ...r };
    },
    setWhitelistMode: (on) => {
      whitelist = on;
    },
    faults: layer,
    inject: (f) => faults.add(f),
    get pendingFaults() {
      return faults.pending;
    },
    onRequest: (cb) => {
      listeners.push(cb);
    },
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

/** Mastodon's grey placeholders for accounts without an avatar or header. */
const MISSING_AVATAR_SPEC: ImageSpec = { format: 'png', width: 120, height: 120, pattern: 'missing', seed: 1 };
const MISSING_HEADER_SPEC: ImageSpec = { format: 'png', width: 150, height: 50, pattern: 'missing', seed: 2 };

/** Doorkeeper reads `Authorization: Bearer`, then `access_token` in the query. */
function bearer(req: IncomingMessage, url: URL): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  if (m?.[1]) return m[1];
  const q = url.searchParams.get('access_token');
  return q ? q : null;
}

/** ActiveSupport's JSON: `<`, `>`, `&`, U+2028 and U+2029 escaped, as the real API sends content HTML. */
function toRailsJson(body: unknown): string {
  return JSON.stringify(body)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
