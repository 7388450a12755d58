// A stored Instagram version onto the normalised item (docs/normalised-item.schema.json): media or a
// comment as the Graph API served it (`media`, `comment`), or a post from the owner's export
// (`export`, text repaired). Pure: payload in, item out.
import { z } from 'zod';
import { UserError } from '../../src/domain/errors.js';
import type { NormalisedItem, NormalisedMention } from '../../formats/normalise/item.js';
import type { PlatformNormaliser, StoredVersionInput } from '../../formats/normalise/stored.js';
import { contentKey } from '../meta-graph/content-key.js';
import { graphTime } from '../meta-graph/graph.js';
import { repairDeep } from '../meta-graph/mojibake.js';
import { graphItem, hashtags, normalisedMedia, parseWith, plainText, textLinks } from '../meta-graph/normalise.js';
import type { IgComment, IgMedia } from './api.js';
import { exportedPost, type InstagramExportEntry, type InstagramExportPayload } from './importer.js';
import { commentContent, igCommentUri, mediaContent, mediaFiles } from './observe.js';

const nullish = <T extends z.ZodType>(t: T) => t.nullish();
const Child = z.looseObject({ id: z.string(), media_type: nullish(z.string()), media_url: nullish(z.string()), thumbnail_url: nullish(z.string()) });
const Media = z.looseObject({
  id: z.string().min(1),
  caption: nullish(z.string()),
  media_type: nullish(z.enum(['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM'])),
  media_url: nullish(z.string()),
  thumbnail_url: nullish(z.string()),
  permalink: nullish(z.string()),
  timestamp: z.string(),
  username: nullish(z.string()),
  like_count: nullish(z.number()),
  comments_count: nullish(z.number()),
  children: nullish(z.looseObject({ data: z.array(Child).default([]) })),
});
const Comment = z.looseObject({
  id: z.string().min(1),
  text: nullish(z.string()),
  timestamp: z.string(),
  username: nullish(z.string()),
  from: nullish(z.looseObject({ id: nullish(z.string()), username: nullish(z.string()) })),
  like_count: nullish(z.number()),
  hidden: nullish(z.boolean()),
  parent_id: nullish(z.string()),
});
const Envelope = z.looseObject({
  export: z.literal('instagram'),
  id: z.string().min(1),
  uri: z.string().min(1),
  owner: z.looseObject({ id: z.string().min(1), username: z.string().min(1) }),
  entry: z.looseObject({}),
});

const MEDIA_MAPPED = new Set(['id', 'caption', 'media_type', 'media_url', 'thumbnail_url', 'permalink', 'timestamp', 'username', 'like_count', 'comments_count', 'children']);
const COMMENT_MAPPED = new Set(['id', 'text', 'timestamp', 'username', 'from', 'like_count', 'hidden', 'parent_id']);

const profileUrl = (u: string) => `https://www.instagram.com/${u}/`;
const tagUrl = (t: string) => `https://www.instagram.com/explore/tags/${encodeURIComponent(t.toLowerCase())}/`;

function atMentions(text: string): NormalisedMention[] {
  const out: NormalisedMention[] = [];
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_.])@([A-Za-z0-9_.]{1,30})/gu)) {
    const handle = m[2]!.replace(/\.+$/, '');
    if (handle && !out.some((x) => x.handle === handle)) out.push({ id: null, handle, url: profileUrl(handle) });
  }
  return out;
}

function fromMedia(v: StoredVersionInput): NormalisedItem {
  const m = parseWith(Media, v.payload, 'Instagram media') as unknown as IgMedia;
  const text = plainText(m.caption ?? '');
  const handle = m.username ?? v.ownAccountId;
  const children = new Map((m.children?.data ?? []).map((c) => [c.media_url, c]));
  return graphItem('instagram', v, {
    kind: 'post',
    uri: m.permalink ?? `https://graph.facebook.com/${m.id}`,
    url: m.permalink ?? null,
    platformId: m.id,
    author: { id: v.ownAccountId, handle, displayName: null, url: profileUrl(handle), thirdParty: false, bot: null },
    published: graphTime(m.timestamp),
    versionKey: contentKey(mediaContent(m)),
    versionAt: graphTime(m.timestamp),
    source: 'status',
    visibility: 'public',
    text: { plain: text, html: null, summary: null, sensitive: false },
    mentions: atMentions(text),
    tags: hashtags(text, tagUrl),
    links: textLinks(text),
    media: normalisedMedia(mediaFiles(m).map((f) => ({ ...f, previewUrl: (children.get(f.url)?.thumbnail_url ?? (m.media_type === 'VIDEO' ? m.thumbnail_url : undefined)) ?? undefined })), v),
    replyTo: null,
    counts: { replies: m.comments_count ?? null, reposts: null, likes: (m.like_count as number | undefined) ?? null, quotes: null },
    rawKeys: Object.keys(JSON.parse(v.payload) as object),
    mapped: MEDIA_MAPPED,
  });
}

function fromComment(v: StoredVersionInput): NormalisedItem {
  const c = parseWith(Comment, v.payload, 'Instagram comment') as unknown as IgComment;
  const text = plainText(c.text ?? '');
  const id = c.from?.id ?? c.username ?? 'unknown';
  const handle = c.from?.username ?? c.username ?? id;
  const root = v.threadRootPlatformId;
  const parent = c.parent_id ?? root;
  return graphItem('instagram', v, {
    kind: 'reply',
    // The comment's page on instagram.com needs its post's permalink, which the comment does not carry.
    uri: igCommentUri(c.id),
    url: null,
    platformId: c.id,
    author: { id, handle, displayName: null, url: profileUrl(handle), thirdParty: id !== v.ownAccountId, bot: null },
    published: graphTime(c.timestamp),
    versionKey: contentKey(commentContent(c)),
    versionAt: graphTime(c.timestamp),
    source: 'status',
    visibility: c.hidden ? 'hidden' : 'public',
    text: { plain: text, html: null, summary: null, sensitive: false },
    mentions: atMentions(text),
    tags: hashtags(text, tagUrl),
    links: textLinks(text),
    media: [],
    replyTo: parent ? { platformId: parent, uri: null, authorId: null } : null,
    counts: { replies: null, reposts: null, likes: (c.like_count as number | undefined) ?? null, quotes: null },
    rawKeys: Object.keys(JSON.parse(v.payload) as object),
    mapped: COMMENT_MAPPED,
  });
}

function fromExport(v: StoredVersionInput): NormalisedItem {
  const env = parseWith(Envelope, v.payload, 'Instagram export entry') as unknown as InstagramExportPayload;
  const entry = repairDeep(env.entry) as InstagramExportEntry;
  const { content, uris, published } = exportedPost(entry);
  if (!published) throw new UserError('GRAPH_PAYLOAD_INVALID', 'Instagram export entry cannot be normalised: it has no time');
  const text = plainText(content.text);
  return graphItem('instagram', v, {
    kind: 'post',
    uri: env.uri,
    url: null,
    platformId: env.id,
    author: { id: env.owner.id, handle: env.owner.username, displayName: null, url: profileUrl(env.owner.username), thirdParty: false, bot: null },
    published,
    versionKey: contentKey(content),
    versionAt: published,
    source: 'export',
    visibility: null,
    text: { plain: text, html: null, summary: null, sensitive: false },
    mentions: atMentions(text),
    tags: hashtags(text, tagUrl),
    links: textLinks(text),
    media: normalisedMedia(uris.map((u, i) => ({ url: u, type: content.media[i] ?? 'unknown' })), v),
    replyTo: null,
    counts: { replies: null, reposts: null, likes: null, quotes: null },
    rawKeys: Object.keys(entry as object).map((k) => `entry.${k}`),
    mapped: new Set(['entry.media', 'entry.title', 'entry.creation_timestamp']),
  });
}

export const normaliseInstagramVersion: PlatformNormaliser = (v) => {
  switch (v.source) {
    case 'media':
      return fromMedia(v);
    case 'comment':
      return fromComment(v);
    case 'export':
      return fromExport(v);
    default:
      throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for instagram payloads of kind "${v.source}"`);
  }
};
