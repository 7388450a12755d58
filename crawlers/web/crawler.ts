import { createHash } from 'node:crypto';
import { CrawlStopped, type CrawlContext, type Crawler } from '../../src/capture/crawler.js';
import { forEachLimited } from '../../src/capture/pool.js';
import type { RateLimitPolicy } from '../../src/capture/http/client.js';
import type { Account, KnownItem } from '../../src/domain/types.js';
import { canonicalPageUrl, registeredDomain, type BrowserCaptureFields, type BrowserCapturePlatform } from '../../src/registry/browser-capture.js';
import { pageAuthorship } from './authorship.js';
import { acquireBrowser, type SharedBrowser } from './browser.js';
import { capturePage, DOCUMENT_HEADERS, type Fetcher, type PageOutcome } from './capture-page.js';
import { DEFAULT_CAPTURE_LIMITS, type CaptureLimits } from './limits.js';
import { observePage, pageMedia, pagePayload, pageTextBytes, pageVersionKey, publishedAt } from './observe.js';
import { PROFILES } from './profiles.js';
import { retryAfterPolicy } from './rate-limit.js';
import { WindowPool } from './window.js';

/** Where the outcome of the last attempt on a page is kept (cursor key), for people and the console. */
export const pageCursor = (url: string): string => `page:${url}`;

/**
 * Browser capture of the page URLs an account lists (platform web, and LinkedIn or TikTok post
 * URLs): each page is loaded in Chromium, its exchanges go to the run's WARC, and a screenshot and
 * the page text are kept as the post's files. A wall or a failure is recorded as the reason the
 * page was not archived; the run then stops with those reasons once every page was tried.
 */
export class BrowserCaptureCrawler implements Crawler {
  constructor(
    readonly platform: BrowserCapturePlatform,
    private readonly limits: CaptureLimits = DEFAULT_CAPTURE_LIMITS,
  ) {}

  async crawl(ctx: CrawlContext): Promise<void> {
    await new PageListCrawl(ctx, this.platform, this.limits).run();
  }
}

interface NotArchived {
  url: string;
  what: string;
}

class PageListCrawl {
  private readonly domain: string;
  private readonly urls: string[];
  private readonly policies = new Map<string, RateLimitPolicy>();
  private browser!: SharedBrowser;
  private windows!: WindowPool;

  constructor(
    private readonly ctx: CrawlContext,
    private readonly platform: BrowserCapturePlatform,
    private readonly limits: CaptureLimits,
  ) {
    const account = ctx.account as Account & BrowserCaptureFields;
    const domain = registeredDomain(account);
    if (!domain) throw new CrawlStopped(`the registry gives no domain for this ${platform} account`, 'registry');
    this.domain = domain;
    this.urls = [...new Set((account.urls ?? []).map(canonicalPageUrl))];
  }

  async run(): Promise<void> {
    if (this.urls.length === 0) return;
    const notArchived: NotArchived[] = [];
    this.browser = await acquireBrowser();
    this.windows = new WindowPool(this.browser.browser, this.limits.viewport);
    try {
      const known = await this.ctx.state.getItems(this.urls);
      await forEachLimited(
        this.urls,
        this.limits.pageConcurrency,
        async (url) => {
          const problem = await this.capture(url, known.get(url));
          if (problem) notArchived.push(problem);
        },
        this.ctx.signal,
      );
    } finally {
      await this.windows.close();
      await this.browser.release();
    }
    if (notArchived.length) throw new CrawlStopped(summarise(notArchived, this.urls.length), 'pages');
  }

  private readonly fetch: Fetcher = (r) => {
    const host = new URL(r.url).host;
    let rateLimit = this.policies.get(host);
    if (!rateLimit) this.policies.set(host, (rateLimit = retryAfterPolicy(`browser ${host}`)));
    return this.ctx.http.get({ url: r.url, headers: r.headers, into: 'buffer', maxBytes: r.maxBytes, rateLimit });
  };

  /** One page: archived (or seen unchanged), marked deleted, or the reason it was not archived. */
  private async capture(url: string, known: KnownItem | undefined): Promise<NotArchived | undefined> {
    this.ctx.progress('pages', url);
    const outcome = await capturePage(url, {
      window: () => this.windows.take(),
      fetch: this.fetch,
      scope: { domain: this.domain, assetDomains: PROFILES[this.platform].assetDomains },
      walls: PROFILES[this.platform].walls,
      limits: this.limits,
      signal: this.ctx.signal,
    });
    switch (outcome.kind) {
      case 'captured':
        await this.archive(url, outcome.page, known);
        return undefined;
      case 'gone':
        return this.gone(url, outcome.status, known);
      case 'refused':
        return this.refused(url, outcome.code, outcome.reason);
    }
  }

  private async archive(url: string, page: Extract<PageOutcome, { kind: 'captured' }>['page'], known: KnownItem | undefined): Promise<void> {
    const author = pageAuthorship(this.platform, url, this.ctx.account.handle);
    const key = pageVersionKey(page.text, createHash('sha256').update(page.screenshot.png).digest('hex'));
    const cursors = { [pageCursor(url)]: null };
    if (known?.versionKeys.includes(key)) {
      await this.ctx.commit({ items: [observePage(url, author, known.publishedAt)], cursors });
      return;
    }
    const at = this.ctx.now().toISOString();
    const files = { screenshot: await this.ctx.files.put(page.screenshot.png), text: await this.ctx.files.put(pageTextBytes(page)) };
    const published = known?.publishedAt ?? publishedAt(page.facts.published, at);
    const payload = pagePayload(page, author, files, this.browser.version, published);
    const item = observePage(url, author, published, { key, at, payload, media: pageMedia(url, files) });
    await this.ctx.commit({ items: [item], cursors });
  }

  /**
   * 404 or 410: a page archived before is asked for once more, and only a second refusal marks it
   * deleted. A page never archived has nothing to mark: it is noted (log and page cursor), and the
   * run goes on, as it would for a post deleted before its first capture.
   */
  private async gone(url: string, status: number, known: KnownItem | undefined): Promise<NotArchived | undefined> {
    if (!known) {
      this.ctx.log.warn({ url, status }, 'listed page does not exist (never archived); check the address in the registry');
      await this.ctx.commit({ cursors: { [pageCursor(url)]: JSON.stringify({ code: 'gone-before-capture', reason: `the page answered ${status} before it was ever archived; check the address in the registry`, at: this.ctx.now().toISOString() }) } });
      return undefined;
    }
    if (known.deletedAt) {
      await this.ctx.commit({ cursors: { [pageCursor(url)]: null } });
      return undefined;
    }
    const again = await this.fetch({ url, headers: DOCUMENT_HEADERS, maxBytes: this.limits.maxResourceBytes }).catch((e: Error) => e);
    if (!(again instanceof Error) && (again.status === 404 || again.status === 410)) {
      await this.ctx.commit({
        deletions: [{ platformId: url, evidence: `loading the page answered ${status}; asked again, GET ${url} answered ${again.status}` }],
        cursors: { [pageCursor(url)]: null },
      });
      return undefined;
    }
    const then = again instanceof Error ? again.message : `${again.status}`;
    return this.refused(url, 'http-status', `the page answered ${status}, then ${then} when asked again; not marked deleted`);
  }

  private async refused(url: string, code: string, reason: string): Promise<NotArchived> {
    const what = `${code.replace(/-/g, ' ')}: ${reason}`;
    this.ctx.log.warn({ url, code, reason }, 'page not archived');
    await this.ctx.commit({ cursors: { [pageCursor(url)]: JSON.stringify({ code, reason, at: this.ctx.now().toISOString() }) } });
    return { url, what };
  }
}

function summarise(list: NotArchived[], total: number): string {
  const shown = list.slice(0, 5).map((n) => `${n.url} (${n.what})`);
  const more = list.length > shown.length ? `; and ${list.length - shown.length} more (see the log)` : '';
  return `${list.length} of ${total} pages not archived: ${shown.join('; ')}${more}`;
}
