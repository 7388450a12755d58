// Maps a stored Bluesky version (an AppView postView, or the feed entry of a repost) onto the
// normalised item (docs/normalised-item.schema.json). Pure. Facets address the text in UTF-8 bytes;
// they are placed on the JavaScript string here (facets.ts), so mentions, tags and link texts are
// the characters the author marked, and shortened links are written out in full in `text.plain`.
import { z } from 'zod';
import { rawOnlyPaths, unmappedPaths } from '../../formats/normalise/mastodon-fields.js';
import { NORMALISED_ITEM_SCHEMA_ID, type NormalisedItem, type NormalisedLink, type NormalisedMedia } from '../../formats/normalise/item.js';
import { parsePayload, type PlatformNormaliser, type StoredVersionInput } from '../../formats/normalise/stored.js';
import { UserError } from '../../src/domain/errors.js';
import { didOf, webUrl } from './at-uri.js';
import { expandLinks, facetSpans } from './facets.js';
import { postBlobs } from './observe.js';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.nullish();

const Author = z.looseObject({ did: str.min(1), handle: str.min(1), displayName: opt(str), labels: opt(z.array(z.looseObject({ val: opt(str) }))) });
const Ref = z.looseObject({ uri: str, cid: opt(str) });

const Record = z.looseObject({
  text: str,
  createdAt: str,
  facets: opt(z.array(z.unknown())),
  reply: opt(z.looseObject({ root: Ref, parent: Ref })),
  embed: opt(z.looseObject({ $type: opt(str) })),
  langs: opt(z.array(str)),
  tags: opt(z.array(str)),
  labels: opt(z.looseObject({ values: opt(z.array(z.looseObject({ val: opt(str) }))) })),
});

const ViewImage = z.looseObject({ thumb: opt(str), thumbnail: opt(str), fullsize: opt(str), alt: opt(str) });
const EmbedView = z.looseObject({
  $type: opt(str),
  images: opt(z.array(ViewImage)),
  items: opt(z.array(ViewImage)),
  playlist: opt(str),
  thumbnail: opt(str),
  external: opt(z.looseObject({ uri: str, title: opt(str), description: opt(str), thumb: opt(str) })),
  record: opt(z.unknown()),
  media: opt(z.unknown()),
});

const PostView = z.looseObject({
  uri: str.min(1),
  cid: str.min(1),
  author: Author,
  record: Record,
  embed: opt(EmbedView),
  replyCount: opt(z.number()),
  repostCount: opt(z.number()),
  likeCount: opt(z.number()),
  quoteCount: opt(z.number()),
  indexedAt: str,
  labels: opt(z.array(z.looseObject({ val: opt(str) }))),
});

const Repost = z.looseObject({
  post: z.looseObject({ uri: str, author: z.looseObject({ did: str }) }),
  reason: z.looseObject({ by: Author, uri: str.min(1), cid: opt(str), indexedAt: str }),
});

/** Where each field of a postView goes; `null`: kept only in the raw payload on purpose. The longest matching prefix decides. */
export const BLUESKY_POST_FIELDS: Readonly<Record<string, string | null>> = {
  $type: null,
  uri: 'uri',
  cid: 'version.key',
  author: null,
  'author.did': 'author.id',
  'author.handle': 'author.handle',
  'author.displayName': 'author.displayName',
  'author.labels': 'author.bot',
  record: null,
  'record.text': 'text.plain',
  'record.createdAt': 'times.published',
  'record.facets': 'mentions, tags, links (text spans)',
  'record.reply.parent.uri': 'replyTo.uri',
  'record.reply.root.uri': 'threadRoot',
  'record.embed.images': 'media',
  'record.embed.video': 'media',
  'record.embed.items': 'media',
  'record.embed.media': 'media',
  'record.embed.external': 'links[card]',
  'record.embed.record': 'quoteOf',
  'record.langs': 'language',
  'record.tags': 'tags',
  'record.labels': 'text.sensitive',
  embed: null,
  'embed.images': 'media',
  'embed.items': 'media',
  'embed.playlist': 'media[].previewUrl',
  'embed.thumbnail': 'media[].previewUrl',
  'embed.media': 'media',
  'embed.external': 'links[card]',
  'embed.record': 'quoteOf',
  replyCount: 'counts.replies',
  repostCount: 'counts.reposts',
  likeCount: 'counts.likes',
  quoteCount: 'counts.quotes',
  indexedAt: 'version.at',
  labels: 'text.sensitive',
  bookmarkCount: null,
  viewer: null,
  threadgate: null,
  debug: null,
};

/** A repost's feed entry: the act is the item, the reposted post is only referred to. */
export const BLUESKY_REPOST_FIELDS: Readonly<Record<string, string | null>> = {
  'reason.uri': 'uri',
  'reason.cid': 'version.key',
  'reason.indexedAt': 'times.published',
  'reason.by.did': 'author.id',
  'reason.by.handle': 'author.handle',
  'reason.by.displayName': 'author.displayName',
  reason: null,
  post: null,
  'post.uri': 'repostOf.uri',
  'post.author.did': 'repostOf.authorId',
  reply: null,
  feedContext: null,
  reqId: null,
};

// Labels that hide content behind a warning in the Bluesky app.
const SENSITIVE = new Set(['porn', 'sexual', 'nudity', 'graphic-media', 'gore', 'sexual-figurative']);

function parse<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new UserError(
    'BLUESKY_PAYLOAD_INVALID',
    `${what} cannot be normalised: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  );
}

const profileUrl = (did: string): string => `https://bsky.app/profile/${did}`;
const tagUrl = (tag: string): string => `https://bsky.app/hashtag/${encodeURIComponent(tag)}`;

function author(a: z.infer<typeof Author>, own: string): NormalisedItem['author'] {
  return {
    id: a.did,
    handle: a.handle,
    displayName: a.displayName ? a.displayName : null,
    url: profileUrl(a.did),
    thirdParty: a.did !== own,
    bot: a.labels?.some((l) => l.val === 'bot') ? true : null,
  };
}

type StoredMedia = StoredVersionInput['media'][number];

/** Images and video: the record names the blobs (CIDs), the view adds thumbnails; the stored files say where the original came from. */
function media(p: z.infer<typeof PostView>, stored: readonly StoredMedia[]): NormalisedMedia[] {
  const byCid = new Map(stored.filter((m) => m.platformId).map((m) => [m.platformId!, m]));
  const view = p.embed?.$type === 'app.bsky.embed.recordWithMedia#view' ? EmbedView.safeParse(p.embed.media).data : p.embed;
  const viewImages = view?.images ?? view?.items ?? [];
  return postBlobs(p.record.embed).map((b, i) => {
    const s = byCid.get(b.cid);
    const v = b.type === 'image' ? viewImages[i] : undefined;
    return {
      platformId: b.cid,
      type: b.type,
      url: s?.url || v?.fullsize || view?.playlist || '',
      previewUrl: (b.type === 'video' ? view?.thumbnail : (v?.thumb ?? v?.thumbnail)) ?? null,
      remoteUrl: null,
      description: b.alt || v?.alt || null,
      blurhash: null,
      width: b.width ?? null,
      height: b.height ?? null,
      duration: null,
      sha256: s?.sha256 ?? null,
      size: s?.size ?? null,
      puid: s?.puid ?? null,
    };
  });
}

function quote(p: z.infer<typeof PostView>): NormalisedItem['quoteOf'] {
  const e = p.record.embed as { $type?: string; record?: { uri?: unknown; record?: { uri?: unknown } } } | undefined;
  const ref = e?.$type === 'app.bsky.embed.record' ? e.record : e?.$type === 'app.bsky.embed.recordWithMedia' ? e.record?.record : undefined;
  if (!ref || typeof ref.uri !== 'string') return null;
  const viewOuter = p.embed?.record as { record?: { $type?: string }; $type?: string } | undefined;
  const viewType = (p.embed?.$type === 'app.bsky.embed.recordWithMedia#view' ? viewOuter?.record?.$type : viewOuter?.$type) ?? '';
  const state = /#view(NotFound|Blocked|Detached)$/.exec(viewType)?.[1]?.toLowerCase() ?? null;
  return { platformId: ref.uri, uri: ref.uri, authorId: didOf(ref.uri), state };
}

function normalisePost(v: StoredVersionInput): NormalisedItem {
  const payload = parsePayload(v.payload, 'postView');
  const p = parse(PostView, payload, 'Bluesky post');
  const r = p.record;
  const spans = facetSpans(r.text, r.facets);
  const shown = (s: { start: number; end: number }) => r.text.slice(s.start, s.end);
  const mentions: NormalisedItem['mentions'] = [];
  const tags: NormalisedItem['tags'] = [];
  const links: NormalisedLink[] = [];
  for (const s of spans) {
    for (const f of s.features) {
      if (f.kind === 'mention') mentions.push({ id: f.did, handle: shown(s).replace(/^@/, ''), url: profileUrl(f.did) });
      else if (f.kind === 'tag') tags.push({ name: f.tag, url: tagUrl(f.tag) });
      else links.push({ url: f.uri, source: 'text', title: shown(s) || null, description: null, imageUrl: null });
    }
  }
  for (const t of r.tags ?? []) if (!tags.some((x) => x.name.toLowerCase() === t.toLowerCase())) tags.push({ name: t, url: tagUrl(t) });
  const card = p.embed?.external ?? (p.embed?.$type === 'app.bsky.embed.recordWithMedia#view' ? EmbedView.safeParse(p.embed.media).data?.external : undefined);
  if (card) links.push({ url: card.uri, source: 'card', title: card.title || null, description: card.description || null, imageUrl: card.thumb ?? null });
  const labels = [...(r.labels?.values ?? []), ...(p.labels ?? [])].map((l) => l.val ?? '');
  const kind = r.reply ? 'reply' : 'post';
  const rewritten = v.source === 'post-rewrite';
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: 'bluesky',
    kind,
    uri: p.uri,
    url: webUrl(p.uri) ?? null,
    platformId: p.uri,
    author: author(p.author, v.ownAccountId),
    times: { published: validDate(r.createdAt, p.indexedAt), edited: rewritten ? p.indexedAt : null, captured: v.capturedAt, foundDeleted: v.foundDeletedAt },
    text: { plain: expandLinks(r.text, spans), html: null, summary: null, sensitive: labels.some((l) => SENSITIVE.has(l)) },
    language: r.langs?.[0] ?? null,
    visibility: 'public',
    mentions,
    tags,
    links,
    media: media(p, v.media),
    poll: null,
    replyTo: r.reply ? { platformId: r.reply.parent.uri, uri: r.reply.parent.uri, authorId: didOf(r.reply.parent.uri) } : null,
    threadRoot: v.threadRootPlatformId ? { platformId: v.threadRootPlatformId } : kind === 'post' ? { platformId: p.uri } : null,
    quoteOf: quote(p),
    repostOf: null,
    counts: { replies: p.replyCount ?? null, reposts: p.repostCount ?? null, likes: p.likeCount ?? null, quotes: p.quoteCount ?? null },
    application: null,
    emojis: [],
    version: { key: p.cid, at: p.indexedAt, source: 'record', index: null, isCurrent: true },
    raw: { sha256: v.payloadSha256, mediaType: 'application/json', keptOnlyInRaw: [...rawOnlyPaths(BLUESKY_POST_FIELDS, payload), ...unmappedPaths(BLUESKY_POST_FIELDS, payload)] },
  };
}

function normaliseRepost(v: StoredVersionInput): NormalisedItem {
  const payload = parsePayload(v.payload, 'repost');
  const e = parse(Repost, payload, 'Bluesky repost');
  const r = e.reason;
  return {
    schema: NORMALISED_ITEM_SCHEMA_ID,
    platform: 'bluesky',
    kind: 'share',
    uri: r.uri,
    url: null,
    platformId: r.uri,
    author: author(r.by, v.ownAccountId),
    times: { published: r.indexedAt, edited: null, captured: v.capturedAt, foundDeleted: v.foundDeletedAt },
    text: { plain: '', html: null, summary: null, sensitive: false },
    language: null,
    visibility: 'public',
    mentions: [],
    tags: [],
    links: [],
    media: [],
    poll: null,
    replyTo: null,
    threadRoot: v.threadRootPlatformId ? { platformId: v.threadRootPlatformId } : null,
    quoteOf: null,
    repostOf: { platformId: e.post.uri, uri: e.post.uri, authorId: e.post.author.did },
    counts: { replies: null, reposts: null, likes: null, quotes: null },
    application: null,
    emojis: [],
    version: { key: r.cid ?? r.indexedAt, at: r.indexedAt, source: 'record', index: null, isCurrent: true },
    raw: { sha256: v.payloadSha256, mediaType: 'application/json', keptOnlyInRaw: [...rawOnlyPaths(BLUESKY_REPOST_FIELDS, payload), ...unmappedPaths(BLUESKY_REPOST_FIELDS, payload)] },
  };
}

/** ISO 8601 as the schema wants it; a client-written `createdAt` that is not falls back to the server's time. */
function validDate(value: string, fallback: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && Number.isFinite(Date.parse(value)) ? value : fallback;
}

/** A stored Bluesky version: `post` / `post-rewrite` (a postView), or `repost` (the feed entry). */
export const normaliseBlueskyVersion: PlatformNormaliser = (v) => {
  if (v.source === 'post' || v.source === 'post-rewrite') return normalisePost(v);
  if (v.source === 'repost') return normaliseRepost(v);
  throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for bluesky payloads of kind "${v.source}"`);
};
