// The fake X server's data: users, posts (each with its versions: X gives every edit a new id) and
// media, in memory, with the "next day" changes a dataset brings. Texts are kept as written; the
// server escapes `&`, `<`, `>` as X does. Ids are Snowflakes made from the times, as X's are.
import type { ImageSpec } from '../../mastodon/fake/images.js';

export const TWITTER_EPOCH = 1288834974657;

export interface FakeUrl {
  /** The t.co link in the text. */
  tco: string;
  expanded: string;
  display: string;
  /** Link-card title and description, when X unwound the link. */
  title?: string | undefined;
  description?: string | undefined;
}

export interface FakeVideoVariant {
  bitRate: number;
  width: number;
  height: number;
}

export interface FakeXMedia {
  id: string;
  type: 'photo' | 'video' | 'animated_gif';
  /** The file name X gives it (without extension), e.g. `GbX3k9aWcAA1b2C`. */
  name: string;
  alt: string | null;
  width: number;
  height: number;
  /** The photo itself, or the video's thumbnail. */
  image: ImageSpec;
  durationMs?: number | undefined;
  /** MP4 renditions (videos and GIFs); the server adds an HLS playlist for videos. */
  variants?: FakeVideoVariant[] | undefined;
  /** Seed of the moving picture. */
  seed?: number | undefined;
}

export interface FakeXVersion {
  id: string;
  createdAt: string;
  /** As written (unescaped), with the t.co links of `urls` in it; the media link is added by the server. */
  text: string;
  urls: FakeUrl[];
  media: FakeXMedia[];
  /** The t.co link to the media, when there are any. */
  mediaTco: string | null;
}

export interface FakeXTweet {
  /** Oldest first; more than one when the post was edited. The first id names the post. */
  versions: FakeXVersion[];
  authorId: string;
  /** The post answered (its first id), for replies. */
  inReplyTo: string | null;
  retweetOf: string | null;
  quoteOf: string | null;
  lang: string;
  sensitive: boolean;
  replySettings: 'everyone' | 'mentionedUsers' | 'following';
  likes: number;
  retweets: number;
  quotes: number;
  deletedAt: string | null;
  /** Personal-data categories planted in the text (test expectations; never served). */
  pii?: string[] | undefined;
}

export interface FakeXUser {
  id: string;
  username: string;
  name: string;
  description: string;
  location: string;
  url: FakeUrl | null;
  createdAt: string;
  verifiedType: 'government' | 'business' | 'blue' | 'none';
  protected: boolean;
  avatar: { name: string; image: ImageSpec } | null;
  followers: number;
  following: number;
  listed: number;
  /** The account's own e-mail, as `account.js` of its archive holds it. */
  email?: string | undefined;
}

export type NextDayChange =
  | { kind: 'add'; tweet: FakeXTweet }
  | { kind: 'edit'; id: string; version: FakeXVersion }
  | { kind: 'delete'; id: string; at: string };

export interface DatasetClock {
  /** The moment the dataset describes ("today"), before `nextDay()`. */
  now: string;
  /** After `nextDay()`: everything the next day brings is older than this. */
  nextDayNow: string;
}

export class FakeXDataset {
  readonly users = new Map<string, FakeXUser>();
  /** By the post's first id. */
  readonly tweets = new Map<string, FakeXTweet>();
  /** The origin of the server serving this dataset, e.g. `http://127.0.0.1:43123`. */
  baseUrl: string | null = null;
  private readonly versionOf = new Map<string, string>();
  private readonly pending: NextDayChange[] = [];
  private nextDayApplied = false;
  private children = new Map<string, string[]>();
  private timelines = new Map<string, string[]>();
  private conversations = new Map<string, string[]>();
  private indexed = false;

  constructor(
    readonly name: string,
    readonly clock: DatasetClock,
    /** The account the dataset is about (the municipality). */
    readonly ownUserId: string,
  ) {}

  get now(): string {
    return this.nextDayApplied ? this.clock.nextDayNow : this.clock.now;
  }

  addUser(u: FakeXUser): FakeXUser {
    this.users.set(u.id, u);
    return u;
  }

  addTweet(t: FakeXTweet): FakeXTweet {
    this.tweets.set(t.versions[0]!.id, t);
    for (const v of t.versions) this.versionOf.set(v.id, t.versions[0]!.id);
    this.indexed = false;
    return t;
  }

  later(change: NextDayChange): void {
    this.pending.push(change);
  }

  /** Posts and versions the next day will add (for preparing their media). */
  pendingTweets(): { versions: FakeXVersion[] }[] {
    return this.pending.flatMap((c) => (c.kind === 'add' ? [c.tweet] : c.kind === 'edit' ? [{ versions: [c.version] }] : []));
  }

  userByName(username: string): FakeXUser | undefined {
    const u = username.toLowerCase();
    for (const x of this.users.values()) if (x.username.toLowerCase() === u) return x;
    return undefined;
  }

  /** The post a version id (or a post id) belongs to, deleted ones included. */
  postOf(versionId: string): FakeXTweet | undefined {
    const id = this.versionOf.get(versionId);
    return id ? this.tweets.get(id) : undefined;
  }

  /** The version with this id, and its post. */
  version(versionId: string): { tweet: FakeXTweet; version: FakeXVersion } | undefined {
    const tweet = this.postOf(versionId);
    const version = tweet?.versions.find((v) => v.id === versionId);
    return tweet && version ? { tweet, version } : undefined;
  }

  current(t: FakeXTweet): FakeXVersion {
    return t.versions[t.versions.length - 1]!;
  }

  idOf(t: FakeXTweet): string {
    return t.versions[0]!.id;
  }

  /** The first post of the conversation (its first id), as X's `conversation_id`. */
  conversationOf(t: FakeXTweet): string {
    let cur = t;
    for (let guard = 0; cur.inReplyTo && guard < 10_000; guard++) {
      const parent = this.tweets.get(cur.inReplyTo);
      if (!parent) return cur.inReplyTo;
      cur = parent;
    }
    return this.idOf(cur);
  }

  private index(): void {
    if (this.indexed) return;
    this.children = new Map();
    this.timelines = new Map();
    this.conversations = new Map();
    const push = (m: Map<string, string[]>, k: string, v: string) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const t of this.tweets.values()) {
      if (t.deletedAt) continue;
      if (t.inReplyTo) {
        push(this.children, t.inReplyTo, this.idOf(t));
        push(this.conversations, this.conversationOf(t), this.idOf(t));
      }
      push(this.timelines, t.authorId, this.idOf(t));
    }
    const byCurrent = (a: string, b: string) => compareDesc(this.current(this.tweets.get(a)!).id, this.current(this.tweets.get(b)!).id);
    for (const list of this.timelines.values()) list.sort(byCurrent);
    for (const list of this.conversations.values()) list.sort(byCurrent);
    this.indexed = true;
  }

  /** The user's posts (not deleted), newest first by the id of their current version. */
  timeline(userId: string): string[] {
    this.index();
    return this.timelines.get(userId) ?? [];
  }

  /** Direct replies (not deleted), as `public_metrics.reply_count` counts them. */
  replyCount(id: string): number {
    this.index();
    return this.children.get(id)?.length ?? 0;
  }

  /** Every post (not deleted) of a conversation other than its first, newest first. */
  conversation(conversationId: string): FakeXTweet[] {
    this.index();
    return (this.conversations.get(conversationId) ?? []).map((id) => this.tweets.get(id)!);
  }

  /** Number of posts of the user X counts (`public_metrics.tweet_count`). */
  tweetCount(userId: string): number {
    return this.timeline(userId).length;
  }

  /** Applies the next day's changes once. */
  applyNextDay(): void {
    if (this.nextDayApplied) return;
    this.nextDayApplied = true;
    for (const c of this.pending) {
      if (c.kind === 'add') this.addTweet(c.tweet);
      else if (c.kind === 'edit') {
        const t = this.tweets.get(c.id)!;
        t.versions.push(c.version);
        this.versionOf.set(c.version.id, c.id);
      } else this.tweets.get(c.id)!.deletedAt = c.at;
    }
    this.indexed = false;
  }
}

export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
const compareDesc = (a: string, b: string) => compareIds(b, a);

/** Snowflake ids from times: unique per dataset, ordered by time as X's are. */
export class IdMaker {
  private readonly used = new Set<string>();

  at(ms: number): string {
    for (let seq = 0; ; seq++) {
      const id = ((BigInt(ms - TWITTER_EPOCH) << 22n) | BigInt(seq)).toString();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/** A deterministic string of `n` characters from `alphabet`, for t.co codes and media names. */
export function codeFrom(seed: string, n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let h = 2166136261;
  let out = '';
  for (let i = 0; out.length < n; i++) {
    for (const c of `${seed}:${i}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    out += alphabet[(h >>> 0) % alphabet.length];
  }
  return out;
}

export const tco = (seed: string): string => `https://t.co/${codeFrom(`tco:${seed}`, 10)}`;
