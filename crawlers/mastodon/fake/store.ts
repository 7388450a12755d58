// The fake server's data: accounts, statuses and media files in memory, with the indexes the API
// needs (replies per status, timeline per account) and the pending "next day" changes.
// Content HTML is stored with the BASE placeholder (see html.ts); the server fills in its origin.
import { compareIds, idPartition, hexFrom } from './ids.js';
import type { ImageFormat, ImageSpec } from './images.js';

export type { ImageSpec } from './images.js';

/** A file the fake serves, at a path on its own host. */
export interface FakeFile {
  path: string;
  spec: ImageSpec;
}

export interface FakeField {
  name: string;
  /** HTML (may contain BASE). */
  value: string;
  /** Mastodon writes this one as `...+00:00`, not `Z`. */
  verifiedAt: string | null;
}

export interface FakeAccount {
  id: string;
  username: string;
  /** null for an account of this server; `mastodon.social` etc. for a remote one. */
  domain: string | null;
  displayName: string;
  /** HTML (may contain BASE). */
  note: string;
  fields: FakeField[];
  /** Mastodon reports account creation at midnight UTC. */
  createdAt: string;
  bot: boolean;
  locked: boolean;
  group: boolean;
  discoverable: boolean | null;
  /** null: Mastodon's grey placeholder. */
  avatar: FakeFile | null;
  header: FakeFile | null;
  followersCount: number;
  followingCount: number;
  /** Remote accounts: the count their home server reports; local ones are counted live. */
  remoteStatusesCount: number;
}

export interface FakeMedia {
  id: string;
  type: 'image';
  file: FakeFile;
  preview: FakeFile;
  /** For media of remote authors: the original on their server. */
  remoteUrl: string | null;
  description: string | null;
  blurhash: string;
  focus: { x: number; y: number } | null;
}

/** One state of a status as `/history` reports it. */
export interface FakeVersion {
  at: string;
  content: string;
  spoilerText: string;
  sensitive: boolean;
  media: FakeMedia[];
}

export interface FakeCard {
  url: string;
  title: string;
  description: string;
  providerName: string;
}

export interface FakeStatus {
  id: string;
  accountId: string;
  createdAt: string;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  reblogOfId: string | null;
  /** HTML (may contain BASE). */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  visibility: 'public' | 'unlisted';
  media: FakeMedia[];
  tags: string[];
  mentionIds: string[];
  editedAt: string | null;
  /** Earlier versions, oldest first (the original first); empty when never edited. */
  previousVersions: FakeVersion[];
  pinned: boolean;
  favouritesCount: number;
  reblogsCount: number;
  /** The id on the author's own server, for remote statuses' `uri` and `url`. */
  remoteId: string | null;
  card: FakeCard | null;
  /** Personal-data categories planted in this text (test expectations; never served). */
  pii?: string[] | undefined;
}

export type NextDayChange =
  | { kind: 'add'; status: FakeStatus }
  | { kind: 'edit'; id: string; at: string; content: string; tags?: string[] | undefined; pii?: string[] | undefined }
  | { kind: 'delete'; id: string };

export const MISSING_AVATAR = '/avatars/original/missing.png';
export const MISSING_HEADER = '/headers/original/missing.png';

const EXTENSION: Record<ImageFormat, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif' };

/** Mastodon's storage path of a media attachment (`cache/` for copies of remote media). */
export function mediaPath(mediaId: string, style: 'original' | 'small', format: ImageFormat, remote: boolean): string {
  const root = remote ? '/system/cache/media_attachments/files' : '/system/media_attachments/files';
  return `${root}/${idPartition(mediaId)}/${style}/${hexFrom(`media:${mediaId}`)}.${EXTENSION[format]}`;
}

/** Storage path of an account's avatar or header. */
export function profileImagePath(accountId: string, kind: 'avatars' | 'headers', format: ImageFormat, remote: boolean): string {
  const root = remote ? '/system/cache/accounts' : '/system/accounts';
  return `${root}/${kind}/${idPartition(accountId)}/original/${hexFrom(`${kind}:${accountId}`)}.${EXTENSION[format]}`;
}

export interface DatasetClock {
  /** The moment the dataset describes ("today"), before `nextDay()`. */
  now: string;
  /** The moment after `nextDay()`: everything the next day brings is older than this. */
  nextDayNow: string;
}

export class FakeDataset {
  readonly accounts = new Map<string, FakeAccount>();
  readonly statuses = new Map<string, FakeStatus>();
  readonly files = new Map<string, FakeFile>();
  /** The origin of the server currently serving this dataset, e.g. `http://127.0.0.1:43123`. */
  baseUrl: string | null = null;
  private nextDayApplied = false;
  private readonly pending: NextDayChange[] = [];
  private readonly byAcct = new Map<string, string>();
  private childIndex = new Map<string, string[]>();
  private timelineIndex = new Map<string, string[]>();
  private indexed = false;

  constructor(
    readonly name: string,
    readonly clock: DatasetClock,
  ) {}

  /** "Today" for the data: `clock.now`, or `clock.nextDayNow` once the next day has come. */
  get now(): string {
    return this.nextDayApplied ? this.clock.nextDayNow : this.clock.now;
  }

  get hasNextDay(): boolean {
    return this.pending.length > 0;
  }

  get nextDayDone(): boolean {
    return this.nextDayApplied;
  }

  addAccount(a: FakeAccount): void {
    this.accounts.set(a.id, a);
    this.byAcct.set(acctOf(a).toLowerCase(), a.id);
    if (a.avatar) this.addFile(a.avatar);
    if (a.header) this.addFile(a.header);
  }

  addFile(f: FakeFile): void {
    this.files.set(f.path, f);
  }

  addStatus(s: FakeStatus): void {
    this.statuses.set(s.id, s);
    for (const m of s.media) {
      this.addFile(m.file);
      this.addFile(m.preview);
    }
    this.indexed = false;
  }

  queueNextDay(change: NextDayChange): void {
    this.pending.push(change);
  }

  /** The pending next-day changes, in the order they will be applied. */
  get nextDayChanges(): readonly NextDayChange[] {
    return this.pending;
  }

  /** Apply the next day's changes once; later calls do nothing and return false. */
  applyNextDay(): boolean {
    if (this.nextDayApplied) return false;
    this.nextDayApplied = true;
    for (const c of this.pending) {
      if (c.kind === 'add') this.addStatus(c.status);
      else if (c.kind === 'delete') this.deleteStatus(c.id);
      else this.editStatus(c.id, c.at, c.content, c.tags, c.pii);
    }
    return true;
  }

  /** Hard delete, as Mastodon's RemoveStatusService: replies below it become unreachable from the thread. */
  deleteStatus(id: string): void {
    this.statuses.delete(id);
    for (const s of this.statuses.values()) if (s.reblogOfId === id) this.statuses.delete(s.id);
    this.indexed = false;
  }

  editStatus(id: string, at: string, content: string, tags?: string[], pii?: string[]): void {
    const s = this.statuses.get(id);
    if (!s) throw new Error(`cannot edit unknown status ${id}`);
    s.previousVersions.push({
      at: s.editedAt ?? s.createdAt,
      content: s.content,
      spoilerText: s.spoilerText,
      sensitive: s.sensitive,
      media: s.media,
    });
    s.content = content;
    s.editedAt = at;
    if (tags) s.tags = tags;
    if (pii) s.pii = pii;
  }

  account(id: string): FakeAccount | undefined {
    return this.accounts.get(id);
  }

  /** Resolve `user`, `@user`, `user@domain`; `localHost` (e.g. `127.0.0.1:43123`) counts as local. */
  lookup(acct: string, localHost?: string): FakeAccount | undefined {
    let key = acct.trim().replace(/^@/, '').toLowerCase();
    if (localHost && key.endsWith(`@${localHost.toLowerCase()}`)) key = key.slice(0, -localHost.length - 1);
    const id = this.byAcct.get(key);
    return id === undefined ? undefined : this.accounts.get(id);
  }

  status(id: string): FakeStatus | undefined {
    return this.statuses.get(id);
  }

  /** Direct replies still present, oldest id first. */
  children(id: string): readonly string[] {
    this.index();
    return this.childIndex.get(id) ?? [];
  }

  /** Every status of the account (posts, own replies, boosts), newest first. */
  timeline(accountId: string): readonly string[] {
    this.index();
    return this.timelineIndex.get(accountId) ?? [];
  }

  /** Number of versions `/history` returns. */
  versionCount(s: FakeStatus): number {
    return s.editedAt === null ? 1 : s.previousVersions.length + 1;
  }

  private index(): void {
    if (this.indexed) return;
    const children = new Map<string, string[]>();
    const timelines = new Map<string, string[]>();
    for (const s of this.statuses.values()) {
      if (s.inReplyToId !== null) push(children, s.inReplyToId, s.id);
      push(timelines, s.accountId, s.id);
    }
    for (const list of children.values()) list.sort(compareIds);
    for (const list of timelines.values()) list.sort((a, b) => compareIds(b, a));
    this.childIndex = children;
    this.timelineIndex = timelines;
    this.indexed = true;
  }
}

export function acctOf(a: FakeAccount): string {
  return a.domain === null ? a.username : `${a.username}@${a.domain}`;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
