// Builds a FakeDataset from short specs: ids from timestamps, Mastodon HTML from plain text,
// reply mentions, media files and their paths, and edits now or on the next day.
import { BASE, formatText, type Mentionable } from './html.js';
import { hash32, hexFrom, IdAllocator, idPartition, snowflake } from './ids.js';
import type { ExifSpec, ImageFormat, ImagePattern, ImageSpec } from './images.js';
import {
  acctOf,
  FakeDataset,
  mediaPath,
  profileImagePath,
  type DatasetClock,
  type FakeAccount,
  type FakeCard,
  type FakeField,
  type FakeMedia,
  type FakeStatus,
} from './store.js';

export interface ImageOpts {
  format: ImageFormat;
  pattern?: ImagePattern;
  exif?: ExifSpec;
}

export interface AccountSpec {
  username: string;
  domain?: string | null;
  displayName: string;
  /** HTML; BASE stands for this server's origin. */
  note?: string;
  fields?: FakeField[];
  /** `YYYY-MM-DD`; Mastodon reports it as midnight UTC. */
  createdOn: string;
  avatar?: ImageOpts | null;
  header?: ImageOpts | null;
  followers?: number;
  following?: number;
  bot?: boolean;
  remoteStatusesCount?: number;
}

export interface MediaSpec extends ImageOpts {
  description?: string | null;
  /** Picture seed; by default one per attachment. Equal seeds share bytes (synthetic data pools them). */
  seed?: number;
  focus?: { x: number; y: number };
}

export interface StatusSpec {
  /** A stable name, so ids and file names do not depend on the order of building. */
  key: string;
  by: FakeAccount;
  /** ISO 8601 with `Z`. */
  at: string;
  text: string;
  replyTo?: FakeStatus;
  media?: MediaSpec[];
  pinned?: boolean;
  card?: FakeCard;
  spoilerText?: string;
  favourites?: number;
  reblogs?: number;
  pii?: string[];
}

const BLURHASH_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

/** A well-formed (not decoded) blurhash string, stable per key. */
function blurhashFor(key: string): string {
  let out = 'U';
  for (let i = 0; i < 27; i++) out += BLURHASH_CHARS[hash32(`${key}:${i}`) % BLURHASH_CHARS.length];
  return out;
}

export const PHOTO_SIZE = { width: 320, height: 240 } as const;
export const SMALL_SIZE = { width: 160, height: 120 } as const;

export class DatasetBuilder {
  readonly ds: FakeDataset;
  private readonly ids: IdAllocator;
  private readonly mentionables = new Map<string, Mentionable>();
  /** Accounts each status mentions up front (reply prefix), to keep them when the text is edited. */
  private readonly replyMentions = new Map<string, FakeAccount[]>();

  constructor(name: string, clock: DatasetClock) {
    this.ds = new FakeDataset(name, clock);
    this.ids = new IdAllocator(name);
  }

  account(spec: AccountSpec): FakeAccount {
    const domain = spec.domain ?? null;
    const created = Date.parse(`${spec.createdOn}T00:00:00.000Z`);
    const id = this.ids.forTime(created, `account:${spec.username}@${domain ?? ''}`);
    const remote = domain !== null;
    const seed = hash32(`${spec.username}@${domain ?? ''}`);
    const image = (opts: ImageOpts | null | undefined, kind: 'avatars' | 'headers') => {
      if (!opts) return null;
      const size = kind === 'avatars' ? { width: 128, height: 128 } : { width: 600, height: 200 };
      const pattern: ImagePattern = opts.pattern ?? (kind === 'avatars' ? 'avatar' : 'header');
      return { path: profileImagePath(id, kind, opts.format, remote), spec: { format: opts.format, ...size, pattern, seed, exif: opts.exif } };
    };
    const a: FakeAccount = {
      id,
      username: spec.username,
      domain,
      displayName: spec.displayName,
      note: spec.note ?? '',
      fields: spec.fields ?? [],
      createdAt: new Date(created).toISOString(),
      bot: spec.bot ?? false,
      locked: false,
      group: false,
      discoverable: remote ? null : true,
      avatar: image(spec.avatar, 'avatars'),
      header: image(spec.header, 'headers'),
      followersCount: spec.followers ?? 0,
      followingCount: spec.following ?? 0,
      remoteStatusesCount: spec.remoteStatusesCount ?? 0,
    };
    this.ds.addAccount(a);
    const handle = acctOf(a).toLowerCase();
    this.mentionables.set(handle, {
      handle,
      username: a.username,
      profileUrl: remote ? `https://${domain}/@${a.username}` : `${BASE}/@${a.username}`,
    });
    return a;
  }

  /** Create a status and add it now. */
  status(spec: StatusSpec): FakeStatus {
    const s = this.make(spec);
    this.ds.addStatus(s);
    return s;
  }

  /** Create a status that appears when the next day comes. */
  nextDayStatus(spec: StatusSpec): FakeStatus {
    const s = this.make(spec);
    this.ds.queueNextDay({ kind: 'add', status: s });
    return s;
  }

  /** A boost of `of` by `by`. */
  reblog(key: string, by: FakeAccount, at: string, of: FakeStatus): FakeStatus {
    const s = this.make({ key, by, at, text: '' });
    s.reblogOfId = of.id;
    s.content = '';
    s.language = null;
    s.favouritesCount = 0;
    s.reblogsCount = 0;
    this.ds.addStatus(s);
    return s;
  }

  /** Edit an existing status now (its earlier text becomes a version in `/history`). */
  edit(s: FakeStatus, at: string, text: string): void {
    const f = this.format(s, text);
    this.ds.editStatus(s.id, at, f.html, f.tags);
  }

  nextDayEdit(s: FakeStatus, at: string, text: string, pii?: string[]): void {
    const f = this.format(s, text);
    this.ds.queueNextDay({ kind: 'edit', id: s.id, at, content: f.html, tags: f.tags, pii });
  }

  nextDayDelete(s: FakeStatus): void {
    this.ds.queueNextDay({ kind: 'delete', id: s.id });
  }

  private make(spec: StatusSpec): FakeStatus {
    const ms = Date.parse(spec.at);
    if (Number.isNaN(ms)) throw new Error(`status ${spec.key}: bad time ${spec.at}`);
    if (spec.replyTo && Date.parse(spec.replyTo.createdAt) >= ms) throw new Error(`status ${spec.key}: reply is not newer than its parent`);
    const id = this.ids.forTime(ms, `status:${spec.key}`);
    const remote = spec.by.domain !== null;
    const parent = spec.replyTo;
    const replyMentions: FakeAccount[] = [];
    if (parent) {
      // Mastodon's composer mentions the author replied to and whoever they mentioned, never yourself.
      const parentAuthor = this.ds.account(parent.accountId);
      for (const a of [parentAuthor, ...parent.mentionIds.map((m) => this.ds.account(m))]) {
        if (a && a.id !== spec.by.id && !replyMentions.includes(a)) replyMentions.push(a);
      }
    }
    this.replyMentions.set(id, replyMentions);
    const s: FakeStatus = {
      id,
      accountId: spec.by.id,
      createdAt: new Date(ms).toISOString(),
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.accountId ?? null,
      reblogOfId: null,
      content: '',
      spoilerText: spec.spoilerText ?? '',
      sensitive: spec.spoilerText !== undefined,
      language: 'nl',
      visibility: 'public',
      media: (spec.media ?? []).map((m, i) => this.media(`${spec.key}/${i}`, ms, m, spec.by)),
      tags: [],
      mentionIds: [],
      editedAt: null,
      previousVersions: [],
      pinned: spec.pinned ?? false,
      favouritesCount: spec.favourites ?? hash32(`fav:${spec.key}`) % 12,
      reblogsCount: spec.reblogs ?? (parent ? 0 : hash32(`boost:${spec.key}`) % 6),
      remoteId: remote ? snowflake(ms - 850, hash32(`remote:${spec.key}`)) : null,
      card: spec.card ?? null,
      pii: spec.pii,
    };
    const f = this.format(s, spec.text);
    s.content = f.html;
    s.tags = f.tags;
    s.mentionIds = f.mentions.flatMap((h) => {
      const a = this.ds.lookup(h);
      return a ? [a.id] : [];
    });
    return s;
  }

  private format(s: FakeStatus, text: string): ReturnType<typeof formatText> {
    const prefix = (this.replyMentions.get(s.id) ?? []).map((a) => `@${acctOf(a)}`).join(' ');
    return formatText(prefix ? `${prefix} ${text}` : text, this.mentionables);
  }

  private media(key: string, statusMs: number, spec: MediaSpec, by: FakeAccount): FakeMedia {
    // Uploaded a minute or so before the status was posted.
    const id = this.ids.forTime(statusMs - 60_000 - (hash32(key) % 60_000), `media:${key}`);
    const remote = by.domain !== null;
    const seed = spec.seed ?? hash32(`image:${key}`);
    const pattern = spec.pattern ?? 'photo';
    const original: ImageSpec = { format: spec.format, ...PHOTO_SIZE, pattern, seed, exif: spec.exif };
    const small: ImageSpec = { format: spec.format, ...SMALL_SIZE, pattern, seed };
    let remoteUrl: string | null = null;
    if (remote) {
      const remoteId = snowflake(statusMs - 90_000, hash32(`remote-media:${key}`));
      const ext = spec.format;
      const tail = `media_attachments/files/${idPartition(remoteId)}/original/${hexFrom(`remote-media:${key}`)}.${ext}`;
      remoteUrl = by.domain === 'mastodon.social' ? `https://files.mastodon.social/${tail}` : `https://${by.domain}/system/${tail}`;
    }
    return {
      id,
      type: 'image',
      file: { path: mediaPath(id, 'original', spec.format, remote), spec: original },
      preview: { path: mediaPath(id, 'small', spec.format, remote), spec: small },
      remoteUrl,
      description: spec.description ?? null,
      blurhash: blurhashFor(key),
      focus: spec.focus ?? null,
    };
  }
}
