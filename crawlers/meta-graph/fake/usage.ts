// Meta's usage accounting as the fake plays it: calls per token in a rolling window, reported as
// percentages in X-App-Usage or X-Business-Use-Case-Usage; past 100 % calls are refused with a
// throttling error and `estimated_time_to_regain_access`.

export interface UsageLimit {
  /** Calls allowed in the window. */
  calls: number;
  windowSeconds: number;
  /** Which budget binds: the app's (X-App-Usage, error 4) or the business use case's (error 80001/80002). */
  budget: 'app' | 'buc';
}

export interface UsageReading {
  percent: number;
  /** Minutes until a call would be allowed again; 0 while allowed. */
  regainMinutes: number;
  refused: boolean;
}

export class RollingUsage {
  private readonly calls = new Map<string, number[]>();

  constructor(public limit: UsageLimit | null) {}

  /** Counts a call by `token` at `now` unless it is refused; the reading includes it. */
  hit(token: string, now: number): UsageReading {
    const l = this.limit;
    if (!l) return { percent: 0, regainMinutes: 0, refused: false };
    const since = now - l.windowSeconds * 1000;
    const list = (this.calls.get(token) ?? []).filter((t) => t > since);
    this.calls.set(token, list);
    if (list.length >= l.calls) {
      const free = list[list.length - l.calls]! + l.windowSeconds * 1000;
      return { percent: 100, regainMinutes: Math.max(1, Math.ceil((free - now) / 60_000)), refused: true };
    }
    list.push(now);
    return { percent: Math.min(100, Math.round((list.length / l.calls) * 100)), regainMinutes: 0, refused: false };
  }

  reset(): void {
    this.calls.clear();
  }
}

/** The usage headers Meta sends, with `budget` carrying the reading and the other one idle. */
export function usageHeaders(r: UsageReading, budget: UsageLimit['budget'], buc: { id: string; type: string }): Record<string, string> {
  const share = (p: number) => ({ call_count: p, total_cputime: Math.round(p * 0.4), total_time: Math.round(p * 0.6) });
  const app = budget === 'app' ? share(r.percent) : share(0);
  const business = budget === 'buc' ? share(r.percent) : share(0);
  return {
    'x-app-usage': JSON.stringify(app),
    'x-business-use-case-usage': JSON.stringify({
      [buc.id]: [{ type: buc.type, ...business, estimated_time_to_regain_access: budget === 'buc' ? r.regainMinutes : 0 }],
    }),
  };
}
