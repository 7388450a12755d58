import { createHash } from 'node:crypto';
import type { ItemObservation, MediaObservation } from '../../src/domain/types.js';
import type { ItemView, MediaRef, OwnAccount } from '../meta-graph/account-crawl.js';
import { contentKey, type ContentFields } from '../meta-graph/content-key.js';
import { graphTime, unsignedUrl } from '../meta-graph/graph.js';
import { VOLATILE_PAGE_FIELDS, type FbAttachment, type FbComment, type FbPage, type FbPost } from './api.js';

// Pure mapping from Graph API payloads of a Facebook Page to observations. Media are downloaded by
// the crawl; here they are only named.

/** Canonical URIs: Graph ids resolve on facebook.com; a comment is addressed on its post. */
export const fbPostUri = (postId: string): string => `https://www.facebook.com/${postId}`;
export const fbCommentUri = (postId: string, commentId: string): string => `https://www.facebook.com/${postId}?comment_id=${commentId}`;
export const fbPageUri = (pageId: string): string => `https://www.facebook.com/${pageId}`;
export const fbProfileId = (pageId: string): string => `page:${pageId}`;

const isVideo = (a: FbAttachment): boolean => a.media_type === 'video' || /^video/.test(a.type ?? '');
const isImage = (a: FbAttachment): boolean =>
  a.media_type === 'photo' || ['photo', 'cover_photo', 'profile_media', 'sticker', 'animated_image_share', 'animated_image_autoplay'].includes(a.type ?? '');

/** Photos and videos of attachments, albums flattened, in order; links and events are not media. */
export function attachmentMedia(atts: FbAttachment[]): MediaRef[] {
  const out: MediaRef[] = [];
  for (const a of atts) {
    const subs = a.subattachments?.data ?? [];
    if (subs.length > 0) {
      out.push(...attachmentMedia(subs));
    } else if (isVideo(a)) {
      const url = a.media?.source ?? a.media?.image?.src;
      if (url) out.push({ url, type: 'video', platformId: a.target?.id });
    } else if (isImage(a)) {
      const url = a.media?.image?.src;
      if (url) out.push({ url, type: 'image', platformId: a.target?.id });
    }
  }
  return out;
}

/** The link a post or comment shares (its preview card), unwrapped from Facebook's redirect. */
export function sharedLink(atts: FbAttachment[]): string | null {
  const share = atts.find((a) => a.type === 'share' || a.media_type === 'link');
  return share ? (share.unshimmed_url ?? share.url ?? null) : null;
}

const kinds = (m: MediaRef[]): ContentFields['media'] => m.map((x) => (x.type === 'video' ? 'video' : 'image'));

export function postContent(p: FbPost): ContentFields {
  const atts = p.attachments?.data ?? [];
  return { text: p.message ?? '', media: kinds(attachmentMedia(atts)), link: sharedLink(atts) };
}

export function commentContent(c: FbComment): ContentFields {
  const atts = c.attachment ? [c.attachment] : [];
  return { text: c.message ?? '', media: kinds(attachmentMedia(atts)), link: sharedLink(atts) };
}

const author = (from: FbPost['from'], fallback: OwnAccount) =>
  from?.id ? { id: from.id, handle: from.name ?? from.id, displayName: from.name } : { id: fallback.id, handle: fallback.handle, displayName: fallback.displayName };

/**
 * The post as stored: the comments it brought along are items of their own, so only their summary
 * stays (a post asked for alone gives the same payload).
 */
export function storedPost(p: FbPost): FbPost {
  return p.comments ? { ...p, comments: p.comments.summary ? { summary: p.comments.summary } : {} } : p;
}

export function viewPost(p: FbPost, own: OwnAccount): ItemView {
  const by = author(p.from, own);
  return {
    item: {
      kind: 'post',
      platformId: p.id,
      uri: fbPostUri(p.id),
      url: p.permalink_url,
      threadRootPlatformId: p.id,
      author: by,
      thirdParty: by.id !== own.id,
      publishedAt: graphTime(p.created_time),
    },
    key: contentKey(postContent(p)),
    changedAt: p.updated_time ? graphTime(p.updated_time) : undefined,
    source: 'post',
    payload: JSON.stringify(storedPost(p)),
    media: attachmentMedia(p.attachments?.data ?? []),
  };
}

export function viewComment(c: FbComment, rootId: string, own: OwnAccount): ItemView {
  // Without a Page token of the Page itself Meta leaves `from` out for other people's comments.
  const by = c.from?.id ? { id: c.from.id, handle: c.from.name ?? c.from.id, displayName: c.from.name } : { id: 'unknown', handle: 'unknown' };
  return {
    item: {
      kind: 'reply',
      platformId: c.id,
      uri: fbCommentUri(rootId, c.id),
      url: c.permalink_url,
      parentPlatformId: c.parent?.id ?? rootId,
      threadRootPlatformId: rootId,
      author: by,
      thirdParty: by.id !== own.id,
      publishedAt: graphTime(c.created_time),
    },
    key: contentKey(commentContent(c)),
    source: 'comment',
    payload: JSON.stringify(c),
    media: attachmentMedia(c.attachment ? [c.attachment] : []),
  };
}

/** A profile version is named by its content; counters and the signatures on picture URLs do not count. */
export function pageVersionKey(page: FbPage): string {
  const stable: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(page).sort(([a], [b]) => (a < b ? -1 : 1))) if (!VOLATILE_PAGE_FIELDS.includes(k)) stable[k] = v;
  stable.picture = page.picture?.data?.url ? unsignedUrl(page.picture.data.url) : null;
  stable.cover = page.cover?.source ? unsignedUrl(page.cover.source) : null;
  return `sha256:${createHash('sha256').update(JSON.stringify(stable)).digest('hex')}`;
}

export function pageMedia(page: FbPage): MediaRef[] {
  const out: MediaRef[] = [];
  if (page.picture?.data?.url && !page.picture.data.is_silhouette) out.push({ url: page.picture.data.url, type: 'avatar', platformId: 'picture' });
  if (page.cover?.source) out.push({ url: page.cover.source, type: 'header', platformId: page.cover.id ?? 'cover' });
  return out;
}

export function observePage(page: FbPage, capturedAt: string, media: MediaObservation[]): ItemObservation {
  return {
    kind: 'profile',
    platformId: fbProfileId(page.id),
    uri: fbPageUri(page.id),
    url: page.link,
    author: { id: page.id, handle: page.name ?? page.username ?? page.id, displayName: page.name },
    thirdParty: false,
    publishedAt: capturedAt,
    versions: [{ versionKey: pageVersionKey(page), versionAt: capturedAt, source: 'page', payload: JSON.stringify(page), media }],
  };
}
