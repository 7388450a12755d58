// A fake Graph API on 127.0.0.1 for the Facebook and Instagram crawlers' tests and benchmarks:
// nodes and edges with `fields=` selection, cursor paging whose last page has no `next`, Meta's
// error bodies, usage headers and throttling, and a CDN with signed URLs that expire.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FaultLayer } from '../../fake-faults.js';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES, renderImage, type ImageSpec } from '../../mastodon/fake/images.js';
import { FakeCdn } from './cdn.js';
import { FieldSyntaxError, parseFields } from './fields.js';
import { pageEdge, projectNode, UnknownFieldError, type FakeNode, type RenderContext } from './nodes.js';
import { RollingUsage, usageHeaders, type UsageLimit } from './usage.js';

export type { UsageLimit } from './usage.js';

/** What a dataset offers the server: its objects, its files and its "next day". */
export interface GraphDataset {
  readonly name: string;
  /** The object with this id (or a Page's user name); undefined for unknown and deleted ones. */
  lookup(idOrName: string): FakeNode | undefined;
  /** Files on the CDN, by path. */
  files(): ReadonlyMap<string, ImageSpec>;
  /** Whose business-use-case budget the requests spend, as X-Business-Use-Case-Usage names it. */
  readonly buc: { id: string; type: string };
  /** "Now" of the dataset in seconds since the epoch; signed URLs depend on it. */
  readonly anchor: number;
  nextDay(): void;
}

export type GraphFault =
  /** A throttling error (Meta's codes 4, 17, 32, 613, 80001, 80002) with the given regain estimate. */
  | { kind: 'throttle'; code: number; regainMinutes: number; times: number; match?: RegExp; usageHeaders?: boolean }
  /** A 5xx with Meta's transient-error body. */
  | { kind: 'status'; status: 500 | 503; times: number; match?: RegExp }
  /** Any Graph error, e.g. 100/33 for an object that does exist (a token that lost access says that too). */
  | { kind: 'error'; status: number; code: number; subcode?: number; message: string; times: number; match?: RegExp };

export interface FakeGraphOptions {
  datasets: GraphDataset[];
  /** Accepted access tokens; default none. */
  tokens?: string[];
  /** Usage budget per token; null (default) = unlimited, the headers then report 0 %. */
  rateLimit?: UsageLimit | null;
  /** API version in served URLs; requests may use any `vNN.N` (or none). */
  version?: string;
  now?: () => number;
  port?: number;
}

export interface FakeGraphStats {
  requests: number;
  apiRequests: number;
  responses: Record<number, number>;
  /** API calls refused because the usage budget was spent (injected faults not counted). */
  exceeded: number;
  /** CDN requests refused because the URL had expired or was altered. */
  cdnRefused: number;
}

export interface FakeGraph {
  /** e.g. `http://127.0.0.1:43123` (the API lives under `/v25.0`). */
  readonly url: string;
  /** The CDN's own origin (another port), where media URLs point. */
  readonly cdnUrl: string;
  readonly stats: FakeGraphStats;
  nextDay(): void;
  setRateLimit(l: UsageLimit | null): void;
  inject(f: GraphFault): void;
  /** The shared fault layer in front of the Graph API (crawlers/fake-faults.ts); the CDN has its own. */
  readonly faults: FaultLayer;
  readonly cdnFaults: FaultLayer;
  onRequest(cb: (n: number, pathAndQuery: string) => void): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Meta's JSON: slashes escaped as `\/`, everything outside ASCII as `\uXXXX`. */
export function graphJson(body: unknown): string {
  return JSON.stringify(body)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const OBJECT_MISSING = (id: string) =>
  `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`;

const THROTTLE_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001: '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  80002: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
};

export async function startFakeGraph(opts: FakeGraphOptions): Promise<FakeGraph> {
  const now = opts.now ?? Date.now;
  const version = opts.version ?? 'v25.0';
  const tokens = new Set(opts.tokens ?? []);
  const usage = new RollingUsage(opts.rateLimit ?? null);
  const cdn = new FakeCdn(Math.min(...opts.datasets.map((d) => d.anchor)));
  const faults: { fault: GraphFault; left: number }[] = [];
  const listeners: ((n: number, pathAndQuery: string) => void)[] = [];
  const stats: FakeGraphStats = { requests: 0, apiRequests: 0, responses: {}, exceeded: 0, cdnRefused: 0 };
  let origin = '';
  /** The CDN is a host of its own, as scontent*.fbcdn.net is: its files do not queue behind API calls. */
  let cdnOrigin = '';

  const files = () => {
    const all = new Map<string, ImageSpec>();
    for (const d of opts.datasets) for (const [p, spec] of d.files()) all.set(p, spec);
    return all;
  };
  let fileMap = files();
  await Promise.all([...fileMap.values()].map((s) => renderImage(s)));

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
    status,
    headers: {
      'Content-Type': 'application/json; charset=UTF-8',
      'facebook-api-version': version,
      'Cache-Control': 'private, no-cache, no-store, must-revalidate',
      Pragma: 'no-cache',
      Expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
      'Access-Control-Allow-Origin': '*',
      ...headers,
    },
    body: Buffer.from(graphJson(body)),
  });
  const trace = (n: number) => createHash('sha256').update(`trace:${n}`).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 11);
  const error = (n: number, status: number, e: { message: string; type: string; code: number; error_subcode?: number; is_transient?: boolean }, headers: Record<string, string> = {}): Reply =>
    json(status, { error: { ...e, fbtrace_id: trace(n) } }, { 'x-fb-trace-id': trace(n), ...headers });

  const takeFault = (pathAndQuery: string): GraphFault | undefined => {
    const i = faults.findIndex((f) => !f.fault.match || new RegExp(f.fault.match.source, f.fault.match.flags.replace('g', '')).test(pathAndQuery));
    const entry = faults[i];
    if (!entry) return undefined;
    if (--entry.left === 0) faults.splice(i, 1);
    return entry.fault;
  };

  const lookup = (id: string): FakeNode | undefined => {
    for (const d of opts.datasets) {
      const n = d.lookup(id);
      if (n) return n;
    }
    return undefined;
  };
  const bucOf = (): { id: string; type: string } => opts.datasets[0]?.buc ?? { id: '0', type: 'pages' };

  const api = (n: number, req: IncomingMessage, url: URL, segments: string[], pathAndQuery: string): Reply => {
    stats.apiRequests++;
    const token = bearer(req, url);
    if (token === null) return error(n, 400, { message: 'An access token is required to request this resource.', type: 'OAuthException', code: 104 });
    if (!tokens.has(token)) return error(n, 400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });

    const fault = takeFault(pathAndQuery);
    if (fault?.kind === 'status') {
      return error(n, fault.status, { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true });
    }
    if (fault?.kind === 'error') {
      return error(n, fault.status, { message: fault.message, type: 'OAuthException', code: fault.code, ...(fault.subcode !== undefined ? { error_subcode: fault.subcode } : {}) });
    }
    const budget = usage.limit?.budget ?? 'buc';
    const buc = bucOf();
    if (fault?.kind === 'throttle') {
      const headers = fault.usageHeaders === false ? {} : usageHeaders({ percent: 100, regainMinutes: fault.regainMinutes, refused: true }, fault.code === 4 || fault.code === 17 ? 'app' : 'buc', buc);
      return error(n, fault.code === 4 || fault.code === 17 ? 403 : 400, { message: THROTTLE_MESSAGES[fault.code] ?? `(#${fault.code}) Rate limited`, type: 'OAuthException', code: fault.code, is_transient: true }, headers);
    }
    const reading = usage.hit(token, now());
    const limitHeaders = usageHeaders(reading, budget, buc);
    if (reading.refused) {
      stats.exceeded++;
      const code = budget === 'app' ? 4 : buc.type === 'instagram' ? 80002 : 80001;
      return error(n, budget === 'app' ? 403 : 400, { message: THROTTLE_MESSAGES[code]!, type: 'OAuthException', code, is_transient: true }, limitHeaders);
    }

    const ctx: RenderContext = {
      apiBase: `${origin}/${version}`,
      cdn: (path) => cdn.sign(cdnOrigin, path),
      carry: url.searchParams.has('access_token') ? { access_token: url.searchParams.get('access_token')! } : {},
    };
    const [id, edgeName, ...rest] = segments;
    if (!id || rest.length > 0) return error(n, 400, { message: 'Unknown path components: /' + segments.join('/'), type: 'OAuthException', code: 2500 }, limitHeaders);
    const node = lookup(decodeURIComponent(id));
    if (!node) return error(n, 400, { message: OBJECT_MISSING(decodeURIComponent(id)), type: 'GraphMethodException', code: 100, error_subcode: 33 }, limitHeaders);
    try {
      const fieldsParam = url.searchParams.get('fields');
      const fields = fieldsParam ? parseFields(fieldsParam) : undefined;
      if (!edgeName) return json(200, projectNode(node, fields, ctx), limitHeaders);
      const source = node.edge(edgeName);
      if (!source) return error(n, 400, { message: `(#100) Tried accessing nonexisting field (${edgeName}) on node type (${node.type})`, type: 'OAuthException', code: 100 }, limitHeaders);
      const mods: Record<string, string> = {};
      for (const [k, v] of url.searchParams) if (k !== 'fields' && k !== 'access_token') mods[k] = v;
      const query: Record<string, string> = fieldsParam ? { fields: fieldsParam } : {};
      return json(200, pageEdge(source, mods, fields, ctx, `/${node.id}/${edgeName}`, query), limitHeaders);
    } catch (e) {
      if (e instanceof UnknownFieldError || e instanceof FieldSyntaxError) return error(n, 400, { message: e.message, type: 'OAuthException', code: 100 }, limitHeaders);
      throw e;
    }
  };

  const cdnFile = async (url: URL): Promise<Reply> => {
    const spec = fileMap.get(url.pathname);
    if (!spec) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('Not Found') };
    const refused = cdn.check(url.pathname, url.searchParams);
    if (refused) {
      stats.cdnRefused++;
      return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from(refused) };
    }
    return {
      status: 200,
      headers: { 'Content-Type': CONTENT_TYPES[spec.format], 'Cache-Control': 'max-age=1209600, no-transform' },
      body: await renderImage(spec),
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, isCdn: boolean): Promise<void> => {
    const n = ++stats.requests;
    const pathAndQuery = req.url ?? '/';
    const url = new URL(pathAndQuery, isCdn ? cdnOrigin : origin);
    for (const cb of listeners) cb(n, pathAndQuery);
    let reply: Reply;
    if (isCdn) {
      reply = url.pathname.startsWith('/cdn/') ? await cdnFile(url) : { status: 404, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('Not Found') };
    } else {
      const segments = url.pathname.split('/').filter(Boolean);
      if (/^v\d+\.\d+$/.test(segments[0] ?? '')) segments.shift();
      reply = api(n, req, url, segments, pathAndQuery);
    }
    stats.responses[reply.status] = (stats.responses[reply.status] ?? 0) + 1;
    res.writeHead(reply.status, { Date: new Date(now()).toUTCString(), ...reply.headers, 'Content-Length': String(reply.body.length) });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  };

  const layers = { api: new FaultLayer(), cdn: new FaultLayer() };
  const serve = (isCdn: boolean) =>
    createServer((isCdn ? layers.cdn : layers.api).wrap((req, res) => {
      handle(req, res, isCdn).catch((err: unknown) => {
        if (res.headersSent) return void req.socket.destroy();
        const body = Buffer.from(graphJson({ error: { message: `fake server error: ${err instanceof Error ? err.message : String(err)}`, type: 'FakeError', code: 1 } }));
        res.writeHead(500, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': String(body.length) });
        res.end(body);
      });
    }));
  const listen = (server: ReturnType<typeof serve>, port: number) =>
    new Promise<string>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
  const server = serve(false);
  const cdnServer = serve(true);
  origin = await listen(server, opts.port ?? 0);
  cdnOrigin = await listen(cdnServer, 0);

  return {
    url: origin,
    cdnUrl: cdnOrigin,
    faults: layers.api,
    cdnFaults: layers.cdn,
    stats,
    nextDay() {
      for (const d of opts.datasets) d.nextDay();
      fileMap = files();
      cdn.day++;
    },
    setRateLimit(l) {
      usage.limit = l;
      usage.reset();
    },
    inject(f) {
      faults.push({ fault: f, left: f.times });
    },
    onRequest(cb) {
      listeners.push(cb);
    },
    async close() {
      layers.api.clear();
      layers.cdn.clear();
      for (const s of [server, cdnServer]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

/** The token from `Authorization: Bearer|OAuth <t>`, else from `access_token` in the query. */
function bearer(req: IncomingMessage, url: URL): string | null {
  const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (m?.[1]) return m[1];
  return url.searchParams.get('access_token') || null;
}
