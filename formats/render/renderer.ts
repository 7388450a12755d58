// Renders thread renditions (PDF/A-2b and PNG) with ONE shared headless Chromium. The page runs
// no JavaScript, loads nothing from any network (every request is aborted and counted), and gets
// post HTML only through the allow-list sanitiser. Media bytes come from a resolver the caller
// passes in; images are checked and shrunk to a display copy, everything else is a labelled box.
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import sharp from 'sharp';
import { isUserError, UserError } from '../../src/domain/errors.js';
import { identifyBytes } from '../identify/index.js';
import { DEFAULT_MAX_PIXELS, imageDerivative, refuseHostile } from '../normalise/image.js';
import type { NormalisedItem, NormalisedMedia } from '../normalise/item.js';
import type { RenderLang } from './labels.js';
import { toPdfA } from './pdfa.js';
import { documentTitle, mediaKey, threadHtml, type PreparedMedia, type RenderThread } from './template.js';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
  // Several pages render at once; none of them may be throttled as a background tab.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Returns the stored bytes of a media attachment, or null when there are none. */
export type MediaResolver = (media: NormalisedMedia, item: NormalisedItem) => Promise<Uint8Array | null>;

export interface ThreadInput extends RenderThread {
  media?: MediaResolver;
}

export interface RenderOptions {
  lang?: RenderLang;
}

export interface Rendition {
  pdf: Buffer;
  png: Buffer;
  html: string;
  /** Milliseconds per stage, for benchmarks and logs. */
  timings: { media: number; layout: number; png: number; pdf: number; pdfa: number };
}

export interface Renderer {
  renderThread(thread: ThreadInput, opts?: RenderOptions): Promise<Rendition>;
  /** Requests the page tried to make and that were refused (should stay 0). */
  readonly blockedRequests: readonly string[];
  close(): Promise<void>;
}

export interface RendererOptions {
  executablePath?: string;
  /** Pages kept open for concurrent renders; default 2 (one per core here). */
  pages?: number;
  /** Width of the PNG in CSS pixels. */
  width?: number;
  maxPixels?: number;
  gs?: string;
  /** Ghostscript PDF interpreter for the PDF/A step (see PdfAOptions.interpreter). */
  pdfaInterpreter?: 'legacy' | 'new';
}

const DISPLAY_WIDTH = 720;

/** A display copy of an image for the page: checked, oriented, at most 720 px wide, as a data: URI. */
async function prepareImage(bytes: Uint8Array, maxPixels: number): Promise<PreparedMedia> {
  const id = identifyBytes(bytes);
  if (!id.mime.startsWith('image/') || id.mime === 'image/svg+xml') {
    return { kind: 'placeholder', code: 'NOT_AN_IMAGE', detail: `${id.name}${id.puid ? ` ${id.puid}` : ''}` };
  }
  try {
    refuseHostile(id, maxPixels);
    let input: Uint8Array = bytes;
    if (id.mime === 'image/heif') {
      const d = await imageDerivative(bytes, id, { maxPixels });
      if ('missingTool' in d) return { kind: 'placeholder', code: 'TOOL_MISSING', detail: d.missingTool };
      input = d.bytes;
    }
    const img = sharp(input, { limitInputPixels: maxPixels, failOn: 'warning' }).autoOrient().resize({ width: DISPLAY_WIDTH, withoutEnlargement: true });
    const meta = await sharp(input, { limitInputPixels: maxPixels }).metadata();
    const { data, info } = meta.hasAlpha
      ? await img.png().toBuffer({ resolveWithObject: true })
      : await img.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    const mime = meta.hasAlpha ? 'image/png' : 'image/jpeg';
    return { kind: 'image', dataUri: `data:${mime};base64,${data.toString('base64')}`, width: info.width, height: info.height };
  } catch (e) {
    return { kind: 'placeholder', code: isUserError(e) ? e.code : 'IMAGE_UNDECODABLE' };
  }
}

async function prepareMedia(t: ThreadInput, maxPixels: number): Promise<Map<string, PreparedMedia>> {
  const out = new Map<string, PreparedMedia>();
  const items = [t.root, ...t.replies];
  await Promise.all(
    items.flatMap((item) =>
      item.media.map(async (m, i) => {
        if (m.type !== 'image' || !t.media) return;
        const bytes = await t.media(m, item);
        out.set(mediaKey(item, i), bytes ? await prepareImage(bytes, maxPixels) : { kind: 'placeholder', code: 'NOT_CAPTURED' });
      }),
    ),
  );
  return out;
}

export async function createRenderer(opts: RendererOptions = {}): Promise<Renderer> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const width = opts.width ?? 800;
  const blocked: string[] = [];
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: opts.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  } catch (e) {
    throw new UserError('RENDER_NO_BROWSER', `cannot start Chromium (${opts.executablePath ?? '/usr/bin/chromium'}); install Debian package chromium: ${String(e).split('\n')[0]}`);
  }
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      timezoneId: 'Europe/Amsterdam',
      locale: 'nl-NL',
      viewport: { width, height: 600 },
      deviceScaleFactor: 1,
      colorScheme: 'light',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    await context.route('**/*', (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    return context;
  };

  interface Slot {
    page: Page;
    cdp: CDPSession;
  }
  const idle: Slot[] = [];
  const waiting: ((s: Slot) => void)[] = [];
  let open = 0;
  const maxPages = opts.pages ?? 2;
  const acquire = async (): Promise<Slot> => {
    const s = idle.pop();
    if (s) return s;
    if (open < maxPages) {
      open++;
      // One context (one window) per page: Chromium delays frames of a page that is not the
      // front tab of its window by about a second, which would stall screenshots.
      const context = await newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      return { page, cdp };
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (s: Slot) => {
    const next = waiting.shift();
    if (next) next(s);
    else idle.push(s);
  };
  /** The whole page as PNG, at CSS pixel size, captured in one piece. */
  const capturePng = async ({ cdp }: Slot): Promise<Buffer> => {
    const m = await cdp.send('Page.getLayoutMetrics');
    const clip = { x: 0, y: 0, width: Math.ceil(m.cssContentSize.width), height: Math.ceil(m.cssContentSize.height), scale: 1 };
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip });
    return Buffer.from(shot.data, 'base64');
  };

  return {
    blockedRequests: blocked,
    async renderThread(thread, ropts = {}) {
      const lang = ropts.lang ?? 'nl';
      let t = performance.now();
      const lap = () => {
        const now = performance.now();
        const ms = now - t;
        t = now;
        return ms;
      };
      const media = await prepareMedia(thread, maxPixels);
      const html = threadHtml(thread, { lang, media });
      const timings = { media: lap(), layout: 0, png: 0, pdf: 0, pdfa: 0 };
      const slot = await acquire();
      let png: Buffer;
      let raw: Buffer;
      try {
        lap();
        await slot.page.setContent(html, { waitUntil: 'load' });
        timings.layout = lap();
        png = await capturePng(slot);
        timings.png = lap();
        raw = await slot.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, outline: false, tagged: false });
        timings.pdf = lap();
      } finally {
        release(slot);
      }
      const pdf = await toPdfA(
        raw,
        {
          title: documentTitle(thread.root, lang),
          author: thread.root.author.displayName ?? thread.root.author.handle,
          subject: thread.root.url ?? thread.root.uri,
          keywords: `${thread.root.platform} ${thread.root.uri}`,
          created: thread.root.times.captured,
        },
        { gs: opts.gs, interpreter: opts.pdfaInterpreter },
      );
      timings.pdfa = lap();
      return { pdf, png, html, timings };
    },
    async close() {
      await browser.close();
    },
  };
}
