// The fake's Instagram professional account: media (pictures and carousels), comments with one
// level of replies, files on the CDN, a "next day", and what a complete capture must hold. Served as
// Graph nodes by nodes.ts; turned into the owner's export by export.ts.
import type { ImageSpec } from '../../mastodon/fake/images.js';
import { numericId, seedOf, unix, type CdnFile } from '../../meta-graph/fake/ids.js';
import type { FakeNode } from '../../meta-graph/fake/nodes.js';
import type { GraphDataset } from '../../meta-graph/fake/server.js';
import { igCommentNode, igMediaNode, igUserNode } from './nodes.js';

export interface IgFakeUser {
  id: string;
  username: string;
}

export interface IgFakeFile {
  /** The child's id in a carousel; the media's own id otherwise. */
  id: string;
  type: 'IMAGE' | 'VIDEO';
  file: CdnFile;
}

export interface IgFakeComment {
  key: string;
  id: string;
  mediaId: string;
  parentId: string | null;
  from: IgFakeUser;
  createdAt: string;
  text: string;
  likes: number;
  hidden: boolean;
  deleted: boolean;
  pii?: string[] | undefined;
}

export interface IgFakeMedia {
  key: string;
  id: string;
  shortcode: string;
  createdAt: string;
  caption: string | null;
  type: 'IMAGE' | 'CAROUSEL_ALBUM';
  files: IgFakeFile[];
  likes: number;
  deleted: boolean;
  edits: number;
  comments: IgFakeComment[];
}

export interface IgFakeAccount {
  id: string;
  username: string;
  name: string;
  biography: string;
  website: string;
  picture: CdnFile;
  followers: number;
  follows: number;
}

export interface MediaSpec {
  key: string;
  at: string;
  caption?: string | null;
  /** Pictures: one is a single post, more make a carousel. */
  pictures?: { pattern?: ImageSpec['pattern']; exif?: ImageSpec['exif']; seed?: number }[];
  likes?: number;
}

export interface IgExpected {
  itemIds: string[];
  mediaIds: string[];
  commentIds: string[];
  thirdPartyIds: string[];
  versions: Record<string, number>;
  media: Record<string, string[]>;
}

const SHORTCODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const shortcodeOf = (key: string) => {
  const seed = numericId(`shortcode:${key}`, 30);
  let out = 'C';
  for (let i = 0; i < 10; i++) out += SHORTCODE[Number(seed.slice(i * 3, i * 3 + 3)) % SHORTCODE.length];
  return out;
};
const filePath = (id: string) => `/cdn/v/t51.29350-15/${numericId(`igfile:${id}`, 9)}_${numericId(`ign:${id}`, 17)}_n.jpg`;

export class InstagramDataset implements GraphDataset {
  readonly account: IgFakeAccount;
  readonly media: IgFakeMedia[] = [];
  readonly buc: { id: string; type: string };
  readonly anchor: number;
  private readonly users = new Map<string, IgFakeUser>();
  private readonly byId = new Map<string, IgFakeMedia | IgFakeComment>();
  private readonly changes: (() => void)[] = [];
  private day = 0;
  private unsorted = false;

  constructor(
    readonly name: string,
    public now: string,
    account: Omit<IgFakeAccount, 'id' | 'picture'>,
  ) {
    const id = `17841400${numericId(`ig:${name}`, 9)}`;
    this.account = { ...account, id, picture: { path: filePath(`${id}-picture`), spec: { format: 'jpeg', width: 150, height: 150, pattern: 'avatar', seed: seedOf(`${name}:ig-avatar`) } } };
    this.buc = { id, type: 'instagram' };
    this.anchor = unix(now);
  }

  user(username: string): IgFakeUser {
    let u = this.users.get(username);
    if (!u) this.users.set(username, (u = { id: numericId(`iguser:${this.name}:${username}`, 17), username }));
    return u;
  }

  get self(): IgFakeUser {
    return { id: this.account.id, username: this.account.username };
  }

  addMedia(spec: MediaSpec): IgFakeMedia {
    const id = numericId(`igmedia:${this.name}:${spec.key}`, 17);
    const pictures = spec.pictures ?? [{}];
    const files: IgFakeFile[] = pictures.map((p, i) => {
      const fid = pictures.length === 1 ? id : numericId(`igchild:${id}:${i}`, 17);
      return { id: fid, type: 'IMAGE', file: { path: filePath(fid), spec: { format: 'jpeg', width: 360, height: 360, pattern: p.pattern ?? 'photo', seed: p.seed ?? seedOf(fid), exif: p.exif } } };
    });
    const m: IgFakeMedia = {
      key: spec.key,
      id,
      shortcode: shortcodeOf(`${this.name}:${spec.key}`),
      createdAt: spec.at,
      caption: spec.caption ?? null,
      type: files.length > 1 ? 'CAROUSEL_ALBUM' : 'IMAGE',
      files,
      likes: spec.likes ?? 0,
      deleted: false,
      edits: 0,
      comments: [],
    };
    this.media.push(m);
    this.unsorted = true;
    this.byId.set(id, m);
    return m;
  }

  addComment(m: IgFakeMedia, spec: { key: string; by: IgFakeUser; at: string; text: string; replyTo?: IgFakeComment; likes?: number; hidden?: boolean; pii?: string[] }): IgFakeComment {
    const c: IgFakeComment = {
      key: spec.key,
      id: numericId(`igcomment:${this.name}:${spec.key}`, 17),
      mediaId: m.id,
      parentId: spec.replyTo ? (spec.replyTo.parentId ?? spec.replyTo.id) : null,
      from: spec.by,
      createdAt: spec.at,
      text: spec.text,
      likes: spec.likes ?? 0,
      hidden: spec.hidden ?? false,
      deleted: false,
      pii: spec.pii,
    };
    m.comments.push(c);
    m.comments.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    this.byId.set(c.id, c);
    return c;
  }

  /** Instagram lets the owner edit a caption, not a comment. */
  editCaption(m: IgFakeMedia, caption: string): void {
    m.caption = caption;
    m.edits++;
  }

  deleteMedia(m: IgFakeMedia): void {
    m.deleted = true;
    for (const c of m.comments) c.deleted = true;
  }

  deleteComment(c: IgFakeComment): void {
    c.deleted = true;
    for (const r of this.mediaOf(c).comments) if (r.parentId === c.id) r.deleted = true;
  }

  mediaOf(c: IgFakeComment): IgFakeMedia {
    return this.byId.get(c.mediaId) as IgFakeMedia;
  }

  onNextDay(fn: () => void): void {
    this.changes.push(fn);
  }

  nextDay(): void {
    if (this.day > 0) return;
    this.day++;
    this.now = new Date(Date.parse(this.now) + 86_400_000).toISOString();
    for (const fn of this.changes) fn();
  }

  /** Media newest first, without the deleted ones. */
  get liveMedia(): IgFakeMedia[] {
    if (this.unsorted) {
      this.media.sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : 0));
      this.unsorted = false;
    }
    return this.media.filter((m) => !m.deleted);
  }

  liveComments(m: IgFakeMedia): IgFakeComment[] {
    return m.deleted ? [] : m.comments.filter((c) => !c.deleted);
  }

  lookup(id: string): FakeNode | undefined {
    if (id === this.account.id) return igUserNode(this);
    const x = this.byId.get(id);
    if (!x || x.deleted) return undefined;
    if ('mediaId' in x) return this.mediaOf(x).deleted ? undefined : igCommentNode(this, x);
    return igMediaNode(this, x);
  }

  files(): ReadonlyMap<string, ImageSpec> {
    const out = new Map<string, ImageSpec>([[this.account.picture.path, this.account.picture.spec]]);
    for (const m of this.media) for (const f of m.files) out.set(f.file.path, f.file.spec);
    return out;
  }

  expected(): IgExpected {
    const mediaIds: string[] = [];
    const commentIds: string[] = [];
    const thirdPartyIds: string[] = [];
    const versions: Record<string, number> = {};
    const media: Record<string, string[]> = {};
    for (const m of this.liveMedia) {
      mediaIds.push(m.id);
      if (m.edits > 0) versions[m.id] = m.edits + 1;
      media[m.id] = m.files.map((f) => f.file.path);
      for (const c of this.liveComments(m)) {
        commentIds.push(c.id);
        if (c.from.id !== this.account.id) thirdPartyIds.push(c.id);
      }
    }
    return { itemIds: [...mediaIds, ...commentIds].sort(), mediaIds, commentIds, thirdPartyIds, versions, media };
  }
}
