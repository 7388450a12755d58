// Bounds on one page capture. A page is hostile input: it may never finish loading, grow without
// end, or pull in gigabytes. Every bound that is hit is recorded with the capture.

export interface CaptureLimits {
  /** Browser window in CSS pixels; the screenshot is this wide. */
  viewport: { width: number; height: number };
  /** Until the page's load event. */
  navigationMs: number;
  /** The whole page: prefetch, load, settling, scrolling, screenshot. */
  pageMs: number;
  /** The network counts as quiet after this long without a request in flight. */
  quietMs: number;
  /** At most this long waiting for quiet after the load event and after scrolling. */
  settleMs: number;
  /** Scroll steps of one window height, to let lazy images and comments load. */
  maxScrolls: number;
  /** Requests one page may have fetched (refused ones do not count). */
  maxRequests: number;
  /** Bytes of all responses of one page together. */
  maxPageBytes: number;
  /** Bytes of one response body. */
  maxResourceBytes: number;
  /** Taller pages are cut here in the screenshot (Chromium's texture limit is 16,384 px). */
  maxScreenshotHeight: number;
  /** The page text is cut here. */
  maxTextChars: number;
  /** Client-side navigations within the domain the page may make (a script redirect to a login page). */
  maxNavigations: number;
  /** Pages of one account loaded at the same time. */
  pageConcurrency: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = {
  viewport: { width: 1280, height: 800 },
  navigationMs: 30_000,
  pageMs: 90_000,
  quietMs: 250,
  settleMs: 10_000,
  maxScrolls: 25,
  maxRequests: 400,
  maxPageBytes: 96 * 1024 * 1024,
  maxResourceBytes: 24 * 1024 * 1024,
  maxScreenshotHeight: 16_384,
  maxTextChars: 1_000_000,
  maxNavigations: 3,
  pageConcurrency: 2,
};
