// The fake's Facebook Page: posts, comments (two levels, as Facebook nests them), photos on the
// CDN, a "next day" of changes, and what a complete capture must hold. Served as Graph nodes by
// nodes.ts; turned into the owner's export by export.ts.
import type { ImageSpec } from '../../mastodon/fake/images.js';
import { numericId, seedOf, unix, type CdnFile } from '../../meta-graph/fake/ids.js';
import type { FakeNode } from '../../meta-graph/fake/nodes.js';
import type { GraphDataset } from '../../meta-graph/fake/server.js';
import { commentNode, pageNode, postNode } from './nodes.js';

export interface FbFakeUser {
  id: string;
  name: string;
}

export interface FbFakePhoto {
  id: string;
  file: CdnFile;
  width: number;
  height: number;
  caption?: string | undefined;
}

export interface FbFakeLink {
  url: string;
  title: string;
  description: string;
  preview: CdnFile;
}

export interface FbFakeComment {
  key: string;
  id: string;
  postId: string;
  /** The top-level comment a reply answers (Facebook nests one level below the comments). */
  parentId: string | null;
  from: FbFakeUser;
  createdAt: string;
  message: string;
  photo?: FbFakePhoto | undefined;
  likes: number;
  hidden: boolean;
  deleted: boolean;
  /** Times the text was edited (each edit is a version a daily capture sees). */
  edits: number;
  /** Personal-data categories planted in the text (never served). */
  pii?: string[] | undefined;
}

export interface FbFakePost {
  key: string;
  id: string;
  createdAt: string;
  updatedAt: string;
  message: string | null;
  photos: FbFakePhoto[];
  albumTitle?: string | undefined;
  link?: FbFakeLink | undefined;
  place?: { name: string; city: string; street: string; zip: string; latitude: number; longitude: number } | undefined;
  shares: number;
  reactions: number;
  deleted: boolean;
  edits: number;
  comments: FbFakeComment[];
}

export interface FbFakePage {
  id: string;
  username: string;
  name: string;
  about: string;
  description: string;
  category: string;
  website: string;
  phone: string;
  emails: string[];
  address: string;
  picture: CdnFile;
  cover: CdnFile & { id: string };
  fans: number;
  followers: number;
}

export interface PostSpec {
  key: string;
  at: string;
  message?: string | null;
  photos?: { caption?: string; pattern?: ImageSpec['pattern']; exif?: ImageSpec['exif']; seed?: number }[];
  albumTitle?: string;
  link?: { url: string; title: string; description: string };
  place?: FbFakePost['place'];
  shares?: number;
  reactions?: number;
}

export interface CommentSpec {
  key: string;
  by: FbFakeUser;
  at: string;
  message: string;
  /** A reply to this top-level comment. */
  replyTo?: FbFakeComment;
  photo?: boolean;
  likes?: number;
  hidden?: boolean;
  pii?: string[];
}

export interface FbExpected {
  /** Posts and comments a complete capture holds now. */
  itemIds: string[];
  postIds: string[];
  commentIds: string[];
  thirdPartyIds: string[];
  /** Versions per item, when more than one (one per day its text differed). */
  versions: Record<string, number>;
  /** Photos per item, CDN paths. */
  media: Record<string, string[]>;
}

const photoPath = (id: string, ext = 'jpg') => `/cdn/v/t39.30808-6/${numericId(`file:${id}`, 9)}_${id}_${numericId(`n:${id}`, 19)}_n.${ext}`;

export class FacebookDataset implements GraphDataset {
  readonly page: FbFakePage;
  /** Every post ever made, in no particular order (see livePosts). */
  readonly posts: FbFakePost[] = [];
  readonly users = new Map<string, FbFakeUser>();
  readonly buc: { id: string; type: string };
  readonly anchor: number;
  private readonly changes: (() => void)[] = [];
  private day = 0;
  private unsorted = false;
  private readonly byId = new Map<string, FbFakePost | FbFakeComment>();

  constructor(
    readonly name: string,
    /** "Today" (ISO); the next day is 24 hours later. */
    public now: string,
    page: Omit<FbFakePage, 'id' | 'picture' | 'cover'> & { id?: string },
  ) {
    const id = page.id ?? `100064${numericId(`page:${name}`, 9)}`;
    this.page = {
      ...page,
      id,
      picture: { path: photoPath(`${id}-picture`), spec: { format: 'jpeg', width: 200, height: 200, pattern: 'avatar', seed: seedOf(`${name}:avatar`) } },
      cover: { id: numericId(`cover:${id}`, 16), path: photoPath(`${id}-cover`), spec: { format: 'jpeg', width: 820, height: 312, pattern: 'header', seed: seedOf(`${name}:cover`) } },
    };
    this.buc = { id, type: 'pages' };
    this.anchor = unix(now);
  }

  user(name: string): FbFakeUser {
    let u = this.users.get(name);
    if (!u) this.users.set(name, (u = { id: numericId(`user:${this.name}:${name}`, 16), name }));
    return u;
  }

  get pageUser(): FbFakeUser {
    return { id: this.page.id, name: this.page.name };
  }

  addPost(spec: PostSpec): FbFakePost {
    const num = numericId(`post:${this.name}:${spec.key}`, 15);
    const id = `${this.page.id}_${num}`;
    const photos = (spec.photos ?? []).map((p, i) => {
      const pid = numericId(`photo:${id}:${i}`, 16);
      const landscape = (seedOf(pid) & 1) === 0;
      const width = landscape ? 480 : 360;
      const height = landscape ? 360 : 480;
      return {
        id: pid,
        file: { path: photoPath(pid), spec: { format: 'jpeg' as const, width, height, pattern: p.pattern ?? 'photo', seed: p.seed ?? seedOf(pid), exif: p.exif } },
        width,
        height,
        caption: p.caption,
      };
    });
    const link = spec.link
      ? { ...spec.link, preview: { path: photoPath(`${id}-preview`), spec: { format: 'jpeg' as const, width: 240, height: 126, pattern: 'chart' as const, seed: seedOf(`${id}:preview`) } } }
      : undefined;
    const post: FbFakePost = {
      key: spec.key,
      id,
      createdAt: spec.at,
      updatedAt: spec.at,
      message: spec.message ?? null,
      photos,
      albumTitle: spec.albumTitle,
      link,
      place: spec.place,
      shares: spec.shares ?? 0,
      reactions: spec.reactions ?? 0,
      deleted: false,
      edits: 0,
      comments: [],
    };
    this.posts.push(post);
    this.unsorted = true;
    this.byId.set(id, post);
    return post;
  }

  addComment(post: FbFakePost, spec: CommentSpec): FbFakeComment {
    const postNum = post.id.split('_')[1]!;
    const id = `${postNum}_${numericId(`comment:${this.name}:${spec.key}`, 16)}`;
    const photo = spec.photo
      ? { id: numericId(`cphoto:${id}`, 16), file: { path: photoPath(`c${id}`), spec: { format: 'jpeg' as const, width: 240, height: 180, pattern: 'photo' as const, seed: seedOf(`c:${id}`) } }, width: 240, height: 180 }
      : undefined;
    const c: FbFakeComment = {
      key: spec.key,
      id,
      postId: post.id,
      parentId: spec.replyTo ? (spec.replyTo.parentId ?? spec.replyTo.id) : null,
      from: spec.by,
      createdAt: spec.at,
      message: spec.message,
      photo,
      likes: spec.likes ?? 0,
      hidden: spec.hidden ?? false,
      deleted: false,
      edits: 0,
      pii: spec.pii,
    };
    post.comments.push(c);
    post.comments.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    if (c.createdAt > post.updatedAt) post.updatedAt = c.createdAt;
    this.byId.set(id, c);
    return c;
  }

  editPost(post: FbFakePost, message: string, at: string): void {
    post.message = message;
    post.updatedAt = at;
    post.edits++;
  }

  editComment(c: FbFakeComment, message: string): void {
    c.message = message;
    c.edits++;
  }

  /** Deleting a post takes its comments along; deleting a comment, its replies. */
  deletePost(post: FbFakePost): void {
    post.deleted = true;
    for (const c of post.comments) c.deleted = true;
  }

  deleteComment(c: FbFakeComment): void {
    c.deleted = true;
    const post = this.byId.get(c.postId) as FbFakePost;
    for (const r of post.comments) if (r.parentId === c.id) r.deleted = true;
  }

  /** Changes that `nextDay()` applies. */
  onNextDay(fn: () => void): void {
    this.changes.push(fn);
  }

  nextDay(): void {
    if (this.day > 0) return;
    this.day++;
    this.now = new Date(Date.parse(this.now) + 86_400_000).toISOString();
    for (const fn of this.changes) fn();
  }

  postOf(c: FbFakeComment): FbFakePost {
    return this.byId.get(c.postId) as FbFakePost;
  }

  /** Posts newest first, without the deleted ones. */
  get livePosts(): FbFakePost[] {
    if (this.unsorted) {
      this.posts.sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : 0));
      this.unsorted = false;
    }
    return this.posts.filter((p) => !p.deleted);
  }

  liveComments(post: FbFakePost): FbFakeComment[] {
    return post.deleted ? [] : post.comments.filter((c) => !c.deleted);
  }

  lookup(idOrName: string): FakeNode | undefined {
    if (idOrName === this.page.id || idOrName === this.page.username) return pageNode(this);
    const x = this.byId.get(idOrName);
    if (!x || x.deleted) return undefined;
    if ('postId' in x) return this.byId.get(x.postId)?.deleted ? undefined : commentNode(this, x);
    return postNode(this, x);
  }

  files(): ReadonlyMap<string, ImageSpec> {
    const out = new Map<string, ImageSpec>([
      [this.page.picture.path, this.page.picture.spec],
      [this.page.cover.path, this.page.cover.spec],
    ]);
    for (const p of this.posts) {
      for (const ph of p.photos) out.set(ph.file.path, ph.file.spec);
      if (p.link) out.set(p.link.preview.path, p.link.preview.spec);
      for (const c of p.comments) if (c.photo) out.set(c.photo.file.path, c.photo.file.spec);
    }
    return out;
  }

  expected(): FbExpected {
    const postIds: string[] = [];
    const commentIds: string[] = [];
    const thirdPartyIds: string[] = [];
    const versions: Record<string, number> = {};
    const media: Record<string, string[]> = {};
    for (const p of this.livePosts) {
      postIds.push(p.id);
      if (p.edits > 0) versions[p.id] = p.edits + 1;
      if (p.photos.length) media[p.id] = p.photos.map((x) => x.file.path);
      for (const c of this.liveComments(p)) {
        commentIds.push(c.id);
        if (c.from.id !== this.page.id) thirdPartyIds.push(c.id);
        if (c.edits > 0) versions[c.id] = c.edits + 1;
        if (c.photo) media[c.id] = [c.photo.file.path];
      }
    }
    return { itemIds: [...postIds, ...commentIds].sort(), postIds, commentIds, thirdPartyIds, versions, media };
  }
}
