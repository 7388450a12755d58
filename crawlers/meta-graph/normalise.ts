// Pieces the Facebook and Instagram normalisers share: the item skeleton, links and hashtags found
// in plain text, stored media looked up, and the payload fields left to the raw JSON.
import { z } from 'zod';
import { UserError } from '../../src/domain/errors.js';
import type { Platform } from '../../src/domain/types.js';
import { NORMALISED_ITEM_SCHEMA_ID, type NormalisedItem, type NormalisedLink, type NormalisedMedia, type NormalisedTag } from '../../formats/normalise/item.js';
import { storedMediaIndex, type StoredVersionInput } from '../../formats/normalise/stored.js';
import type { MediaRef } from './account-crawl.js';

export function parseWith<T extends z.ZodType>(schema: T, payload: string, what: string): z.infer<T> {
  let data: unknown;
  try {
    data = JSON.parse(payload) as unknown;
  } catch (e) {
    throw new UserError('PAYLOAD_NOT_JSON', `the stored ${what} is not JSON (${(e as Error).message})`);
  }
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UserError('GRAPH_PAYLOAD_INVALID', `${what} cannot be normalised: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** Everything but what the platform's mapping fills in. */
export type ItemCore = Pick<NormalisedItem, 'kind' | 'uri' | 'url' | 'platformId' | 'author' | 'text' | 'mentions' | 'tags' | 'links' | 'media' | 'replyTo' | 'counts'> & {
  published: string;
  versionKey: string;
  versionAt: string;
  source: NormalisedItem['version']['source'];
  visibility: string | null;
  /** Payload keys mapped above; the others are listed as kept only in the raw payload. */
  rawKeys: string[];
  mapped: ReadonlySet<string>;
};

export function graphItem(platform: Platform, v: StoredVersionInput, core: ItemCore): NormalisedItem {
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform,
    kind: core.kind,
    uri: core.uri,
    url: core.url,
    platformId: core.platformId,
    author: core.author,
    // The Graph API says neither whether nor when content was edited; `version.at` is the best it gives.
    times: { published: core.published, edited: null, captured: v.capturedAt, foundDeleted: v.foundDeletedAt },
    text: core.text,
    language: null,
    visibility: core.visibility,
    mentions: core.mentions,
    tags: core.tags,
    links: core.links,
    media: core.media,
    poll: null,
    replyTo: core.replyTo,
    threadRoot: v.threadRootPlatformId ? { platformId: v.threadRootPlatformId } : null,
    quoteOf: null,
    repostOf: null,
    counts: core.counts,
    application: null,
    emojis: [],
    version: { key: core.versionKey, at: core.versionAt, source: core.source, index: null, isCurrent: true },
    raw: { sha256: v.payloadSha256 || null, mediaType: 'application/json', keptOnlyInRaw: core.rawKeys.filter((k) => !core.mapped.has(k)).sort() },
  };
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"'“”‘’]+/g;

/** Links written in the text, trailing punctuation left out. */
export function textLinks(text: string): NormalisedLink[] {
  const out: NormalisedLink[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, '');
    if (!out.some((l) => l.url === url)) out.push({ url, source: 'text', title: null, description: null, imageUrl: null });
  }
  return out;
}

export function hashtags(text: string, urlOf: (tag: string) => string): NormalisedTag[] {
  const out: NormalisedTag[] = [];
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]+)/gu)) {
    const name = m[2]!;
    if (!out.some((t) => t.name.toLowerCase() === name.toLowerCase())) out.push({ name, url: urlOf(name) });
  }
  return out;
}

/** Plain text as the schema asks: line breaks kept, paragraphs by a blank line (Meta sends plain text already). */
export const plainText = (s: string): string => s.replace(/\r\n?/g, '\n');

export function normalisedMedia(refs: (MediaRef & { width?: number | undefined; height?: number | undefined; previewUrl?: string | undefined })[], v: StoredVersionInput): NormalisedMedia[] {
  const stored = storedMediaIndex(v.media);
  return refs.map((m) => {
    const s = stored[m.url] ?? (m.platformId ? stored[m.platformId] : undefined);
    const type: NormalisedMedia['type'] = m.type === 'image' || m.type === 'video' ? m.type : 'unknown';
    return {
      platformId: m.platformId ?? null,
      type,
      url: m.url,
      previewUrl: m.previewUrl ?? null,
      remoteUrl: null,
      description: m.description ?? null,
      blurhash: null,
      width: m.width ?? null,
      height: m.height ?? null,
      duration: null,
      sha256: s?.sha256 ?? null,
      size: s?.size ?? null,
      puid: s?.puid ?? null,
    };
  });
}
