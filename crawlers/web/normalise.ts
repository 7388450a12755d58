// A stored browser capture (observe.ts PagePayload) as a normalised item. The page is a post of the
// account; its text is what the browser rendered, replies included; the screenshot and the page
// text are its media.
import { z } from 'zod';
import type { NormalisedItem, NormalisedMedia } from '../../formats/normalise/item.js';
import { NORMALISED_ITEM_SCHEMA_ID } from '../../formats/normalise/item.js';
import { parsePayload, storedMediaIndex, type PlatformNormaliser } from '../../formats/normalise/stored.js';
import { UserError } from '../../src/domain/errors.js';
import { PAGE_SOURCE, PAGE_TEXT_MEDIA, pageVersionKey, SCREENSHOT_MEDIA } from './observe.js';

const payloadSchema = z.object({
  url: z.string().min(1),
  author: z.object({ handle: z.string().min(1), thirdParty: z.boolean() }),
  lang: z.string().nullable(),
  publishedAt: z.string(),
  text: z.string(),
  screenshot: z.object({ sha256: z.string(), width: z.number().int().nonnegative(), height: z.number().int().nonnegative() }),
});

/** Payload fields deliberately not mapped: they describe the capture, and live in the raw payload. */
const KEPT_ONLY_IN_RAW = ['capture', 'finalUrl', 'status', 'title', 'description', 'published', 'textCut', 'screenshot.cut', 'pageText', 'viewport', 'notes[]', 'incomplete[]', 'resources[]', 'blocked[]', 'browser'];

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const normaliseBrowserCapture: PlatformNormaliser = (v) => {
  if (v.source !== PAGE_SOURCE) throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for ${v.platform} payloads of kind "${v.source}"`);
  const parsed = payloadSchema.safeParse(parsePayload(v.payload, 'page capture'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError('PAYLOAD_INVALID', `the stored page capture does not have the expected form: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const p = parsed.data;
  const stored = storedMediaIndex(v.media);
  const file = (id: string) => stored[id] ?? null;
  const media = (id: string, type: NormalisedMedia['type'], size?: { width: number; height: number }): NormalisedMedia => ({
    platformId: id,
    type,
    url: p.url,
    previewUrl: null,
    remoteUrl: null,
    description: null,
    blurhash: null,
    width: size?.width ?? null,
    height: size?.height ?? null,
    duration: null,
    sha256: file(id)?.sha256 ?? null,
    size: file(id)?.size ?? null,
    puid: file(id)?.puid ?? null,
  });
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: v.platform,
    kind: 'post',
    uri: p.url,
    url: p.url,
    platformId: p.url,
    author: { id: p.author.handle, handle: p.author.handle, displayName: null, url: null, thirdParty: p.author.thirdParty, bot: null },
    times: { published: ISO.test(p.publishedAt) ? p.publishedAt : v.capturedAt, edited: null, captured: v.capturedAt, foundDeleted: v.foundDeletedAt },
    text: { plain: p.text, html: null, summary: null, sensitive: false },
    language: p.lang,
    visibility: null,
    mentions: [],
    tags: [],
    links: [],
    media: [media(SCREENSHOT_MEDIA, 'image', p.screenshot), media(PAGE_TEXT_MEDIA, 'unknown')],
    poll: null,
    replyTo: null,
    threadRoot: { platformId: v.threadRootPlatformId ?? p.url },
    quoteOf: null,
    repostOf: null,
    counts: { replies: null, reposts: null, likes: null, quotes: null },
    application: null,
    emojis: [],
    // The platform keeps no versions of a page; the archive names each by what it captured, and
    // knows only when it captured it.
    version: { key: pageVersionKey(p.text, p.screenshot.sha256), at: v.capturedAt, source: 'status', index: null, isCurrent: v.isNewest },
    raw: { sha256: v.payloadSha256, mediaType: 'application/json', keptOnlyInRaw: KEPT_ONLY_IN_RAW },
  } satisfies NormalisedItem;
};
