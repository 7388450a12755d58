// Builds a BlueskyDataset from short specs: DIDs from handles, TIDs from times, rich text with
// byte-offset facets, images as sharp-drawn blobs, and changes for the next day.
import type { ExifSpec, ImageFormat, ImagePattern, ImageSpec } from '../../mastodon/fake/images.js';
import { hash32, plcDid, tid } from './ids.js';
import { richText, type Segment } from './richtext.js';
import { BlueskyDataset, type DatasetClock, type FakeActor, type FakePost } from './store.js';

export interface ActorSpec {
  handle: string;
  displayName: string;
  description?: string;
  /** `YYYY-MM-DD`. */
  createdOn: string;
  avatar?: ImageFormat | null;
  banner?: ImageFormat | null;
  followers?: number;
}

export interface ImageOpts {
  format: ImageFormat;
  alt: string;
  pattern?: ImagePattern;
  exif?: ExifSpec;
  /** Equal seeds share bytes (synthetic data pools them); by default one per image. */
  seed?: number;
}

export interface PostSpec {
  /** A stable name, so keys do not depend on the order of building. */
  key: string;
  by: FakeActor;
  /** ISO 8601 with `Z`. */
  at: string;
  text: readonly Segment[];
  replyTo?: FakePost;
  images?: ImageOpts[];
  external?: { uri: string; title: string; description: string };
  quote?: FakePost;
  likes?: number;
  pii?: string[];
}

export const PHOTO_SIZE = { width: 400, height: 300 } as const;

export class BlueskyBuilder {
  readonly ds: BlueskyDataset;

  constructor(name: string, clock: DatasetClock) {
    this.ds = new BlueskyDataset(name, clock);
  }

  actor(spec: ActorSpec): FakeActor {
    const seed = hash32(spec.handle);
    const image = (format: ImageFormat | null | undefined, kind: 'avatar' | 'header'): ImageSpec | null =>
      format ? { format, ...(kind === 'avatar' ? { width: 128, height: 128 } : { width: 600, height: 200 }), pattern: kind, seed } : null;
    const a: FakeActor = {
      did: plcDid(spec.handle),
      handle: spec.handle,
      displayName: spec.displayName,
      description: spec.description ?? '',
      avatar: image(spec.avatar, 'avatar'),
      banner: image(spec.banner, 'header'),
      createdAt: `${spec.createdOn}T00:00:00.000Z`,
      followersCount: spec.followers ?? hash32(`followers:${spec.handle}`) % 400,
      followsCount: hash32(`follows:${spec.handle}`) % 300,
    };
    this.ds.addActor(a);
    return a;
  }

  post(spec: PostSpec): FakePost {
    const p = this.make(spec);
    this.ds.addPost(p);
    return p;
  }

  nextDayPost(spec: PostSpec): FakePost {
    const p = this.make(spec);
    this.ds.queueNextDay({ kind: 'add', post: p });
    return p;
  }

  repost(key: string, by: FakeActor, at: string, of: FakePost): void {
    const rkey = tid(Date.parse(at), `repost:${key}`);
    this.ds.addRepost({ uri: `at://${by.did}/app.bsky.feed.repost/${rkey}`, did: by.did, rkey, subject: of.uri, createdAt: at });
  }

  /** The author overwrites the post the next day (`putRecord`): new text, new CID. */
  nextDayRewrite(p: FakePost, at: string, text: readonly Segment[]): void {
    const r = richText(text);
    this.ds.queueNextDay({ kind: 'rewrite', uri: p.uri, at, text: r.text, facets: r.facets });
  }

  nextDayDelete(p: FakePost): void {
    this.ds.queueNextDay({ kind: 'delete', uri: p.uri });
  }

  private make(spec: PostSpec): FakePost {
    const ms = Date.parse(spec.at);
    if (Number.isNaN(ms)) throw new Error(`post ${spec.key}: bad time ${spec.at}`);
    if (spec.replyTo && Date.parse(spec.replyTo.createdAt) >= ms) throw new Error(`post ${spec.key}: reply is not newer than its parent`);
    const rkey = tid(ms, `post:${spec.key}`);
    const { text, facets } = richText(spec.text);
    if (Buffer.byteLength(text, 'utf8') > 3000) throw new Error(`post ${spec.key}: text over 3000 bytes`);
    const parent = spec.replyTo;
    return {
      uri: `at://${spec.by.did}/app.bsky.feed.post/${rkey}`,
      did: spec.by.did,
      rkey,
      text,
      facets,
      createdAt: new Date(ms).toISOString(),
      // The AppView indexes a post a second or two after the client wrote it.
      indexedAt: new Date(ms + 800 + (hash32(`indexed:${spec.key}`) % 2000)).toISOString(),
      langs: ['nl'],
      replyRoot: parent ? (parent.replyRoot ?? parent.uri) : null,
      replyParent: parent?.uri ?? null,
      images: (spec.images ?? []).map((i, n) => ({
        alt: i.alt,
        spec: { format: i.format, ...PHOTO_SIZE, pattern: i.pattern ?? 'photo', seed: i.seed ?? hash32(`image:${spec.key}/${n}`), exif: i.exif },
      })),
      external: spec.external ?? null,
      quote: spec.quote?.uri ?? null,
      likeCount: spec.likes ?? hash32(`likes:${spec.key}`) % 25,
      rewrites: 0,
      pii: spec.pii,
    };
  }
}
