// Injected failures: what a crawler meets on the real network (proxy errors, surprise 429s,
// stalls, short bodies, resets). Faults are consumed in injection order by matching requests.

export type Fault =
  /** A 5xx, by default with the HTML page a proxy or Rails would send. */
  | { kind: 'status'; status: 500 | 502 | 503; times: number; match?: RegExp; body?: string }
  /**
   * A 429 although the limit is not reached (e.g. from a proxy): JSON body, no rate-limit headers,
   * unless `resetInSeconds` is given, then Mastodon's headers with `Remaining: 0`.
   */
  | { kind: '429'; times: number; match?: RegExp; resetInSeconds?: number }
  /** Accept the request, send nothing for `ms`, then close the connection. */
  | { kind: 'stall'; times: number; match?: RegExp; ms: number }
  /** Send the headers and part of the body, stall for `ms`, then close. */
  | { kind: 'stall-body'; times: number; match?: RegExp; ms: number }
  /** Content-Length says N, fewer bytes are sent, then the connection closes. */
  | { kind: 'truncate'; times: number; match?: RegExp }
  /** Destroy the socket (TCP reset) without a response. */
  | { kind: 'reset'; times: number; match?: RegExp };

export class FaultQueue {
  private readonly queue: { fault: Fault; left: number }[] = [];

  add(f: Fault): void {
    if (!Number.isInteger(f.times) || f.times < 1) throw new Error(`fault ${f.kind}: times must be a positive integer`);
    this.queue.push({ fault: f, left: f.times });
  }

  /** The first pending fault that matches `pathAndQuery`, consumed once. */
  take(pathAndQuery: string): Fault | undefined {
    const i = this.queue.findIndex((e) => e.fault.match === undefined || testOnce(e.fault.match, pathAndQuery));
    const entry = this.queue[i];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) this.queue.splice(i, 1);
    return entry.fault;
  }

  get pending(): number {
    return this.queue.reduce((n, e) => n + e.left, 0);
  }
}

/** RegExp.test without the `lastIndex` trap of global/sticky patterns. */
function testOnce(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

// The fault pages are the shared fault layer's, so every fake sends the same proxy HTML.
export { faultBody } from '../../fake-faults.js';
