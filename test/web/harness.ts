// A page capture with real parts and nothing else: the fake website, the project's HTTP client
// writing a real WARC, and the shared Chromium. For tests of capturePage below the crawler.
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARCParser } from 'warcio';
import { acquireBrowser, type SharedBrowser } from '../../crawlers/web/browser.js';
import { capturePage, type PageOutcome } from '../../crawlers/web/capture-page.js';
import { DEFAULT_CAPTURE_LIMITS, type CaptureLimits } from '../../crawlers/web/limits.js';
import { PROFILES } from '../../crawlers/web/profiles.js';
import { retryAfterPolicy } from '../../crawlers/web/rate-limit.js';
import { openWindow } from '../../crawlers/web/window.js';
import { HttpClient } from '../../src/capture/http/client.js';
import type { BrowserCapturePlatform } from '../../src/registry/browser-capture.js';
import { WarcWriter, type WarcFileDone } from '../../formats/warc/writer.js';
import { silentLog } from '../../src/log.js';

export interface WarcRecord {
  type: string;
  uri: string;
  /** The HTTP message of a request or response record: start line and headers. */
  head: string;
  body: Buffer;
}

export interface Harness {
  capture(url: string, opts?: { platform?: BrowserCapturePlatform; limits?: Partial<CaptureLimits> }): Promise<PageOutcome>;
  /** Closes the WARC and reads every record back with an independent parser (warcio). */
  records(): Promise<WarcRecord[]>;
  close(): Promise<void>;
}

export async function pageHarness(domain: string): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'web-capture-'));
  const done: WarcFileDone[] = [];
  const warc = new WarcWriter({ dir, baseName: 'test', info: { software: 'socialarchive/test' }, onFileDone: async (f) => void done.push(f) });
  const http = new HttpClient({ userAgent: 'socialarchive/test', warc, tmpDir: dir, log: silentLog, timeouts: { headersMs: 5000, idleMs: 5000 }, retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 } });
  const shared: SharedBrowser = await acquireBrowser();
  const policy = retryAfterPolicy(`browser ${domain}`);
  const signal = new AbortController().signal;
  return {
    capture: (url, o = {}) =>
      capturePage(url, {
        window: () => openWindow(shared.browser, { ...DEFAULT_CAPTURE_LIMITS, ...o.limits }.viewport),
        fetch: (r) => http.get({ url: r.url, headers: r.headers, into: 'buffer', maxBytes: r.maxBytes, rateLimit: policy }),
        scope: { domain, assetDomains: PROFILES[o.platform ?? 'web'].assetDomains },
        walls: PROFILES[o.platform ?? 'web'].walls,
        limits: { ...DEFAULT_CAPTURE_LIMITS, ...o.limits },
        signal,
      }),
    async records() {
      await warc.close();
      const out: WarcRecord[] = [];
      for (const f of done) {
        const parser = new WARCParser(createReadStream(f.path), { parseHttp: false });
        for await (const r of parser) {
          const block = Buffer.from(await r.readFully(false));
          const end = block.indexOf('\r\n\r\n');
          out.push({
            type: r.warcType ?? '',
            uri: r.warcTargetURI ?? '',
            head: end >= 0 ? block.subarray(0, end).toString('latin1') : '',
            body: end >= 0 ? block.subarray(end + 4) : block,
          });
        }
      }
      return out;
    },
    async close() {
      http.close();
      await warc.close();
      await shared.release();
    },
  };
}
