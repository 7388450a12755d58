import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import PQueue from 'p-queue';
import type { HttpExchange, WarcWriter } from '../../../formats/warc/writer.js';
import { UserError } from '../../domain/errors.js';
import type { Logger } from '../../log.js';
import { REDACTED, scrub } from '../../secrets.js';
import { RateGate, sleep as realSleep, type RateLimitState, type Sleep } from './rate-gate.js';

/** How a platform states its rate limits; the crawler passes its own. */
export interface RateLimitPolicy {
  /** Requests with the same key share one budget (a host, or a host and token). */
  key: string;
  read(status: number, headers: Record<string, string>, receivedAt: number): RateLimitState | null;
}

export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
  /** `buffer` keeps the (bounded) body in memory; `file` streams it to a temporary file. */
  into?: 'buffer' | 'file';
  maxBytes?: number;
  rateLimit?: RateLimitPolicy | undefined;
  /** Same-host redirects are followed (and recorded); anything else is an error. */
  maxRedirects?: number;
}

export interface FileBody {
  path: string;
  size: number;
  sha256: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The body with any Content-Encoding undone (empty for `into: 'file'`). */
  body: Buffer;
  file?: FileBody | undefined;
  attempts: number;
}

export interface HttpStats {
  requests: number;
  retries: number;
  tooManyRequests: number;
  rateLimitWaits: number;
  bytesIn: number;
}

export interface HttpClientOptions {
  userAgent: string;
  warc: WarcWriter | null;
  tmpDir: string;
  log: Logger;
  signal?: AbortSignal | undefined;
  /** Time allowed until the response headers arrive, and between two chunks of the body. */
  timeouts?: { headersMs: number; idleMs: number };
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
  concurrencyPerHost?: number;
  maxJsonBytes?: number;
  sleep?: Sleep;
}

/** Failures a person can act on: the message says what was asked, what happened and after how many tries. */
export class HttpError extends UserError {
  constructor(
    code: string,
    message: string,
    readonly url: string,
    readonly status?: number,
    readonly attempts = 1,
  ) {
    super(code, message);
    this.name = 'HttpError';
  }
}

type Attempt =
  | { kind: 'response'; status: number; statusText: string; headers: Record<string, string>; head: Buffer; body: Buffer; file?: FileBody; truncated?: 'length' | 'time' | 'disconnect'; error?: Error }
  | { kind: 'error'; error: Error };

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const REDACT_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * HTTP for crawlers: every exchange is written to the run's WARC, bodies are bounded, redirects stay
 * on the host, rate limits are kept, and 429, 5xx, timeouts and torn bodies are retried with backoff.
 */
export class HttpClient {
  readonly stats: HttpStats = { requests: 0, retries: 0, tooManyRequests: 0, rateLimitWaits: 0, bytesIn: 0 };
  private readonly queues = new Map<string, PQueue>();
  private readonly gates = new Map<string, RateGate>();
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly o: Required<Omit<HttpClientOptions, 'signal' | 'warc'>> & Pick<HttpClientOptions, 'signal' | 'warc'>;

  constructor(opts: HttpClientOptions) {
    this.o = {
      timeouts: { headersMs: 30_000, idleMs: 30_000 },
      retry: { attempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 },
      concurrencyPerHost: 4,
      maxJsonBytes: 32 * 1024 * 1024,
      sleep: realSleep,
      ...opts,
    };
    const agentOpts = { keepAlive: true, maxSockets: this.o.concurrencyPerHost };
    this.agents = { http: new http.Agent(agentOpts), https: new https.Agent(agentOpts) };
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  get rateLimitWaits(): number {
    let n = 0;
    for (const g of this.gates.values()) n += g.waits;
    return n;
  }

  /** GET with retries; returns any final status (404 is an answer, not an error). */
  async get(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError('http.scheme', `refusing to fetch ${url.protocol} URL`, req.url);
    const queue = this.queueFor(url.host);
    return (await queue.add(() => this.getWithRetries(req), { signal: this.o.signal })) as HttpResponse;
  }

  /** GET and parse JSON; a body that is not JSON counts as a torn response and is retried. */
  async getJson<T>(req: HttpRequest): Promise<{ status: number; data: T; headers: Record<string, string>; attempts: number }> {
    const res = await this.get({ ...req, into: 'buffer', maxBytes: req.maxBytes ?? this.o.maxJsonBytes });
    try {
      return { status: res.status, data: JSON.parse(res.body.toString('utf8')) as T, headers: res.headers, attempts: res.attempts };
    } catch {
      throw new HttpError('http.bad-json', `GET ${scrub(req.url)} answered ${res.status} with a body that is not JSON (${res.body.length} bytes)`, req.url, res.status);
    }
  }

  private queueFor(host: string): PQueue {
    let q = this.queues.get(host);
    if (!q) this.queues.set(host, (q = new PQueue({ concurrency: this.o.concurrencyPerHost })));
    return q;
  }

  private gateFor(key: string): RateGate {
    let g = this.gates.get(key);
    if (!g) this.gates.set(key, (g = new RateGate(Date.now, this.o.sleep)));
    return g;
  }

  private async getWithRetries(req: HttpRequest): Promise<HttpResponse> {
    const { attempts, baseDelayMs, maxDelayMs } = this.o.retry;
    let url = req.url;
    let redirects = 0;
    let lastProblem = '';
    let attempt = 0;
    for (;;) {
      attempt++;
      const gate = req.rateLimit ? this.gateFor(req.rateLimit.key) : null;
      await gate?.acquire(this.o.signal);
      let limits: RateLimitState | null | undefined;
      let result: Attempt;
      try {
        result = await this.attempt(url, req);
        if (result.kind === 'response') limits = req.rateLimit?.read(result.status, result.headers, Date.now()) ?? null;
      } finally {
        gate?.release(limits);
      }
      this.o.signal?.throwIfAborted();

      if (result.kind === 'response' && !result.truncated) {
        const { status, headers } = result;
        if (status === 429) {
          this.stats.tooManyRequests++;
          const resetAt = limits?.resetAt ?? retryAfter(headers) ?? Date.now() + backoff(attempt, baseDelayMs, maxDelayMs);
          gate?.exhausted(resetAt);
          lastProblem = '429 Too Many Requests';
          this.o.log.warn({ url: scrub(url), resetAt: new Date(resetAt).toISOString() }, 'rate limited (429); waiting for the reset');
          if (attempt >= attempts * 2) break;
          if (!gate) await this.o.sleep(resetAt - Date.now(), this.o.signal);
          this.stats.retries++;
          continue;
        }
        if (RETRYABLE_STATUS.has(status)) {
          lastProblem = `${status} ${result.statusText}`;
        } else if (status >= 300 && status < 400 && headers.location) {
          const next = new URL(headers.location, url);
          if (next.host !== new URL(url).host || (next.protocol !== 'https:' && next.protocol !== 'http:')) {
            throw new HttpError('http.redirect-off-host', `GET ${scrub(url)} redirects to another host (${next.host}); not followed`, url, status);
          }
          if (++redirects > (req.maxRedirects ?? 5)) throw new HttpError('http.redirect-loop', `GET ${scrub(req.url)}: too many redirects`, url, status);
          url = next.toString();
          attempt--; // a redirect is not a failed attempt
          continue;
        } else {
          return { url, status, headers, body: decode(result.body, headers['content-encoding']), file: result.file, attempts: attempt };
        }
      } else {
        const err = result.kind === 'error' ? result.error : (result.error ?? new Error(`body ${result.truncated}`));
        if (err instanceof HttpError && err.code === 'http.too-large') throw err;
        lastProblem = describe(err);
      }
      if (attempt >= attempts) break;
      const delay = backoff(attempt, baseDelayMs, maxDelayMs);
      this.stats.retries++;
      this.o.log.warn({ url: scrub(url), attempt, problem: lastProblem, delayMs: delay }, 'request failed; retrying');
      await this.o.sleep(delay, this.o.signal);
    }
    throw new HttpError('http.failed', `GET ${scrub(url)} failed after ${attempt} attempts: ${lastProblem}`, url, undefined, attempt);
  }

  /** One request, recorded in the WARC whatever happens. */
  private attempt(target: string, req: HttpRequest): Promise<Attempt> {
    const url = new URL(target);
    const headers: Record<string, string> = {
      Host: url.host,
      'User-Agent': this.o.userAgent,
      Accept: req.into === 'file' ? '*/*' : 'application/json',
      'Accept-Encoding': 'identity',
      Connection: 'keep-alive',
      ...req.headers,
    };
    const requestHead = Buffer.from(
      `GET ${scrub(url.pathname + url.search)} HTTP/1.1\r\n` +
        Object.entries(headers)
          .map(([k, v]) => `${k}: ${REDACT_HEADERS.has(k.toLowerCase()) ? REDACTED : scrub(v)}\r\n`)
          .join('') +
        '\r\n',
      'latin1',
    );
    const date = new Date();
    this.stats.requests++;
    const lib = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.agents.https : this.agents.http;
    const { headersMs, idleMs } = this.o.timeouts;
    const fileMax = req.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const bufferMax = req.into === 'file' ? this.o.maxJsonBytes : (req.maxBytes ?? this.o.maxJsonBytes);

    return new Promise<Attempt>((resolve) => {
      let settled = false;
      let remoteIp: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      let response: IncomingMessage | undefined;
      let fileOut: { stream: WriteStream; path: string; hash: ReturnType<typeof createHash> } | undefined;
      const finish = (a: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.record(target, date, remoteIp, requestHead, a).then(
          () => resolve(a),
          (e: Error) => resolve({ kind: 'error', error: new HttpError('warc.write', `could not write the WARC record: ${e.message}`, target) }),
        );
      };
      const arm = (ms: number, what: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const err = Object.assign(new Error(what), { code: 'ETIMEDOUT' });
          if (response) response.destroy(err);
          else request.destroy(err);
        }, ms);
      };

      const request = lib.request(url, { method: 'GET', headers, agent, signal: this.o.signal }, (res: IncomingMessage) => {
        response = res;
        remoteIp = res.socket?.remoteAddress;
        const head = responseHead(res);
        const resHeaders = joinHeaders(res);
        const chunks: Buffer[] = [];
        let size = 0;
        const answered = (rest: { truncated?: 'length' | 'time' | 'disconnect'; error?: Error; file?: FileBody }): Attempt => ({
          kind: 'response',
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: resHeaders,
          head,
          body: Buffer.concat(chunks),
          ...rest,
        });
        const toFile = req.into === 'file' && (res.statusCode ?? 0) < 300;
        const maxBytes = toFile ? fileMax : bufferMax;
        if (toFile) {
          const path = join(this.o.tmpDir, `dl-${process.pid}-${randomBytes(8).toString('hex')}.part`);
          fileOut = { stream: createWriteStream(path, { flags: 'wx' }), path, hash: createHash('sha256') };
        }
        arm(idleMs, `no data for ${idleMs} ms`);
        res.on('data', (chunk: Buffer) => {
          arm(idleMs, `no data for ${idleMs} ms`);
          size += chunk.length;
          this.stats.bytesIn += chunk.length;
          if (size > maxBytes) {
            const err = new HttpError('http.too-large', `GET ${scrub(target)}: response larger than the limit of ${maxBytes} bytes; refused`, target);
            res.destroy(err);
            return;
          }
          if (fileOut) {
            fileOut.hash.update(chunk);
            if (!fileOut.stream.write(chunk)) {
              res.pause();
              fileOut.stream.once('drain', () => res.resume());
            }
          } else chunks.push(chunk);
        });
        res.on('error', (e: Error) => {
          const cut = (e as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? 'time' : e instanceof HttpError ? 'length' : 'disconnect';
          void closeFile(fileOut, true).then(() => finish(answered({ truncated: cut, error: e })));
        });
        res.on('end', () => {
          if (!res.complete) {
            void closeFile(fileOut, true).then(() => finish(answered({ truncated: 'disconnect', error: new Error('connection closed before the body was complete') })));
            return;
          }
          void closeFile(fileOut, false).then(() => finish(answered(fileOut ? { file: { path: fileOut.path, size, sha256: fileOut.hash.digest('hex') } } : {})));
        });
      });
      arm(headersMs, `no response within ${headersMs} ms`);
      request.on('error', (e: Error) => {
        if (!response) finish({ kind: 'error', error: e });
      });
      request.end();
    });
  }

  private async record(targetUri: string, date: Date, ip: string | undefined, requestHead: Buffer, a: Attempt): Promise<void> {
    if (!this.o.warc) return;
    const ex: HttpExchange = { targetUri: scrub(targetUri), date, ip, requestHead };
    if (a.kind === 'response') {
      ex.response = { head: a.head, body: a.file ? { path: a.file.path, size: a.file.size } : a.body, truncated: a.truncated };
    }
    await this.o.warc.write(ex);
  }
}

async function closeFile(f: { stream: WriteStream; path: string } | undefined, discard: boolean): Promise<void> {
  if (!f) return;
  await new Promise<void>((resolve) => f.stream.end(resolve));
  if (discard) await rm(f.path, { force: true });
}

/** The response's status line and headers as received; a de-chunked body gets its framing header renamed. */
function responseHead(res: IncomingMessage): Buffer {
  const lines = [`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage ?? ''}`];
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i]!;
    const value = res.rawHeaders[i + 1]!;
    lines.push(name.toLowerCase() === 'transfer-encoding' ? `X-Archive-Orig-${name}: ${value}` : `${name}: ${value}`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

function joinHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

function retryAfter(headers: Record<string, string>): number | null {
  const v = headers['retry-after'];
  if (!v) return null;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Date.now() + secs * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? at : null;
}

/** Exponential backoff with jitter, so many clients do not retry in step. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

function describe(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  return scrub(code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message);
}
