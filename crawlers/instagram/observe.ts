import { createHash } from 'node:crypto';
import type { ItemObservation, MediaObservation } from '../../src/domain/types.js';
import type { ItemView, MediaRef, OwnAccount } from '../meta-graph/account-crawl.js';
import { contentKey, type ContentFields } from '../meta-graph/content-key.js';
import { graphTime, unsignedUrl } from '../meta-graph/graph.js';
import { VOLATILE_USER_FIELDS, type IgChild, type IgComment, type IgMedia, type IgUser } from './api.js';

// Pure mapping from Instagram Graph payloads to observations; media are downloaded by the crawl.

export const igProfileId = (userId: string): string => `ig-user:${userId}`;
export const igProfileUri = (username: string): string => `https://www.instagram.com/${username}/`;
/**
 * A comment's URI is its Graph object (derivable from its id alone, so the crawl and the normaliser
 * agree); its page for people is on its post's page, when the post's permalink is known.
 */
export const igCommentUri = (commentId: string): string => `https://graph.facebook.com/${commentId}`;
export const igCommentUrl = (postPermalink: string, commentId: string): string => `${postPermalink.replace(/\/?$/, '/')}c/${commentId}/`;

const kindOf = (t: string | undefined): 'image' | 'video' => (t === 'VIDEO' ? 'video' : 'image');

/** The files of a post: the picture or video itself, or each child of a carousel (not its cover). */
export function mediaFiles(m: IgMedia): MediaRef[] {
  const one = (x: IgMedia | IgChild): MediaRef[] => (x.media_url ? [{ url: x.media_url, type: kindOf(x.media_type), platformId: x.id }] : []);
  if (m.media_type === 'CAROUSEL_ALBUM') return (m.children?.data ?? []).flatMap(one);
  return one(m);
}

export function mediaContent(m: IgMedia): ContentFields {
  const parts = m.media_type === 'CAROUSEL_ALBUM' ? (m.children?.data ?? []).map((c) => kindOf(c.media_type)) : [kindOf(m.media_type)];
  return { text: m.caption ?? '', media: parts, link: null };
}

export const commentContent = (c: IgComment): ContentFields => ({ text: c.text ?? '', media: [], link: null });

/** The post as stored: the comments it brought along are items of their own. */
export function storedMedia(m: IgMedia): IgMedia {
  const { comments: _comments, ...media } = m;
  return media;
}

export function viewMedia(m: IgMedia, own: OwnAccount): ItemView {
  return {
    item: {
      kind: 'post',
      platformId: m.id,
      uri: m.permalink ?? `https://graph.facebook.com/${m.id}`,
      url: m.permalink,
      threadRootPlatformId: m.id,
      author: { id: own.id, handle: m.username ?? own.handle, displayName: own.displayName },
      thirdParty: false,
      publishedAt: graphTime(m.timestamp),
    },
    key: contentKey(mediaContent(m)),
    source: 'media',
    payload: JSON.stringify(storedMedia(m)),
    media: mediaFiles(m),
  };
}

/** A comment or reply; its nested `replies` page is not part of it (each reply is an item of its own). */
export function viewComment(c: IgComment, rootId: string, rootPermalink: string | undefined, own: OwnAccount, parentId?: string): ItemView {
  const { replies: _replies, ...comment } = c;
  const id = c.from?.id ?? c.username ?? 'unknown';
  const handle = c.from?.username ?? c.username ?? id;
  return {
    item: {
      kind: 'reply',
      platformId: c.id,
      uri: igCommentUri(c.id),
      url: rootPermalink ? igCommentUrl(rootPermalink, c.id) : undefined,
      parentPlatformId: c.parent_id ?? parentId ?? rootId,
      threadRootPlatformId: rootId,
      author: { id, handle },
      thirdParty: !(id === own.id || handle === own.handle),
      publishedAt: graphTime(c.timestamp),
    },
    key: contentKey(commentContent(c)),
    source: 'comment',
    payload: JSON.stringify(comment),
    media: [],
  };
}

export function userVersionKey(u: IgUser): string {
  const stable: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(u).sort(([a], [b]) => (a < b ? -1 : 1))) if (!VOLATILE_USER_FIELDS.includes(k)) stable[k] = v;
  stable.profile_picture_url = u.profile_picture_url ? unsignedUrl(u.profile_picture_url) : null;
  return `sha256:${createHash('sha256').update(JSON.stringify(stable)).digest('hex')}`;
}

export function observeUser(u: IgUser, capturedAt: string, media: MediaObservation[]): ItemObservation {
  const handle = u.username ?? u.id;
  return {
    kind: 'profile',
    platformId: igProfileId(u.id),
    uri: igProfileUri(handle),
    url: igProfileUri(handle),
    author: { id: u.id, handle, displayName: u.name },
    thirdParty: false,
    publishedAt: capturedAt,
    versions: [{ versionKey: userVersionKey(u), versionAt: capturedAt, source: 'user', payload: JSON.stringify(u), media }],
  };
}
