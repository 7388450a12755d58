// The fake network's data: accounts (each with its repository on the fake PDS), posts, reposts and
// blobs in memory, the indexes the AppView needs, and the pending "next day" changes. Records are
// made on demand from the posts; CIDs follow their content, so overwriting a post changes its CID.
import { renderImage, type ImageSpec } from '../../mastodon/fake/images.js';
import { blobCid, recordCid } from './ids.js';

export type { ImageSpec } from '../../mastodon/fake/images.js';

export interface FakeActor {
  did: string;
  handle: string;
  displayName: string;
  description: string;
  avatar: ImageSpec | null;
  banner: ImageSpec | null;
  createdAt: string;
  followersCount: number;
  followsCount: number;
}

export interface FakeImage {
  spec: ImageSpec;
  alt: string;
}

/** A facet as the record carries it: UTF-8 byte offsets into the text. */
export interface FakeFacet {
  index: { byteStart: number; byteEnd: number };
  features: ({ $type: 'app.bsky.richtext.facet#mention'; did: string } | { $type: 'app.bsky.richtext.facet#link'; uri: string } | { $type: 'app.bsky.richtext.facet#tag'; tag: string })[];
}

export interface FakePost {
  uri: string;
  did: string;
  rkey: string;
  text: string;
  facets: FakeFacet[];
  createdAt: string;
  /** When the AppView indexed the current content (moves with an overwrite). */
  indexedAt: string;
  langs: string[];
  /** AT-URIs; the strong refs' CIDs are fixed when the reply is first made into a record. */
  replyRoot: string | null;
  replyParent: string | null;
  images: FakeImage[];
  external: { uri: string; title: string; description: string } | null;
  quote: string | null;
  likeCount: number;
  /** How often the record was overwritten after the dataset's "now" (each one a version the archive can see). */
  rewrites: number;
  /** Personal-data categories planted in the text (test expectations; never served). */
  pii?: string[] | undefined;
}

export interface FakeRepost {
  uri: string;
  did: string;
  rkey: string;
  subject: string;
  createdAt: string;
}

export type NextDayChange =
  | { kind: 'add'; post: FakePost }
  | { kind: 'rewrite'; uri: string; at: string; text: string; facets: FakeFacet[] }
  | { kind: 'delete'; uri: string };

export interface DatasetClock {
  /** The moment the dataset describes ("today"), before `nextDay()`. */
  now: string;
  /** The moment after `nextDay()`. */
  nextDayNow: string;
}

export interface BlobInfo {
  cid: string;
  bytes: Buffer;
  mimeType: string;
}

/** One entry of an author feed, by the AppView's sort time (a post: the earlier of written and indexed). */
export interface FeedEntry {
  kind: 'post' | 'repost';
  uri: string;
  sortAt: number;
}

interface Indexes {
  children: Map<string, string[]>;
  reposts: Map<string, number>;
  quotes: Map<string, number>;
  feeds: Map<string, FeedEntry[]>;
  blobs: Map<string, Set<string>>;
}

const MIME: Record<ImageSpec['format'], string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

export class BlueskyDataset {
  readonly actors = new Map<string, FakeActor>();
  readonly posts = new Map<string, FakePost>();
  readonly reposts = new Map<string, FakeRepost>();
  /** The origin of the server serving this dataset (AppView, PDS, PLC directory and CDN in one). */
  baseUrl: string | null = null;
  private readonly byHandle = new Map<string, string>();
  private readonly pending: NextDayChange[] = [];
  private readonly specs = new Map<string, ImageSpec>();
  private readonly blobs = new Map<string, BlobInfo>();
  private readonly blobByCid = new Map<string, BlobInfo>();
  private readonly cids = new Map<string, string>();
  private readonly replyRefCids = new Map<string, { root: string; parent: string }>();
  private nextDayApplied = false;
  private indexes: Indexes | null = null;

  constructor(
    readonly name: string,
    readonly clock: DatasetClock,
  ) {}

  get now(): string {
    return this.nextDayApplied ? this.clock.nextDayNow : this.clock.now;
  }

  get nextDayChanges(): readonly NextDayChange[] {
    return this.pending;
  }

  addActor(a: FakeActor): void {
    this.actors.set(a.did, a);
    this.byHandle.set(a.handle.toLowerCase(), a.did);
    if (a.avatar) this.addSpec(a.avatar);
    if (a.banner) this.addSpec(a.banner);
  }

  addPost(p: FakePost): void {
    this.posts.set(p.uri, p);
    for (const i of p.images) this.addSpec(i.spec);
    this.indexes = null;
  }

  addRepost(r: FakeRepost): void {
    this.reposts.set(r.uri, r);
    this.indexes = null;
  }

  queueNextDay(c: NextDayChange): void {
    if (c.kind === 'add') for (const i of c.post.images) this.addSpec(i.spec);
    this.pending.push(c);
  }

  private addSpec(spec: ImageSpec): void {
    this.specs.set(specKey(spec), spec);
  }

  /** Draws every image now (also those of the next day), so no request waits for sharp and every blob has its CID. */
  async prepare(): Promise<void> {
    for (const [key, spec] of this.specs) {
      if (this.blobs.has(key)) continue;
      const bytes = await renderImage(spec);
      const info = { cid: blobCid(bytes), bytes, mimeType: MIME[spec.format] };
      this.blobs.set(key, info);
      this.blobByCid.set(info.cid, info);
    }
    this.indexes = null;
    // Fix every reply's strong refs now, before any later overwrite of what it answers.
    for (const uri of this.posts.keys()) this.cidOf(uri);
  }

  blob(spec: ImageSpec): BlobInfo {
    const b = this.blobs.get(specKey(spec));
    if (!b) throw new Error('blob not prepared: call prepare() first');
    return b;
  }

  blobByCidOf(cid: string): BlobInfo | undefined {
    return this.blobByCid.get(cid);
  }

  actor(did: string): FakeActor | undefined {
    return this.actors.get(did);
  }

  actorByHandle(handle: string): FakeActor | undefined {
    const did = this.byHandle.get(handle.toLowerCase());
    return did ? this.actors.get(did) : undefined;
  }

  /** The post record as its repository holds it now. */
  record(p: FakePost): Record<string, unknown> {
    const rec: Record<string, unknown> = { $type: 'app.bsky.feed.post', text: p.text, createdAt: p.createdAt, langs: p.langs };
    if (p.facets.length > 0) rec.facets = p.facets;
    if (p.replyRoot && p.replyParent) {
      let refs = this.replyRefCids.get(p.uri);
      if (!refs) this.replyRefCids.set(p.uri, (refs = { root: this.cidOf(p.replyRoot), parent: this.cidOf(p.replyParent) }));
      rec.reply = { root: { uri: p.replyRoot, cid: refs.root }, parent: { uri: p.replyParent, cid: refs.parent } };
    }
    const images = p.images.map((i) => ({
      alt: i.alt,
      image: { $type: 'blob', ref: { $link: this.blob(i.spec).cid }, mimeType: MIME[i.spec.format], size: this.blob(i.spec).bytes.length },
      aspectRatio: { width: i.spec.width, height: i.spec.height },
    }));
    const media = images.length > 0 ? { $type: 'app.bsky.embed.images', images } : null;
    const quoted = p.quote ? { $type: 'app.bsky.embed.record', record: { uri: p.quote, cid: this.cidOf(p.quote) } } : null;
    if (quoted && media) rec.embed = { $type: 'app.bsky.embed.recordWithMedia', record: quoted, media };
    else if (quoted) rec.embed = quoted;
    else if (media) rec.embed = media;
    else if (p.external) rec.embed = { $type: 'app.bsky.embed.external', external: { ...p.external } };
    return rec;
  }

  /** The CID of a post's current record; a deleted one keeps the CID it had, as references to it do. */
  cidOf(uri: string): string {
    let cid = this.cids.get(uri);
    if (!cid) {
      const p = this.posts.get(uri);
      if (!p) throw new Error(`no post ${uri}`);
      this.cids.set(uri, (cid = recordCid(this.record(p))));
    }
    return cid;
  }

  /** Direct replies still present, oldest first. */
  children(uri: string): readonly string[] {
    return this.index().children.get(uri) ?? [];
  }

  /** Reposts of a post that still exist. */
  repostCount(uri: string): number {
    return this.index().reposts.get(uri) ?? 0;
  }

  quoteCount(uri: string): number {
    return this.index().quotes.get(uri) ?? 0;
  }

  postsCount(did: string): number {
    return this.index().feeds.get(did)?.filter((e) => e.kind === 'post').length ?? 0;
  }

  /** The author feed: own posts (replies included) and reposts, newest first by the AppView's sort time. */
  authorFeed(did: string): readonly FeedEntry[] {
    return this.index().feeds.get(did) ?? [];
  }

  /** Whether the blob is in the repository of `did` (a post's image, an avatar or banner). */
  ownsBlob(did: string, cid: string): boolean {
    return this.index().blobs.get(cid)?.has(did) ?? false;
  }

  /** The repost record's CID. */
  repostCid(r: FakeRepost): string {
    let cid = this.cids.get(r.uri);
    if (!cid) {
      const record = { $type: 'app.bsky.feed.repost', subject: { uri: r.subject, cid: this.cidOf(r.subject) }, createdAt: r.createdAt };
      this.cids.set(r.uri, (cid = recordCid(record)));
    }
    return cid;
  }

  private index(): Indexes {
    if (this.indexes) return this.indexes;
    const children = new Map<string, string[]>();
    const reposts = new Map<string, number>();
    const quotes = new Map<string, number>();
    const feeds = new Map<string, FeedEntry[]>();
    const blobs = new Map<string, Set<string>>();
    const own = (did: string, spec: ImageSpec | null) => {
      const info = spec ? this.blobs.get(specKey(spec)) : undefined;
      if (!info) return;
      const set = blobs.get(info.cid) ?? new Set<string>();
      set.add(did);
      blobs.set(info.cid, set);
    };
    for (const a of this.actors.values()) {
      own(a.did, a.avatar);
      own(a.did, a.banner);
    }
    const push = (did: string, e: FeedEntry) => {
      const list = feeds.get(did) ?? [];
      list.push(e);
      feeds.set(did, list);
    };
    for (const p of this.posts.values()) {
      if (p.replyParent) {
        const list = children.get(p.replyParent) ?? [];
        list.push(p.uri);
        children.set(p.replyParent, list);
      }
      for (const i of p.images) own(p.did, i.spec);
      if (p.quote) quotes.set(p.quote, (quotes.get(p.quote) ?? 0) + 1);
      push(p.did, { kind: 'post', uri: p.uri, sortAt: Math.min(Date.parse(p.createdAt), Date.parse(p.indexedAt)) });
    }
    for (const r of this.reposts.values()) {
      reposts.set(r.subject, (reposts.get(r.subject) ?? 0) + 1);
      push(r.did, { kind: 'repost', uri: r.uri, sortAt: Date.parse(r.createdAt) });
    }
    for (const list of children.values()) list.sort((a, b) => cmp(this.posts.get(a)!.createdAt, this.posts.get(b)!.createdAt) || cmp(a, b));
    for (const list of feeds.values()) list.sort((a, b) => b.sortAt - a.sortAt || cmp(b.uri, a.uri));
    return (this.indexes = { children, reposts, quotes, feeds, blobs });
  }

  applyNextDay(): boolean {
    if (this.nextDayApplied) return false;
    this.nextDayApplied = true;
    for (const c of this.pending) {
      if (c.kind === 'add') {
        this.addPost(c.post);
        this.cidOf(c.post.uri);
      } else if (c.kind === 'delete') this.deletePost(c.uri);
      else this.rewritePost(c.uri, c.at, c.text, c.facets);
    }
    return true;
  }

  /** The record is gone from its repository: the AppView no longer shows it; replies to it stay, unreachable from above. */
  deletePost(uri: string): void {
    this.cidOf(uri);
    this.posts.delete(uri);
    for (const r of [...this.reposts.values()]) if (r.subject === uri) this.reposts.delete(r.uri);
    this.indexes = null;
  }

  /** `putRecord` over an existing post: same URI, new content, new CID. */
  rewritePost(uri: string, at: string, text: string, facets: FakeFacet[]): void {
    const p = this.posts.get(uri);
    if (!p) throw new Error(`cannot rewrite unknown post ${uri}`);
    p.text = text;
    p.facets = facets;
    p.indexedAt = at;
    p.rewrites++;
    this.cids.delete(uri);
    this.indexes = null;
  }
}

const specKey = (s: ImageSpec): string => JSON.stringify([s.format, s.width, s.height, s.pattern, s.seed, s.exif ?? null]);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
