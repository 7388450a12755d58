// A fake Bluesky network on 127.0.0.1 for tests, benchmarks and demos: the public AppView's XRPC
// methods, the PDS methods for blobs and records, a PLC directory and the image CDN, all on one
// origin (so the registry's `instance` points at it and the crawler takes it as the PLC directory
// too), with xrpc-server rate limits, XRPC errors and injected faults. See README.md beside this file.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sharp from 'sharp';
import { faultBody, FaultQueue, type Fault } from '../../mastodon/fake/faults.js';
import { FaultLayer } from '../../fake-faults.js';
import { blueskyDemoDataset } from './demo-dataset.js';
import { routeXrpc, type XrpcReply } from './routes.js';
import type { BlueskyDataset } from './store.js';

export type { Fault } from '../../mastodon/fake/faults.js';

/** xrpc-server style limit: `limit` requests per fixed window of `windowSeconds`, aligned to the epoch. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export interface FakeBlueskyOptions {
  /** Default: `blueskyDemoDataset()`. */
  dataset?: BlueskyDataset;
  port?: number;
  /** AppView methods (app.bsky.*, resolveHandle); default 3000 per 300 s; null = off. */
  rateLimit?: RateLimit | null;
  /** PDS methods (getBlob, getRecord); default 3000 per 300 s, as a Bluesky PDS per IP; null = off. */
  pdsRateLimit?: RateLimit | null;
  /** Clock for rate-limit windows and `Date` (ms since the epoch); default Date.now. */
  now?: () => number;
}

export interface FakeBlueskyStats {
  requests: number;
  /** Responses by status code. */
  responses: Record<number, number>;
  /** Requests by XRPC method or route (`plc`, `cdn`). */
  methods: Record<string, number>;
  /** 429s because a rate limit was exceeded. */
  exceeded: number;
}

export interface FakeBluesky {
  readonly url: string;
  readonly dataset: BlueskyDataset;
  readonly stats: FakeBlueskyStats;
  nextDay(): void;
  setRateLimit(r: RateLimit | null): void;
  setPdsRateLimit(r: RateLimit | null): void;
  inject(f: Fault): void;
  /** The shared fault layer in front of every route (crawlers/fake-faults.ts). */
  readonly faults: FaultLayer;
  onRequest(cb: (n: number, method: string, pathAndQuery: string) => void): void;
  close(): Promise<void>;
}

const PDS_METHODS = new Set(['com.atproto.sync.getBlob', 'com.atproto.repo.getRecord']);

class Window {
  private counts = new Map<string, number>();
  private window = -1;

  constructor(public config: RateLimit) {}

  hit(key: string, nowMs: number): { limit: number; remaining: number; reset: number; exceeded: boolean } {
    const { limit, windowSeconds } = this.config;
    const window = Math.floor(nowMs / 1000 / windowSeconds);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return { limit, remaining: Math.max(0, limit - count), reset: (window + 1) * windowSeconds, exceeded: count > limit };
  }
}

export async function startFakeBluesky(opts: FakeBlueskyOptions = {}): Promise<FakeBluesky> {
  const ds = opts.dataset ?? blueskyDemoDataset();
  if (ds.baseUrl !== null) throw new Error(`dataset "${ds.name}" is already served at ${ds.baseUrl}`);
  const now = opts.now ?? Date.now;
  const limits = {
    appview: opts.rateLimit === null ? null : new Window(opts.rateLimit ?? { limit: 3000, windowSeconds: 300 }),
    pds: opts.pdsRateLimit === null ? null : new Window(opts.pdsRateLimit ?? { limit: 3000, windowSeconds: 300 }),
  };
  const faults = new FaultQueue();
  const listeners: ((n: number, method: string, pathAndQuery: string) => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const stats: FakeBlueskyStats = { requests: 0, responses: {}, methods: {}, exceeded: 0 };
  const cdnCache = new Map<string, Promise<Buffer>>();
  let base = '';

  await ds.prepare();

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): XrpcReply => ({
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(body)),
  });

  const xrpc = (req: IncomingMessage, url: URL): XrpcReply => {
    const method = url.pathname.slice('/xrpc/'.length);
    const window = PDS_METHODS.has(method) ? limits.pds : limits.appview;
    let headers: Record<string, string> = {};
    if (window) {
      const h = window.hit(`${PDS_METHODS.has(method) ? 'pds' : 'appview'}:${req.socket.remoteAddress ?? ''}`, now());
      headers = {
        'RateLimit-Limit': String(h.limit),
        'RateLimit-Remaining': String(h.remaining),
        'RateLimit-Reset': String(h.reset),
        'RateLimit-Policy': `${h.limit};w=${window.config.windowSeconds}`,
      };
      if (h.exceeded) {
        stats.exceeded++;
        return json(429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, headers);
      }
    }
    const reply = routeXrpc({ ds, base }, method, url.searchParams);
    return { ...reply, headers: { ...reply.headers, ...headers } };
  };

  const plc = (did: string): XrpcReply => {
    const a = ds.actor(did);
    if (!a) return json(404, { message: `DID not registered: ${did}` });
    return {
      status: 200,
      headers: { 'Content-Type': 'application/did+ld+json; charset=utf-8' },
      body: Buffer.from(
        JSON.stringify({
          '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/secp256k1-2019/v1'],
          id: did,
          alsoKnownAs: [`at://${a.handle}`],
          verificationMethod: [{ id: `${did}#atproto`, type: 'Multikey', controller: did, publicKeyMultibase: `zQ3sh${did.slice(8, 32)}` }],
          service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: base }],
        }),
      ),
    };
  };

  /** The CDN's copy: re-encoded as JPEG (never the original bytes). */
  const cdn = async (did: string, cid: string): Promise<XrpcReply> => {
    const blob = ds.blobByCidOf(cid);
    if (!blob || !ds.ownsBlob(did, cid)) return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not Found') };
    let bytes = cdnCache.get(cid);
    if (!bytes) cdnCache.set(cid, (bytes = sharp(blob.bytes).jpeg({ quality: 80 }).toBuffer()));
    return { status: 200, headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'public, max-age=604800' }, body: await bytes };
  };

  const send = (req: IncomingMessage, res: ServerResponse, reply: XrpcReply, fault: Fault | undefined): void => {
    stats.responses[reply.status] = (stats.responses[reply.status] ?? 0) + 1;
    res.writeHead(reply.status, { Date: new Date(now()).toUTCString(), ...reply.headers, 'Content-Length': String(reply.body.length) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (fault?.kind === 'truncate') res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => req.socket.destroy());
    else if (fault?.kind === 'stall-body') {
      res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)));
      later(fault.ms, () => req.socket.destroy());
    } else res.end(reply.body);
  };

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const route = async (req: IncomingMessage, url: URL): Promise<XrpcReply> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'InvalidRequest', message: 'Method Not Allowed' });
    if (url.pathname.startsWith('/xrpc/')) return xrpc(req, url);
    const did = /^\/(did:plc:[a-z2-7]{24})$/.exec(url.pathname);
    if (did) return plc(did[1]!);
    const img = /^\/img\/[a-z_]+\/plain\/([^/]+)\/([a-z2-7]+)@jpeg$/.exec(url.pathname);
    if (img) return cdn(decodeURIComponent(img[1]!), img[2]!);
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not Found') };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const n = ++stats.requests;
    const pathAndQuery = req.url ?? '/';
    const url = new URL(pathAndQuery, base);
    const name = url.pathname.startsWith('/xrpc/') ? url.pathname.slice(6) : url.pathname.startsWith('/did:') ? 'plc' : url.pathname.startsWith('/img/') ? 'cdn' : url.pathname;
    stats.methods[name] = (stats.methods[name] ?? 0) + 1;
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
          headers['RateLimit-Limit'] = '3000';
          headers['RateLimit-Remaining'] = '0';
          headers['RateLimit-Reset'] = String(Math.ceil(now() / 1000 + fault.resetInSeconds));
          headers['RateLimit-Policy'] = '3000;w=300';
        }
        send(req, res, json(429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, headers), undefined);
        return;
      }
      default:
    }
    send(req, res, await route(req, url), fault);
  };

  const layer = new FaultLayer();
  const server = createServer(layer.wrap((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      send(req, res, json(500, { error: 'InternalServerError', message: err instanceof Error ? err.message : String(err) }), undefined);
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
    nextDay: () => void ds.applyNextDay(),
    setRateLimit: (r) => void (limits.appview = r ? new Window(r) : null),
    setPdsRateLimit: (r) => void (limits.pds = r ? new Window(r) : null),
    faults: layer,
    inject: (f) => faults.add(f),
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
