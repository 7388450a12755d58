// A small website on 127.0.0.1 for browser capture: the pages of site.ts, their styles, scripts,
// images (real bytes made by sharp) and a comment API, with a "next day", a rate limit that answers
// 429 with Retry-After, and injectable faults. See README.md.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultLayer } from '../../fake-faults.js';
import { renderImage, type ImageSpec } from '../../mastodon/fake/images.js';
import { linkedinComments, NOT_FOUND_PAGE, PAGES, STATIC, SYNTHETIC_PREFIX, syntheticPost, type Day } from './site.js';

export interface WebRateLimit {
  /** Requests allowed per window (every path counts). */
  limit: number;
  periodSeconds: number;
  /** What 429 answers say in Retry-After. */
  retryAfterSeconds: number;
}

export interface WebFault {
  path: string;
  status: number;
  /** How many requests get it (default 1). */
  times?: number;
}

export interface FakeWebsiteStats {
  requests: number;
  byPath: Map<string, number>;
  byStatus: Map<number, number>;
  /** All 429 answers. */
  tooMany: number;
  /**
   * Requests that came while a Retry-After the site had sent was still running, later than the
   * grace a request already on its way needs: a client that honours Retry-After makes none.
   */
  exceeded: number;
}

export interface FakeWebsite {
  readonly url: string;
  readonly day: Day;
  readonly stats: FakeWebsiteStats;
  /** Absolute URL of a site path. */
  at(path: string): string;
  nextDay(): void;
  setRateLimit(limit: WebRateLimit | null): void;
  inject(fault: WebFault): void;
  /** The shared fault layer in front of every route (crawlers/fake-faults.ts). */
  readonly faults: FaultLayer;
  onRequest(cb: (n: number, method: string, path: string) => void): void;
  close(): Promise<void>;
}

/** Requests sent before the client could have read a 429 reach the server this much later at most. */
export const RETRY_AFTER_GRACE_MS = 250;

const IMAGES: Record<string, ImageSpec> = {
  '/media/stationsplein.jpg': { format: 'jpeg', width: 640, height: 360, pattern: 'photo', seed: 41 },
  '/media/omleiding-kaart.png': { format: 'png', width: 640, height: 360, pattern: 'chart', seed: 42 },
  '/media/logo-gemeente-voorbeeldstad.png': { format: 'png', width: 96, height: 96, pattern: 'avatar', seed: 43 },
  '/media/logo-veiligheidsregio-voorbeeld.png': { format: 'png', width: 96, height: 96, pattern: 'avatar', seed: 46 },
  '/media/tiktok-7351234567890123456.jpg': { format: 'jpeg', width: 360, height: 640, pattern: 'photo', seed: 44 },
  '/media/tiktok-7359999999999999999.jpg': { format: 'jpeg', width: 360, height: 640, pattern: 'photo', seed: 45 },
};

/** A few hundred bytes that start like a PDF: the download the capture must refuse. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

export interface FakeWebsiteOptions {
  now?: () => Date;
  /** Serves `/synthetiek/0` to `/synthetiek/<n-1>`: LinkedIn-like posts with comments, for benchmarks. */
  synthetic?: number;
}

export async function startFakeWebsite(opts: FakeWebsiteOptions = {}): Promise<FakeWebsite> {
  const now = opts.now ?? (() => new Date());
  const images = new Map(await Promise.all(Object.entries(IMAGES).map(async ([p, spec]) => [p, await renderImage(spec)] as const)));
  const stats: FakeWebsiteStats = { requests: 0, byPath: new Map(), byStatus: new Map(), tooMany: 0, exceeded: 0 };
  const listeners: ((n: number, method: string, path: string) => void)[] = [];
  const faults: WebFault[] = [];
  let day: Day = 1;
  let limit: WebRateLimit | null = null;
  let window = { start: 0, count: 0 };
  let blocked: { since: number; until: number } | null = null;

  const send = (res: ServerResponse, status: number, type: string, body: Buffer | string, extra: Record<string, string> = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
    res.writeHead(status, {
      Date: now().toUTCString(),
      Server: 'nginx',
      'Content-Type': type,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'no-cache',
      ...extra,
    });
    res.end(bytes);
  };

  /** True when the request was refused for the rate limit. */
  const throttled = (res: ServerResponse): boolean => {
    if (!limit) return false;
    const t = Date.now();
    if (blocked && t < blocked.until) {
      if (t - blocked.since > RETRY_AFTER_GRACE_MS) stats.exceeded++;
      stats.tooMany++;
      send(res, 429, 'text/html; charset=utf-8', '<h1>429 Too Many Requests</h1>', { 'Retry-After': String(Math.ceil((blocked.until - t) / 1000)) });
      return true;
    }
    if (t - window.start >= limit.periodSeconds * 1000) window = { start: t, count: 0 };
    if (++window.count <= limit.limit) return false;
    blocked = { since: t, until: t + limit.retryAfterSeconds * 1000 };
    window = { start: blocked.until, count: 0 };
    stats.tooMany++;
    send(res, 429, 'text/html; charset=utf-8', '<h1>429 Too Many Requests</h1>', { 'Retry-After': String(limit.retryAfterSeconds) });
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const n = ++stats.requests;
    stats.byPath.set(path, (stats.byPath.get(path) ?? 0) + 1);
    for (const l of listeners) l(n, req.method ?? 'GET', `${path}${url.search}`);
    if (throttled(res)) return;
    const fault = faults.find((f) => f.path === path);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      send(res, fault.status, 'text/html; charset=utf-8', fault.status === 404 ? NOT_FOUND_PAGE : `<h1>${fault.status}</h1>`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const image = images.get(path);
    if (image) return send(res, 200, path.endsWith('.png') ? 'image/png' : 'image/jpeg', image);
    const asset = STATIC[path];
    if (asset) return send(res, 200, `${asset.type}; charset=utf-8`, asset.body);
    if (path === '/voyager/api/comments') {
      const elements = url.searchParams.get('post') ? linkedinComments(day) : [];
      return send(res, 200, 'application/json', JSON.stringify({ elements, paging: { start: 0, count: elements.length, total: elements.length } }));
    }
    if (path === '/documenten/raadsbesluit-2026-14.pdf') {
      return send(res, 200, 'application/pdf', PDF, { 'Content-Disposition': 'attachment; filename="raadsbesluit-2026-14.pdf"' });
    }
    if (path.startsWith(SYNTHETIC_PREFIX)) {
      const n = Number(path.slice(SYNTHETIC_PREFIX.length));
      if (Number.isInteger(n) && n >= 0 && n < (opts.synthetic ?? 0)) return send(res, 200, 'text/html; charset=utf-8', syntheticPost(n));
    }
    const page = PAGES.find((p) => p.path === path);
    if (page?.redirect) return send(res, 302, 'text/html; charset=utf-8', '', { Location: page.redirect });
    const html = page?.html(day);
    if (!html) return send(res, 404, 'text/html; charset=utf-8', NOT_FOUND_PAGE);
    send(res, 200, 'text/html; charset=utf-8', html, { 'Set-Cookie': 'bezoek=1; Path=/; SameSite=Lax' });
  };

  const layer = new FaultLayer();
  const server = http.createServer(layer.wrap(handle));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    get day() {
      return day;
    },
    stats,
    at: (path) => `${base}${path}`,
    nextDay() {
      day = 2;
    },
    setRateLimit(l) {
      limit = l;
      window = { start: 0, count: 0 };
      blocked = null;
    },
    faults: layer,
    inject: (f) => void faults.push({ ...f }),
    onRequest: (cb) => void listeners.push(cb),
    close: () =>
      new Promise<void>((resolve) => {
        layer.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
