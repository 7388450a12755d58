// One fault layer for every fake platform server: what a crawler meets on the real network
// (proxy errors, surprise 429s, stalls, torn and malformed bodies, pagination that never ends,
// redirects away, login walls, responses far too large). A fake wraps its request handler with
// `FaultLayer.wrap`; a test injects faults, which are consumed in order by matching requests.
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type NetFault =
  /** A 5xx with the HTML page a proxy or Rails would send (or `body`). */
  | { kind: 'status'; status: 500 | 502 | 503 | 504; body?: string }
  /** A 429 although no limit was reached; with `headers` (the platform's reset headers) or without any. */
  | { kind: '429'; headers?: Record<string, string> }
  /** Accept the request, send nothing for `ms`, then close the connection. */
  | { kind: 'stall'; ms: number }
  /** Send the headers and half the body, stall for `ms`, then close. */
  | { kind: 'stall-body'; ms: number }
  /** Content-Length says N, half is sent, then the connection closes. */
  | { kind: 'truncate' }
  /** Destroy the socket (TCP reset) without a response. */
  | { kind: 'reset' }
  /** A complete HTTP response whose JSON body stops halfway (Content-Length matches what is sent). */
  | { kind: 'json-cut' }
  /** A complete 200 whose body is not JSON at all, though it says it is. */
  | { kind: 'json-bad' }
  /** The first matching response is sent again for every later matching request: a cursor that repeats. */
  | { kind: 'loop' }
  /** A 302 to another host. */
  | { kind: 'redirect'; to: string }
  /** A 200 with a login page, as a platform sends when it wants a session. */
  | { kind: 'login' }
  /** A 200 of `bytes` bytes, streamed without being held in memory. */
  | { kind: 'huge'; bytes: number }
  /** The right answer, `ms` late: a slow platform, so that two processes overlap. */
  | { kind: 'delay'; ms: number }
  /** The right answer once `release()` is called: a run held in the middle while a test acts. */
  | { kind: 'hold' };

export type Fault = NetFault & { times: number; match?: RegExp };

const PAGES: Record<number, string> = {
  500: "<!DOCTYPE html>\n<html>\n<head><title>We're sorry, but something went wrong (500)</title></head>\n<body><h1>We're sorry, but something went wrong.</h1></body>\n</html>\n",
  502: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  503: '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  504: '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n',
};

const LOGIN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Log in</title></head><body><form action="/login" method="post">' +
  '<label>Email <input name="email"></label><label>Password <input type="password" name="password"></label>' +
  '<button>Log in</button></form></body></html>\n';

/** A fault-page body and the content type it would come with. */
export function faultBody(status: number, body: string | undefined): { body: string; contentType: string } {
  const text = body ?? PAGES[status] ?? '';
  const json = /^\s*[[{]/.test(text);
  return { body: text, contentType: json ? 'application/json; charset=utf-8' : 'text/html' };
}

interface Captured {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface FaultStats {
  /** Requests that reached the layer. */
  requests: number;
  /** Faults applied, by kind. */
  applied: Record<string, number>;
}

export class FaultLayer {
  readonly stats: FaultStats = { requests: 0, applied: {} };
  private readonly queue: { fault: Fault; left: number; replay?: Captured }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held: (() => void)[] = [];

  inject(f: Fault): void {
    if (!Number.isInteger(f.times) || f.times < 1) throw new Error(`fault ${f.kind}: times must be a positive integer`);
    this.queue.push({ fault: f, left: f.times });
  }

  /** Faults not yet consumed (counting `times`). */
  get pending(): number {
    return this.queue.reduce((n, e) => n + e.left, 0);
  }

  /** Drops pending `hold` faults and answers every request held so far. */
  release(): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.fault.kind === 'hold') this.queue.splice(i, 1);
    for (const answer of this.held.splice(0)) answer();
  }

  clear(): void {
    this.held.length = 0;
    this.queue.length = 0;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** The fake's handler with the faults in front of it. */
  wrap(handler: RequestListener): RequestListener {
    return (req, res) => {
      this.stats.requests++;
      const entry = this.take(req.url ?? '/');
      if (!entry) return void handler(req, res);
      const { fault } = entry;
      this.stats.applied[fault.kind] = (this.stats.applied[fault.kind] ?? 0) + 1;
      switch (fault.kind) {
        case 'reset':
          return resetSocket(req.socket);
        case 'stall':
          return this.later(fault.ms, () => req.socket.destroy());
        case 'status': {
          const { body, contentType } = faultBody(fault.status, fault.body);
          return send(res, fault.status, { 'Content-Type': contentType }, Buffer.from(body));
        }
        case '429':
          return send(res, 429, { 'Content-Type': 'application/json; charset=utf-8', ...fault.headers }, Buffer.from('{"error":"Too many requests"}'));
        case 'redirect':
          return send(res, 302, { Location: new URL(req.url ?? '/', fault.to).toString(), 'Content-Type': 'text/html' }, Buffer.from('<html><body>Moved</body></html>'));
        case 'login':
          return send(res, 200, { 'Content-Type': 'text/html; charset=utf-8' }, Buffer.from(LOGIN_PAGE));
        case 'huge':
          return streamHuge(res, fault.bytes);
        case 'delay':
          return this.later(fault.ms, () => handler(req, res));
        case 'hold':
          return void this.held.push(() => handler(req, res));
        case 'loop':
          if (entry.replay) return send(res, entry.replay.status, entry.replay.headers, entry.replay.body);
          return capture(res, handler, req, (c) => {
            entry.replay = c;
            send(res, c.status, c.headers, c.body);
          });
        case 'json-cut':
          return capture(res, handler, req, (c) => send(res, c.status, c.headers, c.body.subarray(0, Math.floor(c.body.length / 2))));
        case 'json-bad':
          return capture(res, handler, req, (c) => send(res, 200, { ...c.headers, 'content-type': 'application/json; charset=utf-8' }, Buffer.from('{"data": [{"id": "1",, }')));
        case 'truncate':
          return capture(res, handler, req, (c) => {
            res.writeHead(c.status, withLength(c.headers, c.body.length));
            res.write(c.body.subarray(0, Math.floor(c.body.length / 2)), () => req.socket.destroy());
          });
        case 'stall-body':
          return capture(res, handler, req, (c) => {
            res.writeHead(c.status, withLength(c.headers, c.body.length));
            res.write(c.body.subarray(0, Math.floor(c.body.length / 2)));
            this.later(fault.ms, () => req.socket.destroy());
          });
      }
    };
  }

  /**
   * The first pending fault that matches, consumed once. A `loop` stays until its last replay, so
   * its first response is remembered.
   */
  private take(pathAndQuery: string): { fault: Fault; replay?: Captured } | undefined {
    const i = this.queue.findIndex((e) => e.fault.match === undefined || testOnce(e.fault.match, pathAndQuery));
    const entry = this.queue[i];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) this.queue.splice(i, 1);
    return entry;
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}

function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer): void {
  res.writeHead(status, withLength(headers, body.length));
  res.end(body);
}

function withLength(headers: OutgoingHttpHeaders, length: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!['content-length', 'transfer-encoding'].includes(k.toLowerCase())) out[k] = v;
  out['Content-Length'] = String(length);
  return out;
}

/** Runs the fake's handler into a buffer, then hands the whole response to `done`. */
function capture(res: ServerResponse, handler: RequestListener, req: IncomingMessage, done: (c: Captured) => void): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const chunks: Buffer[] = [];
  let status = 200;
  let headers: OutgoingHttpHeaders = {};
  const add = (chunk: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  };
  res.writeHead = ((s: number, a?: unknown, b?: unknown) => {
    status = s;
    const h = typeof a === 'object' && a !== null ? a : b;
    if (h && !Array.isArray(h)) headers = { ...headers, ...(h as OutgoingHttpHeaders) };
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    add(chunk);
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    add(chunk);
    Object.assign(res, original);
    const fromSet = res.getHeaders();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    done({ status: status === 200 ? res.statusCode : status, headers: { ...fromSet, ...headers }, body: Buffer.concat(chunks) });
    return res;
  }) as ServerResponse['end'];
  handler(req, res);
}

function streamHuge(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = bytes;
  const pump = (): void => {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}

/** RegExp.test without the `lastIndex` trap of global/sticky patterns. */
function testOnce(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
