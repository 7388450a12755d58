import { createHash } from 'node:crypto';
import { CrawlStopped, type CrawlContext } from '../../src/capture/crawler.js';
import { sleep } from '../../src/capture/http/rate-gate.js';
import { classify, describeError, graphError, PAGE_LIMIT, type GraphFailure, type GraphList } from './graph.js';
import { MetaRateBudget } from './rate-limit.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';

/** Meta's longer throttles (an hour and more) end the run; the next scheduled run continues. */
export const MAX_PAUSE_IN_RUN_MS = 15 * 60_000;
const MAX_THROTTLE_RETRIES = 6;
const MAX_TRANSIENT_RETRIES = 3;

export type GraphResult<T> = { ok: true; data: T } | { ok: false; failure: GraphFailure; status: number };

/**
 * The Graph API for one account's run: the owner's token in the Authorization header (never in a
 * URL we build), one rate budget per host and token, throttling waited out or turned into a clean
 * stop, and access problems turned into a stop a person can act on.
 */
export class GraphSession {
  readonly budget: MetaRateBudget;
  private readonly headers: Record<string, string>;
  private readonly origin: string;

  constructor(
    private readonly ctx: CrawlContext,
    readonly base: string,
    private readonly platformName: string,
  ) {
    if (!ctx.token) throw new CrawlStopped(`${platformName} needs the owner's access token: add credentials: env:NAME to the registry entry`, 'credentials');
    this.headers = { Authorization: `Bearer ${ctx.token}` };
    this.origin = new URL(base).origin;
    const who = createHash('sha256').update(ctx.token).digest('hex').slice(0, 12);
    this.budget = new MetaRateBudget(`${new URL(base).host} token:${who}`);
  }

  url(path: string, params: Record<string, string | number | undefined> = {}): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
    const s = q.toString();
    return `${this.base}${path}${s ? `?${s}` : ''}`;
  }

  /** The next page of a list, when Meta gives one on its own host (a `next` elsewhere is not followed). */
  next(page: GraphList<unknown>): string | undefined {
    const next = page.paging?.next;
    if (!next) return undefined;
    try {
      return new URL(next).origin === this.origin ? next : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Every further page after `first`, with the full page size: an inline list (comments brought along
   * by their post) pages by the nested limit, which is small. Returns the items, and the failure that
   * ended the walk early, if one did.
   */
  async rest<T>(first: GraphList<T>, phase: string): Promise<{ items: T[]; failure?: GraphFailure }> {
    const items: T[] = [];
    const guard = new CursorGuard(phase);
    let next = guard.next(this.next(first));
    while (next) {
      const url = new URL(next);
      url.searchParams.set('limit', String(PAGE_LIMIT));
      const res: GraphResult<GraphList<T>> = await this.get<GraphList<T>>(url.toString(), phase);
      if (!res.ok) return { items, failure: res.failure };
      const page = Array.isArray(res.data.data) ? res.data.data : [];
      items.push(...page);
      next = page.length > 0 ? guard.next(this.next(res.data)) : undefined;
    }
    return { items };
  }

  async get<T>(url: string, phase: string): Promise<GraphResult<T>> {
    this.ctx.progress(phase, url);
    let throttles = 0;
    let transients = 0;
    for (;;) {
      this.ctx.signal.throwIfAborted();
      const res = await this.ctx.http.getJson<unknown>(url, { rateLimit: this.budget.policy, headers: this.headers });
      const error = res.status === 200 ? undefined : graphError(res.data);
      if (!error) {
        if (res.status !== 200) throw new CrawlStopped(`unexpected answer ${res.status} from the Graph API`, url);
        this.stopIfLongPause(this.budget.pauseAfter(res.headers, Date.now()), 'usage', url);
        return { ok: true, data: res.data as T };
      }
      const failure = classify(error);
      switch (failure.kind) {
        case 'throttled': {
          const pause = this.budget.pauseAfter(res.headers, Date.now(), true);
          this.stopIfLongPause(pause, describeError(error), url);
          if (++throttles > MAX_THROTTLE_RETRIES) throw new CrawlStopped(`${this.platformName} kept refusing: ${describeError(error)}; the next run continues`, url);
          this.ctx.log.warn({ code: error.code, pauseMs: pause }, 'throttled by the Graph API; waiting');
          await sleep(pause, this.ctx.signal);
          continue;
        }
        case 'transient':
          if (++transients > MAX_TRANSIENT_RETRIES) throw new CrawlStopped(`${this.platformName} kept failing: ${describeError(error)}`, url);
          await sleep(1000 * 2 ** (transients - 1), this.ctx.signal);
          continue;
        case 'access':
          throw new CrawlStopped(accessMessage(this.platformName, error.code, describeError(error)), url);
        default:
          return { ok: false, failure, status: res.status };
      }
    }
  }

  private stopIfLongPause(pauseMs: number, why: string, url: string): void {
    if (pauseMs <= MAX_PAUSE_IN_RUN_MS) return;
    const minutes = Math.ceil(pauseMs / 60_000);
    throw new CrawlStopped(`${this.platformName} rate limit (${why}): Meta expects access back in ${minutes} minutes; what was captured is kept and the next run continues`, url);
  }
}

function accessMessage(platform: string, code: number, detail: string): string {
  if (code === 190 || code === 102) return `${platform} refused the access token (${detail}): renew the token and update the environment variable`;
  if (code === 104) return `${platform} needs an access token (${detail})`;
  return `the token lacks a permission ${platform} asks for (${detail}): check the app's permissions (pages_read_engagement, pages_read_user_content, instagram_basic, instagram_manage_comments)`;
}
