import { CrawlStopped, type CrawlContext } from '../../src/capture/crawler.js';
import { nextQuotaReset, quotaDay } from './quota-day.js';

// The YouTube quota is a daily budget of units, not a window announced in headers: every call this
// crawler makes costs 1 unit (channels, playlistItems, videos, commentThreads and comments .list).
// The ledger counts the units of the current Pacific day in the store, across runs, and writes the
// new count *before* each call, so a killed run can only have counted a call too many, never too few.

/** Cursor key of the ledger: `{"day":"2026-06-01","used":123}`. */
export const QUOTA_CURSOR = 'quota.used';

export interface QuotaState {
  day: string;
  used: number;
}

export function parseQuotaState(value: string | null): QuotaState | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as Partial<QuotaState>;
    return typeof v.day === 'string' && typeof v.used === 'number' && Number.isFinite(v.used) ? { day: v.day, used: v.used } : null;
  } catch {
    return null;
  }
}

const amsterdamTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' });

export class QuotaLedger {
  private day: string;
  private used: number;
  private written: string | null;
  private chain: Promise<void> = Promise.resolve();
  /** Units spent by this run. */
  spentThisRun = 0;

  private constructor(
    private readonly ctx: Pick<CrawlContext, 'commit' | 'now'>,
    readonly dailyUnits: number,
    state: QuotaState | null,
  ) {
    this.day = quotaDay(ctx.now());
    this.used = state && state.day === this.day ? state.used : 0;
    this.written = state ? JSON.stringify(state) : null;
  }

  static async open(ctx: Pick<CrawlContext, 'commit' | 'now' | 'state'>, dailyUnits: number): Promise<QuotaLedger> {
    return new QuotaLedger(ctx, dailyUnits, parseQuotaState(await ctx.state.getCursor(QUOTA_CURSOR)));
  }

  /** Units spent today (Pacific), by every run of this account. */
  get usedToday(): number {
    this.rollOver();
    return this.used;
  }

  /** Reserves one unit for the call about to be made; stops the run cleanly when today's budget is spent. */
  async spend(where: string): Promise<void> {
    this.rollOver();
    if (this.used + 1 > this.dailyUnits) throw this.stop(where, 'reached');
    this.used += 1;
    this.spentThisRun += 1;
    await this.persist();
  }

  /** Counts calls that were made without a reservation (retries inside the HTTP client). */
  async charge(units: number): Promise<void> {
    this.rollOver();
    this.used += units;
    this.spentThisRun += units;
    await this.persist();
  }

  /** Google answered `quotaExceeded`: nothing is left today, whatever was counted here. */
  async exhausted(where: string): Promise<never> {
    this.rollOver();
    this.used = Math.max(this.used, this.dailyUnits);
    await this.persist();
    throw this.stop(where, 'google');
  }

  private rollOver(): void {
    const day = quotaDay(this.ctx.now());
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
  }

  private persist(): Promise<void> {
    // Each write stores the count as it is when the write runs, so writes never go backwards.
    this.chain = this.chain.then(async () => {
      const value = JSON.stringify({ day: this.day, used: this.used });
      if (value === this.written) return;
      await this.ctx.commit({ cursors: { [QUOTA_CURSOR]: value } });
      this.written = value;
    });
    return this.chain;
  }

  private stop(where: string, why: 'reached' | 'google'): CrawlStopped {
    const reset = amsterdamTime.format(nextQuotaReset(this.ctx.now()));
    const what =
      why === 'reached'
        ? `the YouTube API quota of ${this.dailyUnits} units for ${this.day} (Pacific time) is used up (${this.used} spent)`
        : `Google answered quotaExceeded: the API key's quota for ${this.day} (Pacific time) is used up (other use of the same key counts too)`;
    return new CrawlStopped(`${what}; nothing was lost, and the next run after ${reset} (Amsterdam time) continues where this one stopped`, where);
  }
}
