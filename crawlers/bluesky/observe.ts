// Pure mapping from AppView views to observations. Media files are attached by the crawler.
import { createHash } from 'node:crypto';
import type { ItemKind, ItemObservation, MediaObservation, VersionObservation } from '../../src/domain/types.js';
import type { BlobRef, FeedViewPost, PostView, ProfileViewDetailed, ReasonRepost } from './api.js';
import { profileUri, webUrl } from './at-uri.js';

/**
 * Records are immutable, but a record can be overwritten in place (`putRecord`): the post keeps
 * its URI and gets a new CID. The CID names exactly one content, so it is the version key.
 */
export const postVersionKey = (p: Pick<PostView, 'cid'>): string => p.cid;

/** Where a version's payload came from: the first version the archive saw, or a later overwrite of the record. */
export type PostSource = 'post' | 'post-rewrite';

export interface Placement {
  kind: ItemKind;
  threadRootPlatformId?: string | undefined;
}

/** A valid time as given, else the fallback: `createdAt` is written by the client and may be anything. */
export function validTime(value: unknown, fallback: string): string {
  return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? value : fallback;
}

export function observePost(p: PostView, ownDid: string, placement: Placement, versions: VersionObservation[]): ItemObservation {
  return {
    kind: placement.kind,
    platformId: p.uri,
    uri: p.uri,
    url: webUrl(p.uri),
    parentPlatformId: p.record.reply?.parent?.uri,
    threadRootPlatformId: placement.threadRootPlatformId,
    author: { id: p.author.did, handle: p.author.handle, displayName: p.author.displayName || undefined },
    thirdParty: p.author.did !== ownDid,
    publishedAt: validTime(p.record.createdAt, p.indexedAt),
    versions,
  };
}

/** One version of a post; `indexedAt` is when the AppView saw this content (server time). */
export function postVersion(p: PostView, source: PostSource, media: MediaObservation[]): VersionObservation {
  return { versionKey: postVersionKey(p), versionAt: p.indexedAt, source, payload: JSON.stringify(p), media };
}

/**
 * A repost by the account: its own act, stored as a share (the repost record's URI is its id),
 * with the reposted post embedded in the payload as the feed delivered it. It is not the account's post.
 */
export function observeRepost(e: FeedViewPost & { reason: ReasonRepost & { uri: string } }): ItemObservation {
  const r = e.reason;
  return {
    kind: 'post',
    platformId: r.uri,
    uri: r.uri,
    author: { id: r.by.did, handle: r.by.handle, displayName: r.by.displayName || undefined },
    thirdParty: false,
    publishedAt: r.indexedAt,
    versions: [{ versionKey: r.cid ?? r.indexedAt, versionAt: r.indexedAt, source: 'repost', payload: JSON.stringify(e), media: [] }],
  };
}

/** A blob a post carries, as its record references it. */
export interface PostBlob {
  cid: string;
  mimeType: string;
  type: 'image' | 'video';
  alt?: string | undefined;
  /** As the client declared it (`aspectRatio`); usually the pixel size. */
  width?: number | undefined;
  height?: number | undefined;
}

function ratio(x: unknown): { width?: number; height?: number } {
  const r = (x as { aspectRatio?: { width?: unknown; height?: unknown } } | null)?.aspectRatio;
  const n = (v: unknown) => (Number.isInteger(v) && (v as number) > 0 ? (v as number) : undefined);
  return { width: n(r?.width), height: n(r?.height) };
}

function blobCid(b: unknown): BlobRef | null {
  const r = b as BlobRef | null;
  return r && typeof r === 'object' && typeof r.ref?.$link === 'string' && typeof r.mimeType === 'string' ? r : null;
}

/** Images and video of a post's record embed (also inside a quote with media), in order. */
export function postBlobs(embed: unknown): PostBlob[] {
  const e = embed as { $type?: string; images?: unknown; video?: unknown; alt?: unknown; media?: unknown; items?: unknown } | undefined;
  if (!e || typeof e !== 'object') return [];
  const out: PostBlob[] = [];
  const image = (x: unknown) => {
    const i = x as { image?: unknown; alt?: unknown } | null;
    const b = blobCid(i?.image);
    if (b) out.push({ cid: b.ref.$link, mimeType: b.mimeType, type: 'image', alt: typeof i?.alt === 'string' ? i.alt : undefined, ...ratio(i) });
  };
  switch (e.$type) {
    case 'app.bsky.embed.images':
      if (Array.isArray(e.images)) e.images.forEach(image);
      break;
    case 'app.bsky.embed.gallery':
      if (Array.isArray(e.items)) e.items.forEach(image);
      break;
    case 'app.bsky.embed.video': {
      const b = blobCid(e.video);
      if (b) out.push({ cid: b.ref.$link, mimeType: b.mimeType, type: 'video', alt: typeof e.alt === 'string' ? e.alt : undefined, ...ratio(e) });
      break;
    }
    case 'app.bsky.embed.recordWithMedia':
      return postBlobs(e.media);
    default:
  }
  return out;
}

export function blobObservation(b: PostBlob, url: string, stored: { file?: { sha256: string; size: number }; error?: string }): MediaObservation {
  return { platformId: b.cid, type: b.type, url, description: b.alt || undefined, file: stored.file, error: stored.error };
}

// Counters, index times and the viewer's relation change all the time; they make no profile version.
const VOLATILE_PROFILE_FIELDS = new Set(['followersCount', 'followsCount', 'postsCount', 'indexedAt', 'viewer', 'associated', 'status', 'debug']);

export function profileVersionKey(p: ProfileViewDetailed): string {
  const stable = Object.fromEntries(
    Object.entries(p)
      .filter(([k]) => !VOLATILE_PROFILE_FIELDS.has(k))
      .sort(([x], [y]) => (x < y ? -1 : 1)),
  );
  return `sha256:${createHash('sha256').update(JSON.stringify(stable)).digest('hex')}`;
}

export function observeProfile(p: ProfileViewDetailed, capturedAt: string, media: MediaObservation[]): ItemObservation {
  const uri = profileUri(p.did);
  return {
    kind: 'profile',
    platformId: uri,
    uri,
    url: webUrl(uri),
    author: { id: p.did, handle: p.handle, displayName: p.displayName || undefined },
    thirdParty: false,
    publishedAt: validTime(p.createdAt, capturedAt),
    versions: [{ versionKey: profileVersionKey(p), versionAt: capturedAt, source: 'profile', payload: JSON.stringify(p), media }],
  };
}

/** The blob CID in an AppView image URL (`…/img/<preset>/plain/<did>/<cid>@jpeg`), or null. */
export function cdnBlobCid(url: string | undefined, did: string): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/img\/[a-z_]+\/plain\/([^/]+)\/([a-z2-7]+)(@[a-z]+)?$/.exec(path);
  return m && decodeURIComponent(m[1]!) === did ? m[2]! : null;
}

/** When a feed entry happened in the feed's order: a repost by its time, a post by the earlier of written and indexed. */
export function entryTime(e: FeedViewPost): number {
  if (e.reason && typeof (e.reason as { indexedAt?: unknown }).indexedAt === 'string') return Date.parse((e.reason as ReasonRepost).indexedAt);
  const indexed = Date.parse(e.post.indexedAt);
  const created = Date.parse(e.post.record?.createdAt ?? '');
  return Number.isFinite(created) ? Math.min(created, indexed) : indexed;
}
