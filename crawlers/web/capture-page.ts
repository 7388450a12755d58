// One page URL through the browser. The document and every request the page makes are fetched by
// the capture's HTTP client (so each exchange lands in the run's WARC exactly as it went over the
// wire, bounded, rate limited and retried) and handed to Chromium, which never talks to the network
// itself. Requests off the registered domain are refused and listed. The rendered page gives the
// facts for the wall check, its text and a full-page screenshot.
import type { CDPSession, Page, Route } from 'playwright-core';
import { HttpError, type HttpResponse } from '../../src/capture/http/client.js';
import { sleep } from '../../src/capture/http/rate-gate.js';
import type { CaptureLimits } from './limits.js';
import { checkFacts, factsExpression } from './page-facts.js';
import type { WallPatterns } from './profiles.js';
import { judgeRequest, type Scope } from './scope.js';
import { readWalls, wallSelectors, type PageFacts, type WallKind } from './walls.js';
import type { CaptureWindow } from './window.js';

export interface FetchRequest {
  url: string;
  headers: Record<string, string>;
  maxBytes: number;
}

/** GET through the run's HTTP client (WARC, rate limit, retries); 404 and the like are answers. */
export type Fetcher = (r: FetchRequest) => Promise<HttpResponse>;

export interface Resource {
  url: string;
  /** Null when no answer came (see `error`). */
  status: number | null;
  /** Chromium's resource type: document, stylesheet, image, script, fetch, ... */
  type: string;
  bytes: number;
  /** Same-host redirects followed by the client end here. */
  redirectedTo?: string | undefined;
  error?: string | undefined;
}

export interface Blocked {
  url: string;
  reason: string;
}

export interface PageCapture {
  /** The URL as registered. */
  url: string;
  /** Where the page ended up. */
  finalUrl: string;
  status: number;
  facts: PageFacts;
  /** Shown but not blocking (a small consent banner, a login box beside the content). */
  notes: string[];
  screenshot: { png: Buffer; width: number; height: number; cut: boolean };
  text: string;
  textCut: boolean;
  resources: Resource[];
  blocked: Blocked[];
  /** Bounds that were hit, so the capture may miss part of the page. */
  incomplete: string[];
}

export type RefusalCode = WallKind | 'http-status' | 'not-a-page' | 'redirect' | 'timeout' | 'failed';

export type PageOutcome =
  | { kind: 'captured'; page: PageCapture }
  /** 404 or 410 for the page itself. */
  | { kind: 'gone'; status: number }
  /** Not archived, and why. */
  | { kind: 'refused'; code: RefusalCode; reason: string };

export interface CapturePageOptions {
  /** A fresh window (browser context and page) for this capture; closed by the capture. */
  window: () => Promise<CaptureWindow>;
  fetch: Fetcher;
  scope: Scope;
  walls: WallPatterns;
  limits: CaptureLimits;
  signal: AbortSignal;
}

export const DOCUMENT_HEADERS = {
  Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'nl-NL,nl;q=0.9,en;q=0.8',
};
/** Request headers of the browser that say what it wants; everything else is the client's own. */
const FORWARDED = ['accept', 'accept-language', 'referer', 'cookie'];
/** Response headers that describe the wire, not the body the browser is given. */
const NOT_FOR_BROWSER = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

const isHtml = (res: HttpResponse): boolean => {
  const type = (res.headers['content-type'] ?? '').toLowerCase();
  if (type) return type.startsWith('text/html') || type.startsWith('application/xhtml+xml');
  return /^\s*(<!doctype html|<html)/i.test(res.body.subarray(0, 512).toString('latin1'));
};
const isDownload = (res: HttpResponse): boolean => /^\s*attachment/i.test(res.headers['content-disposition'] ?? '');

export async function capturePage(url: string, o: CapturePageOptions): Promise<PageOutcome> {
  const { limits } = o;
  let doc: HttpResponse;
  try {
    doc = await o.fetch({ url, headers: DOCUMENT_HEADERS, maxBytes: limits.maxResourceBytes });
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return { kind: 'refused', code: e.code === 'http.redirect-off-host' ? 'redirect' : 'failed', reason: e.message };
  }
  if (doc.status === 404 || doc.status === 410) return { kind: 'gone', status: doc.status };
  if (doc.status === 401) return { kind: 'refused', code: 'login-wall', reason: 'the site asks for a user name and password (401)' };
  if (doc.status < 200 || doc.status >= 300) return { kind: 'refused', code: 'http-status', reason: `the page answered ${doc.status}` };
  if (isDownload(doc)) return { kind: 'refused', code: 'not-a-page', reason: 'the site offers this address as a download; downloads are not captured' };
  if (!isHtml(doc)) return { kind: 'refused', code: 'not-a-page', reason: `not a web page (${doc.headers['content-type'] ?? 'no content type'})` };

  const window = await o.window();
  const load = new PageLoad(window, doc, o);
  const deadline = AbortSignal.any([o.signal, AbortSignal.timeout(limits.pageMs)]);
  try {
    return await untilAborted(load.run(), deadline);
  } catch (e) {
    if (o.signal.aborted) throw o.signal.reason;
    if (deadline.aborted) return { kind: 'refused', code: 'timeout', reason: `the page did not finish within ${limits.pageMs / 1000} s (${load.phase})` };
    return { kind: 'refused', code: 'failed', reason: `the browser could not load the page (${load.phase}): ${String((e as Error).message ?? e).split('\n')[0]}` };
  } finally {
    await window.close();
  }
}

/** `p`, unless the signal fires first; `p` is observed either way, so its late failure goes nowhere. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}

/** The browser part of one capture: routing, loading, settling, reading, screenshot. */
class PageLoad {
  phase = 'starting';
  private readonly page: Page;
  private readonly cdp: CDPSession;
  private inflight = 0;
  private lastActivity = Date.now();
  private requests = 0;
  private bytes = 0;
  private navigations = 0;
  private docServed = false;
  private readonly resources: Resource[] = [];
  private readonly blocked: Blocked[] = [];
  private readonly incomplete = new Set<string>();

  constructor(
    private readonly window: CaptureWindow,
    private readonly doc: HttpResponse,
    private readonly o: CapturePageOptions,
  ) {
    this.page = window.page;
    this.cdp = window.cdp;
  }

  async run(): Promise<PageOutcome> {
    const { limits } = this.o;
    this.resources.push({ url: this.doc.url, status: this.doc.status, type: 'document', bytes: this.doc.body.length });
    this.bytes += this.doc.body.length;
    this.window.hold({
      request: (route) => this.handle(route),
      webSocket: (ws) => {
        this.blocked.push({ url: ws.url(), reason: 'websocket' });
        void ws.close().catch(() => undefined);
      },
      popup: (p) => this.blocked.push({ url: p.url() || 'about:blank', reason: 'popup window' }),
    });

    this.phase = 'loading';
    const response = await this.page.goto(this.doc.url, { waitUntil: 'commit', timeout: limits.navigationMs });
    await this.loaded();
    this.phase = 'waiting for the network to settle';
    await this.settle();
    this.phase = 'scrolling';
    await this.scroll();
    this.phase = 'reading the page';
    const facts = checkFacts(await this.evaluate(factsExpression({ selectors: wallSelectors(this.o.walls), maxTextChars: limits.maxTextChars })));
    const walls = readWalls(facts, this.o.walls);
    if (walls.wall) return { kind: 'refused', code: walls.wall.kind, reason: walls.wall.evidence };
    this.phase = 'taking the screenshot';
    const screenshot = await this.screenshot();
    if (screenshot.cut) this.incomplete.add(`screenshot cut at ${limits.maxScreenshotHeight} px`);
    const textCut = facts.textLength > facts.text.length;
    if (textCut) this.incomplete.add(`text cut at ${limits.maxTextChars} characters`);
    return {
      kind: 'captured',
      page: {
        url: this.doc.url,
        finalUrl: facts.url || this.page.url(),
        status: response?.status() ?? this.doc.status,
        facts,
        notes: walls.notes,
        screenshot,
        text: facts.text,
        textCut,
        resources: this.resources,
        blocked: this.blocked,
        incomplete: [...this.incomplete].sort(),
      },
    };
  }

  private async handle(route: Route): Promise<void> {
    const req = route.request();
    const url = req.url();
    const navigation = req.isNavigationRequest();
    let frame: ReturnType<typeof req.frame> | null = null;
    try {
      frame = req.frame();
    } catch {
      // No frame yet: the first navigation of a window the page opened (a worker's request has
      // none either, and is judged as a subresource below).
      if (navigation) return this.refuse(route, url, 'popup window', true);
    }
    // A window the page opened itself is closed; nothing it asks for goes out.
    if (frame && frame.page() !== this.page) return this.refuse(route, url, 'popup window', navigation);
    const main = navigation && frame === this.page.mainFrame();
    if (main && !this.docServed && url === this.doc.url) {
      this.docServed = true;
      return this.fulfil(route, this.doc);
    }
    const verdict = judgeRequest({ url, method: req.method(), mainFrameNavigation: main, subframeNavigation: navigation && !main }, this.o.scope);
    if (!verdict.allow) return this.refuse(route, url, verdict.reason, navigation);
    const { limits } = this.o;
    if (main && ++this.navigations > limits.maxNavigations) return this.refuse(route, url, 'navigation limit', true);
    if (++this.requests > limits.maxRequests) {
      this.incomplete.add(`request limit of ${limits.maxRequests} reached`);
      return this.refuse(route, url, 'request limit');
    }
    const left = limits.maxPageBytes - this.bytes;
    if (left <= 0) {
      this.incomplete.add(`page size limit of ${limits.maxPageBytes} bytes reached`);
      return this.refuse(route, url, 'page size limit');
    }
    this.inflight++;
    this.lastActivity = Date.now();
    try {
      const headers: Record<string, string> = {};
      const sent = await req.allHeaders();
      for (const name of FORWARDED) if (sent[name]) headers[name] = sent[name];
      const res = await this.o.fetch({ url, headers, maxBytes: Math.min(limits.maxResourceBytes, left) });
      this.bytes += res.body.length;
      this.resources.push({ url, status: res.status, type: req.resourceType(), bytes: res.body.length, redirectedTo: res.url !== url ? res.url : undefined });
      if (isDownload(res)) return this.refuse(route, url, 'download', navigation);
      await this.fulfil(route, res);
    } catch (e) {
      // A route handler must not throw: the failure is the resource's, and the page goes on without it.
      const error = !(e instanceof HttpError) ? `not fetched: ${String((e as Error)?.message ?? e).split('\n')[0]}` : e.code === 'http.too-large' ? 'larger than the limit' : e.message;
      this.resources.push({ url, status: null, type: req.resourceType(), bytes: 0, error });
      await route.abort('failed').catch(() => undefined);
    } finally {
      this.inflight--;
      this.lastActivity = Date.now();
    }
  }

  private async fulfil(route: Route, res: HttpResponse): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (!NOT_FOR_BROWSER.has(k)) headers[k] = v;
    // The page or its context may be gone by now (timeout, wall found): nothing to hand over then.
    await route.fulfill({ status: res.status, headers, body: res.body }).catch(() => undefined);
  }

  /**
   * A refused navigation is answered 204 No Content, on which a browser stays where it is: the page
   * (or its frame) keeps its document instead of showing Chromium's error page.
   */
  private async refuse(route: Route, url: string, reason: string, navigation = false): Promise<void> {
    this.blocked.push({ url, reason });
    const done = navigation ? route.fulfill({ status: 204, body: '' }) : route.abort('blockedbyclient');
    await done.catch(() => undefined);
  }

  /**
   * Until the document's load event, read in the capture's own world rather than from the browser's
   * navigation events: a script navigation that was refused must not leave the capture waiting.
   */
  private async loaded(): Promise<void> {
    const until = Date.now() + this.o.limits.navigationMs;
    while (Date.now() < until) {
      if ((await this.evaluate('document.readyState')) === 'complete') return;
      await sleep(25, this.o.signal);
    }
    this.incomplete.add(`the page had not finished loading after ${this.o.limits.navigationMs / 1000} s`);
  }

  /** Until no request has been in flight for `quietMs`, at most `settleMs`. */
  private async settle(quietMs = this.o.limits.quietMs): Promise<void> {
    const until = Date.now() + this.o.limits.settleMs;
    while (Date.now() < until) {
      if (this.inflight === 0 && Date.now() - this.lastActivity >= quietMs) return;
      await sleep(20, this.o.signal);
    }
    this.incomplete.add(`the network was still busy after ${this.o.limits.settleMs / 1000} s`);
  }

  /** Window by window to the bottom, so lazy images and comments load; then back to the top. */
  private async scroll(): Promise<void> {
    const { viewport, maxScrolls, maxScreenshotHeight } = this.o.limits;
    const before = this.lastActivity;
    let y = 0;
    for (let step = 0; step < maxScrolls; step++) {
      const height = Number(await this.evaluate('document.documentElement.scrollHeight')) || 0;
      if (y + viewport.height >= Math.min(height, maxScreenshotHeight)) break;
      y += viewport.height;
      await this.evaluate(`window.scrollTo(0, ${y})`);
      // Give the page a frame to notice, then wait for what it asked for.
      await sleep(40, this.o.signal);
      await this.settle(0);
    }
    if (y === 0) return;
    await this.evaluate('window.scrollTo(0, 0)');
    // Only what scrolling made the page fetch needs the full quiet period again.
    if (this.lastActivity !== before || this.inflight > 0) await this.settle();
    else await sleep(40, this.o.signal);
  }

  private world: number | undefined;

  /** Evaluates in the capture's isolated world of the main frame (created on first use, again after a navigation). */
  private async evaluate(expression: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      if (this.world === undefined) {
        const { frameTree } = await this.cdp.send('Page.getFrameTree');
        const { executionContextId } = await this.cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'socialarchive-capture' });
        this.world = executionContextId;
      }
      let r;
      try {
        r = await this.cdp.send('Runtime.evaluate', { expression, contextId: this.world, returnByValue: true });
      } catch (e) {
        // The page navigated and took the world with it.
        this.world = undefined;
        if (attempt >= 2) throw e;
        continue;
      }
      if (r.exceptionDetails) throw new Error(`the capture's page script failed: ${r.exceptionDetails.text}`);
      return r.result.value as unknown;
    }
  }

  private async screenshot(): Promise<PageCapture['screenshot']> {
    const { viewport, maxScreenshotHeight } = this.o.limits;
    const m = await this.cdp.send('Page.getLayoutMetrics');
    const full = Math.ceil(m.cssContentSize.height);
    const height = Math.max(1, Math.min(full, maxScreenshotHeight));
    const clip = { x: 0, y: 0, width: viewport.width, height, scale: 1 };
    const shot = await this.cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip });
    return { png: Buffer.from(shot.data, 'base64'), width: viewport.width, height, cut: full > maxScreenshotHeight };
  }
}
