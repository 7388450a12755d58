// A stored Facebook version onto the normalised item (docs/normalised-item.schema.json): a Post or
// Comment as the Graph API served it (`post`, `comment`), or an entry of the owner's export
// (`export`, text repaired). Pure: payload in, item out.
import { z } from 'zod';
import { UserError } from '../../src/domain/errors.js';
import type { NormalisedItem, NormalisedMention } from '../../formats/normalise/item.js';
import type { PlatformNormaliser, StoredVersionInput } from '../../formats/normalise/stored.js';
import { contentKey } from '../meta-graph/content-key.js';
import { graphTime } from '../meta-graph/graph.js';
import { repairDeep } from '../meta-graph/mojibake.js';
import { graphItem, hashtags, normalisedMedia, parseWith, plainText, textLinks } from '../meta-graph/normalise.js';
import type { FbAttachment, FbComment, FbPost } from './api.js';
import { exportedContent, exportedTimes, type FacebookExportPayload } from './importer.js';
import { attachmentMedia, commentContent, fbCommentUri, fbPostUri, postContent, sharedLink } from './observe.js';

const nullish = <T extends z.ZodType>(t: T) => t.nullish();
const From = z.looseObject({ id: z.string().min(1), name: nullish(z.string()) });
const Tag = z.looseObject({ id: nullish(z.string()), name: nullish(z.string()), type: nullish(z.string()) });
const Summary = z.looseObject({ summary: nullish(z.looseObject({ total_count: nullish(z.number()) })) });
const Post = z.looseObject({
  id: z.string().min(1),
  created_time: z.string(),
  updated_time: nullish(z.string()),
  message: nullish(z.string()),
  permalink_url: nullish(z.string()),
  is_hidden: nullish(z.boolean()),
  from: nullish(From),
  attachments: nullish(z.looseObject({ data: z.array(z.looseObject({})).default([]) })),
  message_tags: nullish(z.array(Tag)),
  shares: nullish(z.looseObject({ count: nullish(z.number()) })),
  comments: nullish(Summary),
  reactions: nullish(Summary),
});
const Comment = z.looseObject({
  id: z.string().min(1),
  created_time: z.string(),
  message: nullish(z.string()),
  from: nullish(From),
  parent: nullish(z.looseObject({ id: z.string() })),
  attachment: nullish(z.looseObject({})),
  like_count: nullish(z.number()),
  comment_count: nullish(z.number()),
  is_hidden: nullish(z.boolean()),
  permalink_url: nullish(z.string()),
  message_tags: nullish(z.array(Tag)),
});
const Envelope = z.looseObject({
  export: z.literal('facebook'),
  kind: z.enum(['post', 'comment']),
  id: z.string().min(1),
  uri: z.string().min(1),
  owner: z.looseObject({ id: z.string().min(1), name: z.string().min(1) }),
  entry: z.looseObject({}),
});

const POST_MAPPED = new Set(['id', 'created_time', 'updated_time', 'message', 'permalink_url', 'is_hidden', 'from', 'attachments', 'message_tags', 'shares', 'comments', 'reactions']);
const COMMENT_MAPPED = new Set(['id', 'created_time', 'message', 'from', 'parent', 'attachment', 'like_count', 'comment_count', 'is_hidden', 'permalink_url', 'message_tags']);

const hashtagUrl = (t: string) => `https://www.facebook.com/hashtag/${encodeURIComponent(t.toLowerCase())}`;

function author(from: { id: string; name?: string | null | undefined } | null | undefined, own: string): NormalisedItem['author'] {
  if (!from) return { id: 'unknown', handle: 'unknown', displayName: null, url: null, thirdParty: true, bot: null };
  // App-scoped ids of people do not resolve on facebook.com; a Page's id does.
  return { id: from.id, handle: from.name ?? from.id, displayName: from.name ?? null, url: from.id === own ? `https://www.facebook.com/${from.id}` : null, thirdParty: from.id !== own, bot: null };
}

function mentions(tags: z.infer<typeof Tag>[] | null | undefined): NormalisedMention[] {
  return (tags ?? []).filter((t) => t.name).map((t) => ({ id: t.id ?? null, handle: t.name!, url: t.id && t.type === 'page' ? `https://www.facebook.com/${t.id}` : null }));
}

function media(atts: FbAttachment[], v: StoredVersionInput) {
  const flat = (list: FbAttachment[]): FbAttachment[] => list.flatMap((a) => (a.subattachments?.data?.length ? flat(a.subattachments.data) : [a]));
  const byUrl = new Map(flat(atts).map((a) => [a.media?.source ?? a.media?.image?.src, a]));
  return normalisedMedia(
    attachmentMedia(atts).map((m) => {
      const a = byUrl.get(m.url);
      return { ...m, width: a?.media?.image?.width, height: a?.media?.image?.height, previewUrl: m.type === 'video' ? a?.media?.image?.src : undefined };
    }),
    v,
  );
}

function links(text: string, atts: FbAttachment[]) {
  const out = textLinks(text);
  const card = atts.find((a) => a.type === 'share' || a.media_type === 'link');
  const url = sharedLink(atts);
  if (card && url) out.push({ url, source: 'card', title: card.title ?? null, description: card.description ?? null, imageUrl: card.media?.image?.src ?? null });
  return out;
}

function fromPost(v: StoredVersionInput): NormalisedItem {
  const p = parseWith(Post, v.payload, 'Facebook post');
  const atts = (p.attachments?.data ?? []) as FbAttachment[];
  const text = plainText(p.message ?? '');
  return graphItem('facebook', v, {
    kind: 'post',
    uri: fbPostUri(p.id),
    url: p.permalink_url ?? null,
    platformId: p.id,
    author: author(p.from, v.ownAccountId),
    published: graphTime(p.created_time),
    versionKey: contentKey(postContent(p as FbPost)),
    versionAt: graphTime(p.updated_time ?? p.created_time),
    source: 'status',
    visibility: p.is_hidden ? 'hidden' : 'public',
    text: { plain: text, html: null, summary: null, sensitive: false },
    mentions: mentions(p.message_tags),
    tags: hashtags(text, hashtagUrl),
    links: links(text, atts),
    media: media(atts, v),
    replyTo: null,
    counts: { replies: p.comments?.summary?.total_count ?? null, reposts: p.shares?.count ?? null, likes: p.reactions?.summary?.total_count ?? null, quotes: null },
    rawKeys: Object.keys(JSON.parse(v.payload) as object),
    mapped: POST_MAPPED,
  });
}

function fromComment(v: StoredVersionInput): NormalisedItem {
  const c = parseWith(Comment, v.payload, 'Facebook comment');
  const atts = (c.attachment ? [c.attachment] : []) as FbAttachment[];
  const text = plainText(c.message ?? '');
  const root = v.threadRootPlatformId;
  const parent = c.parent?.id ?? root;
  return graphItem('facebook', v, {
    kind: 'reply',
    uri: root ? fbCommentUri(root, c.id) : fbPostUri(c.id),
    url: c.permalink_url ?? null,
    platformId: c.id,
    author: author(c.from, v.ownAccountId),
    published: graphTime(c.created_time),
    versionKey: contentKey(commentContent(c as FbComment)),
    versionAt: graphTime(c.created_time),
    source: 'status',
    visibility: c.is_hidden ? 'hidden' : 'public',
    text: { plain: text, html: null, summary: null, sensitive: false },
    mentions: mentions(c.message_tags),
    tags: hashtags(text, hashtagUrl),
    links: links(text, atts),
    media: media(atts, v),
    replyTo: parent ? { platformId: parent, uri: null, authorId: null } : null,
    counts: { replies: c.comment_count ?? null, reposts: null, likes: c.like_count ?? null, quotes: null },
    rawKeys: Object.keys(JSON.parse(v.payload) as object),
    mapped: COMMENT_MAPPED,
  });
}

/** An export entry: the owner's own post or comment, text repaired, media by their path in the export. */
function fromExport(v: StoredVersionInput): NormalisedItem {
  const env = parseWith(Envelope, v.payload, 'Facebook export entry') as unknown as FacebookExportPayload;
  const entry = repairDeep(env.entry) as Parameters<typeof exportedContent>[0];
  const { content, uris } = exportedContent(entry, env.kind);
  const { published, updated } = exportedTimes(entry, env.kind);
  if (!published) throw new UserError('GRAPH_PAYLOAD_INVALID', 'Facebook export entry cannot be normalised: it has no time');
  const text = plainText(content.text);
  const out = textLinks(text);
  if (content.link && !out.some((l) => l.url === content.link)) out.push({ url: content.link, source: 'card', title: null, description: null, imageUrl: null });
  const isReply = env.kind === 'comment';
  return graphItem('facebook', v, {
    kind: isReply ? 'reply' : 'post',
    uri: env.uri,
    url: null,
    platformId: env.id,
    author: { id: env.owner.id, handle: env.owner.name, displayName: env.owner.name, url: null, thirdParty: false, bot: null },
    published,
    versionKey: contentKey(content),
    versionAt: updated ?? published,
    source: 'export',
    visibility: null,
    text: { plain: text, html: null, summary: null, sensitive: false },
    mentions: [],
    tags: hashtags(text, hashtagUrl),
    links: out,
    media: normalisedMedia(uris.map((u) => ({ url: u, type: content.media[uris.indexOf(u)] ?? 'unknown' })), v),
    // The export does not say which post or comment an own comment answered.
    replyTo: null,
    counts: { replies: null, reposts: null, likes: null, quotes: null },
    rawKeys: Object.keys(entry as object).map((k) => `entry.${k}`),
    mapped: new Set(['entry.timestamp', 'entry.data', 'entry.attachments']),
  });
}

export const normaliseFacebookVersion: PlatformNormaliser = (v) => {
  switch (v.source) {
    case 'post':
      return fromPost(v);
    case 'comment':
      return fromComment(v);
    case 'export':
      return fromExport(v);
    default:
      throw new UserError('NORMALISE_NO_SOURCE', `no normaliser for facebook payloads of kind "${v.source}"`);
  }
};
