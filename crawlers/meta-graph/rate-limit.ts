import type { RateLimitPolicy } from '../../src/capture/http/client.js';
import type { RateLimitState } from '../../src/capture/http/rate-gate.js';

// Meta never answers 429. Its rate-limit signal is the usage it reports on (most) responses, as
// percentages of a budget whose size in calls it does not tell:
//   X-App-Usage: {"call_count":28,"total_time":25,"total_cputime":25}          (platform limit of the app)
//   X-Page-Usage: same shape                                                    (older page-level limit)
//   X-Business-Use-Case-Usage: {"<page or IG id>":[{"type":"pages","call_count":…,"total_time":…,
//                               "total_cputime":…,"estimated_time_to_regain_access":<minutes>}]}
// and, once a budget is spent, error codes 4, 17, 32, 613, 80001 or 80002 on HTTP 400/403.
//
// How that becomes the request budget the RateGate spends (src/capture/http/rate-gate.ts):
// - usage = the highest percentage in any of these headers (every budget must hold);
// - the ceiling is USAGE_CEILING (75 %): we stop spending there, well before Meta refuses at 100 %,
//   which leaves room for requests in flight and for the organisation's other tools on the same budget;
// - below the ceiling the budget in calls is (ceiling − usage) ÷ cost of one call, the cost estimated
//   from what our own calls did to the usage (usage ÷ calls answered so far, at least 0.01 point;
//   other users of the budget only make the estimate more careful). Every response recomputes it, so
//   the budget follows the usage up and down; the gate counts requests in flight against it. Meta's
//   windows roll, there is no reset time: a reading stands for a second, then the gate probes;
// - at or above the ceiling, with less than one call left, or when throttled, the budget is 0 until Meta's
//   `estimated_time_to_regain_access`, or, when it gives none (0, or only X-App-Usage, a rolling
//   hour), until a pause that grows with the time spent over the ceiling: 1 s, then as long again as
//   it has lasted so far, at most 5 minutes. The gate then sends one probe to read the usage afresh.

export const USAGE_CEILING = 75;
const MIN_CALL_COST = 0.01;
const MIN_PAUSE_MS = 1000;
const MAX_PAUSE_MS = 5 * 60_000;
/**
 * How long a reading below the ceiling stands. Responses renew it all the time; when requests in
 * flight have spent it before the next response, the gate waits at most this long, then probes.
 */
const HORIZON_MS = 1000;

export interface MetaUsage {
  /** Highest percentage over every budget reported. */
  percent: number;
  /** Meta's estimate until a throttled budget is usable again, in minutes (0: not said). */
  regainMinutes: number;
  /** Which header and field gave `percent`, for messages. */
  source: string;
}

const FIELDS = ['call_count', 'total_time', 'total_cputime'] as const;

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads every usage header; null when the response carries none (Meta sends them only "once enough calls have been made"). */
export function readMetaUsage(headers: Record<string, string>): MetaUsage | null {
  let found = false;
  let percent = 0;
  let regainMinutes = 0;
  let source = '';
  const consider = (entry: unknown, where: string) => {
    if (!entry || typeof entry !== 'object') return;
    const e = entry as Record<string, unknown>;
    for (const f of FIELDS) {
      const v = Number(e[f]);
      if (!Number.isFinite(v)) continue;
      if (!found || v > percent) {
        percent = v;
        source = `${where} ${f}`;
      }
      found = true;
    }
    const regain = Number(e.estimated_time_to_regain_access);
    if (Number.isFinite(regain) && regain > regainMinutes) regainMinutes = regain;
  };
  for (const name of ['x-app-usage', 'x-page-usage']) consider(parseJson(headers[name]), name);
  const buc = parseJson(headers['x-business-use-case-usage']);
  if (buc && typeof buc === 'object') {
    for (const [id, list] of Object.entries(buc as Record<string, unknown>)) {
      for (const entry of Array.isArray(list) ? list : []) consider(entry, `x-business-use-case-usage ${id} ${String((entry as { type?: unknown }).type ?? '')}`.trim());
    }
  }
  return found ? { percent, regainMinutes, source } : null;
}

/**
 * The request budget of one Graph token, learned from Meta's usage headers: `policy` goes with
 * every request (the RateGate spends it), `pauseAfter` tells a crawler how long Meta will refuse.
 */
export class MetaRateBudget {
  readonly policy: RateLimitPolicy;
  private calls = 0;
  private overSince: number | null = null;

  constructor(
    key: string,
    private readonly ceiling = USAGE_CEILING,
  ) {
    this.policy = { key, read: (status, headers, receivedAt) => this.read(status, headers, receivedAt) };
  }

  /** What one response says about the budget, on our clock; null when it says nothing. */
  read(_status: number, headers: Record<string, string>, receivedAt: number): RateLimitState | null {
    const usage = readMetaUsage(headers);
    if (!usage) return null;
    this.calls++;
    const cost = Math.max(MIN_CALL_COST, usage.percent / this.calls);
    const budget = Math.floor((this.ceiling - usage.percent) / cost);
    // Less than one call's worth left counts as reaching the ceiling.
    const pause = this.pauseFor(budget < 1 ? { ...usage, percent: Math.max(usage.percent, this.ceiling) } : usage, receivedAt);
    if (pause > 0) return { limit: 0, remaining: 0, resetAt: receivedAt + pause };
    return { limit: Math.floor(this.ceiling / cost), remaining: budget, resetAt: receivedAt + HORIZON_MS };
  }

  /**
   * How long to hold off after this response (0: go on). A throttling error without usage headers
   * still means "wait": pass `throttled`.
   */
  pauseAfter(headers: Record<string, string>, receivedAt: number, throttled = false): number {
    const usage = readMetaUsage(headers) ?? { percent: throttled ? 100 : 0, regainMinutes: 0, source: 'error code' };
    return this.pauseFor(throttled ? { ...usage, percent: Math.max(usage.percent, 100) } : usage, receivedAt);
  }

  private pauseFor(usage: MetaUsage, now: number): number {
    if (usage.percent < this.ceiling && usage.regainMinutes <= 0) {
      this.overSince = null;
      return 0;
    }
    if (usage.regainMinutes > 0) return usage.regainMinutes * 60_000;
    this.overSince ??= now;
    return Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, now - this.overSince));
  }
}
