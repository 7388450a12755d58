// Writing a dataset as a story: users, posts at "n days ago", replies (X puts the @handle of the
// post answered in front of the text), media, edits within X's 30 minutes, changes for the next day.
import type { ExifSpec } from '../../mastodon/fake/images.js';
import { codeFrom, FakeXDataset, IdMaker, tco, type FakeUrl, type FakeXMedia, type FakeXTweet, type FakeXUser, type FakeXVersion } from './dataset.js';

const DAY = 86_400_000;
const MEDIA_NAME = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export interface TweetSpec {
  author: FakeXUser;
  /** Days before the dataset's "now"; negative for the next day. */
  daysAgo: number;
  /** `{0}`, `{1}`… stand for the links' t.co addresses; links without a place go at the end. */
  text: string;
  links?: FakeUrl[];
  media?: FakeXMedia[];
  replyTo?: FakeXTweet;
  quoteOf?: FakeXTweet;
  lang?: string;
  sensitive?: boolean;
  likes?: number;
  retweets?: number;
  pii?: string[];
  /** A change of the next day rather than part of today. */
  nextDay?: boolean;
}

export class XStoryBuilder {
  readonly ids = new IdMaker();
  private mediaSeq = 0;

  constructor(
    readonly ds: FakeXDataset,
    private readonly nowMs: number,
  ) {}

  /** Whole seconds, as X's times are. */
  ms(daysAgo: number): number {
    return Math.round((this.nowMs - daysAgo * DAY) / 1000) * 1000;
  }

  iso(daysAgo: number): string {
    return new Date(this.ms(daysAgo)).toISOString();
  }

  user(u: Omit<FakeXUser, 'id' | 'avatar' | 'followers' | 'following' | 'listed' | 'description' | 'location' | 'url' | 'createdAt' | 'verifiedType' | 'protected'> & Partial<FakeXUser>): FakeXUser {
    const id = u.id ?? this.ids.at(Date.parse(u.createdAt ?? '2019-06-01T12:00:00Z'));
    return this.ds.addUser({
      description: '',
      location: '',
      url: null,
      createdAt: '2019-06-01T12:00:00.000Z',
      verifiedType: 'none',
      protected: false,
      followers: 120,
      following: 80,
      listed: 0,
      avatar: { name: codeFrom(`avatar:${u.username}`, 8), image: { format: 'jpeg', width: 200, height: 200, pattern: 'avatar', seed: id.length + u.username.length * 7 } },
      ...u,
      id,
    });
  }

  link(expanded: string, display?: string, card?: { title: string; description: string }): FakeUrl {
    const shown = display ?? expanded.replace(/^https?:\/\/(www\.)?/, '');
    return { tco: tco(expanded), expanded, display: shown.length > 26 ? `${shown.slice(0, 25)}…` : shown, title: card?.title, description: card?.description };
  }

  private mediaId(daysAgo: number): string {
    return this.ids.at(this.ms(daysAgo) - 1000 - this.mediaSeq++);
  }

  photo(daysAgo: number, alt: string | null, opts: { seed: number; width?: number; height?: number; exif?: ExifSpec; pattern?: 'photo' | 'chart' } = { seed: 1 }): FakeXMedia {
    const id = this.mediaId(daysAgo);
    const [width, height] = [opts.width ?? 640, opts.height ?? 480];
    return { id, type: 'photo', name: codeFrom(`media:${id}`, 15, MEDIA_NAME), alt, width, height, image: { format: 'jpeg', width, height, pattern: opts.pattern ?? 'photo', seed: opts.seed, exif: opts.exif } };
  }

  video(daysAgo: number, alt: string | null, seed: number): FakeXMedia {
    const id = this.mediaId(daysAgo);
    return {
      id,
      type: 'video',
      name: codeFrom(`video:${id}`, 16, MEDIA_NAME),
      alt,
      width: 480,
      height: 270,
      image: { format: 'jpeg', width: 480, height: 270, pattern: 'photo', seed },
      durationMs: 1000,
      variants: [
        { bitRate: 256000, width: 160, height: 90 },
        { bitRate: 832000, width: 320, height: 180 },
        { bitRate: 2176000, width: 480, height: 270 },
      ],
      seed,
    };
  }

  gif(daysAgo: number, alt: string | null, seed: number): FakeXMedia {
    const id = this.mediaId(daysAgo);
    return {
      id,
      type: 'animated_gif',
      name: codeFrom(`gif:${id}`, 15, MEDIA_NAME),
      alt,
      width: 240,
      height: 180,
      image: { format: 'jpeg', width: 240, height: 180, pattern: 'chart', seed },
      variants: [{ bitRate: 0, width: 240, height: 180 }],
      seed,
    };
  }

  private version(id: string, spec: Pick<TweetSpec, 'text' | 'links' | 'media' | 'replyTo' | 'author'>, at: string): FakeXVersion {
    const links = spec.links ?? [];
    let text = spec.text;
    const placed = new Set<number>();
    text = text.replace(/\{(\d+)\}/g, (_m, i: string) => {
      placed.add(Number(i));
      return links[Number(i)]!.tco;
    });
    const rest = links.filter((_l, i) => !placed.has(i)).map((l) => l.tco);
    if (rest.length) text = `${text} ${rest.join(' ')}`;
    if (spec.replyTo && !text.startsWith('@')) {
      const parentAuthor = this.ds.users.get(spec.replyTo.authorId)!;
      if (parentAuthor.id !== spec.author.id) text = `@${parentAuthor.username} ${text}`;
    }
    const media = spec.media ?? [];
    return { id, createdAt: at, text, urls: links, media, mediaTco: media.length ? tco(`media:${id}`) : null };
  }

  tweet(spec: TweetSpec): FakeXTweet {
    const at = this.iso(spec.daysAgo);
    const id = this.ids.at(this.ms(spec.daysAgo));
    const t: FakeXTweet = {
      versions: [this.version(id, spec, at)],
      authorId: spec.author.id,
      inReplyTo: spec.replyTo ? this.ds.idOf(spec.replyTo) : null,
      retweetOf: null,
      quoteOf: spec.quoteOf ? this.ds.idOf(spec.quoteOf) : null,
      lang: spec.lang ?? 'nl',
      sensitive: spec.sensitive ?? false,
      replySettings: 'everyone',
      likes: spec.likes ?? 0,
      retweets: spec.retweets ?? 0,
      quotes: 0,
      deletedAt: null,
      pii: spec.pii,
    };
    if (spec.nextDay) this.ds.later({ kind: 'add', tweet: t });
    else this.ds.addTweet(t);
    return t;
  }

  retweet(author: FakeXUser, original: FakeXTweet, daysAgo: number): FakeXTweet {
    const o = this.ds.current(original);
    const by = this.ds.users.get(original.authorId)!;
    const full = `RT @${by.username}: ${o.text}`;
    // X cuts the text of a retweet at 140 characters.
    const cps = [...full];
    const text = cps.length > 140 ? `${cps.slice(0, 139).join('')}…` : full;
    const t = this.tweet({ author, daysAgo, text, links: o.urls.filter((u) => text.includes(u.tco)) });
    t.retweetOf = this.ds.idOf(original);
    return t;
  }

  /** An edit `minutes` after the version before it (X allows edits for 30 minutes). */
  edit(t: FakeXTweet, minutes: number, text: string, opts: { links?: FakeUrl[]; media?: FakeXMedia[]; nextDay?: boolean } = {}): FakeXVersion {
    const previous = t.versions[t.versions.length - 1]!;
    const ms = Date.parse(t.versions[0]!.createdAt) + minutes * 60_000;
    if (minutes > 30) throw new Error('X allows edits within 30 minutes of posting');
    const v = this.version(this.ids.at(ms), { text, links: opts.links ?? previous.urls, media: opts.media ?? previous.media, author: this.ds.users.get(t.authorId)!, replyTo: t.inReplyTo ? this.ds.tweets.get(t.inReplyTo) : undefined }, new Date(ms).toISOString());
    if (opts.nextDay) this.ds.later({ kind: 'edit', id: this.ds.idOf(t), version: v });
    else {
      t.versions.push(v);
      this.ds.addTweet(t);
    }
    return v;
  }

  deleteNextDay(t: FakeXTweet, daysAgo: number): void {
    this.ds.later({ kind: 'delete', id: this.ds.idOf(t), at: this.iso(daysAgo) });
  }
}
