// Pure mapping from a page capture to the archive's observations. A page URL is one post; what the
// page shows of replies is part of it. A version is named by what was captured, the page text and
// the screenshot, so an unchanged page makes no new version and any visible change makes one.
import { createHash } from 'node:crypto';
import type { ItemObservation, MediaObservation, StoredFile } from '../../src/domain/types.js';
import type { Blocked, PageCapture, Resource } from './capture-page.js';

/** `VersionObservation.source` of a browser capture. */
export const PAGE_SOURCE = 'page';
export const SCREENSHOT_MEDIA = 'screenshot';
export const PAGE_TEXT_MEDIA = 'page-text';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * What the archive keeps of one capture, beside the WARC. It holds no time of the capture itself, so
 * the same page gives the same bytes; `publishedAt` is the page's own date, or else when the archive
 * first found the page.
 */
export interface PagePayload {
  capture: 'socialarchive browser capture';
  url: string;
  /** Who published the page: the account, or the author its address names (a third party). */
  author: { handle: string; thirdParty: boolean };
  finalUrl: string;
  status: number;
  title: string;
  lang: string | null;
  description: string | null;
  /** Publication time as the page states it (meta or JSON-LD), unparsed. */
  published: string | null;
  publishedAt: string;
  text: string;
  textCut: boolean;
  screenshot: { sha256: string; width: number; height: number; cut: boolean };
  pageText: { sha256: string; bytes: number };
  viewport: { width: number; height: number };
  notes: string[];
  incomplete: string[];
  resources: Resource[];
  blocked: Blocked[];
  browser: string;
}

export function pageVersionKey(text: string, screenshotSha256: string): string {
  return `sha256:${sha256(`${sha256(text)}\n${screenshotSha256}`)}`;
}

/** The page text file: exactly the captured text, UTF-8. */
export const pageTextBytes = (page: PageCapture): Buffer => Buffer.from(page.text, 'utf8');

const byUrl = <T extends { url: string }>(a: T, b: T) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

function uniqueSorted<T extends { url: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list
    .filter((x) => {
      const k = JSON.stringify(x);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => byUrl(a, b) || (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const MAX_LISTED = 1000;
const cutUrl = (u: string) => (u.length > 2000 ? `${u.slice(0, 1999)}…` : u);

export interface PageFiles {
  screenshot: StoredFile;
  text: StoredFile;
}

export function pagePayload(page: PageCapture, author: PagePayload['author'], files: PageFiles, browser: string, publishedAtValue: string): PagePayload {
  const f = page.facts;
  const text = pageTextBytes(page);
  return {
    capture: 'socialarchive browser capture',
    url: page.url,
    author,
    finalUrl: page.finalUrl,
    status: page.status,
    title: f.title,
    lang: f.lang,
    description: f.description,
    published: f.published,
    publishedAt: publishedAtValue,
    text: page.text,
    textCut: page.textCut,
    screenshot: { sha256: files.screenshot?.sha256 ?? sha256(page.screenshot.png), width: page.screenshot.width, height: page.screenshot.height, cut: page.screenshot.cut },
    pageText: { sha256: files.text?.sha256 ?? sha256(text), bytes: text.length },
    viewport: f.viewport,
    notes: [...new Set(page.notes)].sort(),
    incomplete: page.incomplete,
    resources: uniqueSorted(page.resources.map((r) => ({ ...r, url: cutUrl(r.url) }))).slice(0, MAX_LISTED),
    blocked: uniqueSorted(page.blocked.map((b) => ({ ...b, url: cutUrl(b.url) }))).slice(0, MAX_LISTED),
    browser,
  };
}

/** The page's own publication time when it states a valid one; otherwise the first capture. */
export function publishedAt(stated: string | null, capturedAt: string): string {
  const t = stated ? Date.parse(stated) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : capturedAt;
}

/** The screenshot and the page text as the version's files. */
export function pageMedia(url: string, files: PageFiles): MediaObservation[] {
  return [
    { platformId: SCREENSHOT_MEDIA, type: SCREENSHOT_MEDIA, url, file: files.screenshot },
    { platformId: PAGE_TEXT_MEDIA, type: PAGE_TEXT_MEDIA, url, file: files.text },
  ];
}

/** The page as a post; `version` is absent when the archive holds this version already. */
export function observePage(
  url: string,
  author: PagePayload['author'],
  publishedAtValue: string,
  version?: { key: string; at: string; payload: PagePayload; media: MediaObservation[] },
): ItemObservation {
  return {
    kind: 'post',
    platformId: url,
    uri: url,
    url,
    threadRootPlatformId: url,
    author: { id: author.handle, handle: author.handle },
    thirdParty: author.thirdParty,
    publishedAt: publishedAtValue,
    versions: version ? [{ versionKey: version.key, versionAt: version.at, source: PAGE_SOURCE, payload: JSON.stringify(version.payload), media: version.media }] : [],
  };
}
