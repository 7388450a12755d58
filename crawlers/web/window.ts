// A browser window for one page capture: a fresh browser context (no cookies, storage or cache of
// any other page) with one page. Its requests, web sockets and popups go to the capture holding it.
// Starting the page's renderer process is the slowest step of a capture, so a pool keeps one
// window opened ahead while the previous page loads.
import type { Browser, BrowserContext, CDPSession, Page, Route, WebSocketRoute } from 'playwright-core';

/** What a capture does with the window's events while it holds the window. */
export interface WindowHandlers {
  request(route: Route): Promise<void>;
  webSocket(ws: WebSocketRoute): void;
  popup(page: Page): void;
}

export interface CaptureWindow {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  hold(h: WindowHandlers): void;
  close(): Promise<void>;
}

export async function openWindow(browser: Browser, viewport: { width: number; height: number }): Promise<CaptureWindow> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    acceptDownloads: false,
    serviceWorkers: 'block',
  });
  let handlers: WindowHandlers | undefined;
  try {
    // Nothing is let through before a capture holds the window (nothing should ask).
    await context.routeWebSocket(/.*/, (ws) => (handlers ? handlers.webSocket(ws) : void ws.close().catch(() => undefined)));
    await context.route('**/*', (route) => (handlers ? handlers.request(route) : route.abort('blockedbyclient').catch(() => undefined)));
    const page = await context.newPage();
    context.on('page', (p) => {
      if (p === page) return;
      handlers?.popup(p);
      void p.close().catch(() => undefined);
    });
    page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
    const cdp = await context.newCDPSession(page);
    return {
      context,
      page,
      cdp,
      hold: (h) => void (handlers = h),
      close: () => context.close().catch(() => undefined),
    };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}

/** Hands out windows, keeping the next one opening in the background. */
export class WindowPool {
  private spare: Promise<CaptureWindow> | undefined;

  constructor(
    private readonly browser: Browser,
    private readonly viewport: { width: number; height: number },
  ) {}

  take(): Promise<CaptureWindow> {
    const next = this.spare ?? this.open();
    this.spare = this.open();
    return next;
  }

  async close(): Promise<void> {
    const spare = this.spare;
    this.spare = undefined;
    await (await spare)?.close();
  }

  private open(): Promise<CaptureWindow> {
    const p = openWindow(this.browser, this.viewport);
    p.catch(() => undefined); // a spare that failed to open is reported when it is taken
    return p;
  }
}
