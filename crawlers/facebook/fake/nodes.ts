// The fake Facebook Page as Graph API nodes: Page, Post, Comment, with the fields and edges of the
// reference (platforms.md §4.2, §4.3). Values are computed on each request, so edits, new comments
// and fresh CDN signatures show at once.
import { createHash } from 'node:crypto';
import { graphTimeOf, numericId, unix } from '../../meta-graph/fake/ids.js';
import { edgeValue, nodeValue, type EdgeSource, type FakeNode, type RenderContext } from '../../meta-graph/fake/nodes.js';
import type { FacebookDataset, FbFakeComment, FbFakePhoto, FbFakePost } from './dataset.js';

const PAGE_FIELDS = new Set([
  'id', 'name', 'username', 'link', 'about', 'description', 'category', 'website', 'emails', 'phone', 'single_line_address',
  'verification_status', 'picture', 'cover', 'fan_count', 'followers_count', 'posts', 'published_posts', 'feed',
]);
const POST_FIELDS = new Set([
  'id', 'created_time', 'updated_time', 'message', 'story', 'permalink_url', 'status_type', 'is_hidden', 'is_published', 'from',
  'attachments', 'message_tags', 'place', 'shares', 'comments', 'reactions', 'full_picture', 'privacy', 'parent_id',
]);
const COMMENT_FIELDS = new Set([
  'id', 'created_time', 'message', 'from', 'parent', 'attachment', 'like_count', 'comment_count', 'is_hidden', 'permalink_url',
  'message_tags', 'can_comment', 'user_likes', 'comments', 'reactions',
]);
const USER_FIELDS = new Set(['id', 'name', 'type']);

const pfbid = (id: string) => `pfbid0${createHash('sha256').update(id).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 46)}`;
const postPermalink = (ds: FacebookDataset, p: FbFakePost) => `https://www.facebook.com/${ds.page.username}/posts/${pfbid(p.id)}`;
const photoUrl = (ds: FacebookDataset, ph: FbFakePhoto) => `https://www.facebook.com/photo.php?fbid=${ph.id}&set=a.${numericId(`album:${ds.page.id}`, 15)}&type=3`;

function photoAttachment(ds: FacebookDataset, ph: FbFakePhoto, ctx: RenderContext): Record<string, unknown> {
  const url = photoUrl(ds, ph);
  return {
    ...(ph.caption ? { description: ph.caption } : {}),
    media: { image: { height: ph.height, src: ctx.cdn(ph.file.path), width: ph.width } },
    target: { id: ph.id, url },
    type: 'photo',
    url,
    media_type: 'photo',
  };
}

function attachments(ds: FacebookDataset, p: FbFakePost, ctx: RenderContext): unknown {
  if (p.photos.length === 1) return { data: [photoAttachment(ds, p.photos[0]!, ctx)] };
  if (p.photos.length > 1) {
    const album = numericId(`album:${p.id}`, 16);
    const url = `https://www.facebook.com/media/set/?set=a.${album}&type=3`;
    return {
      data: [
        {
          media: { image: { height: p.photos[0]!.height, src: ctx.cdn(p.photos[0]!.file.path), width: p.photos[0]!.width } },
          target: { id: album, url },
          title: p.albumTitle ?? 'Foto’s',
          type: 'album',
          url,
          media_type: 'album',
          subattachments: { data: p.photos.map((ph) => photoAttachment(ds, ph, ctx)) },
        },
      ],
    };
  }
  if (p.link) {
    const shim = `https://l.facebook.com/l.php?u=${encodeURIComponent(p.link.url)}&h=AT0${numericId(`shim:${p.id}`, 12)}`;
    return {
      data: [
        {
          description: p.link.description,
          media: { image: { height: 126, src: ctx.cdn(p.link.preview.path), width: 240 } },
          target: { url: shim },
          title: p.link.title,
          type: 'share',
          url: shim,
          unshimmed_url: p.link.url,
          media_type: 'link',
        },
      ],
    };
  }
  return undefined;
}

function list(nodes: FakeNode[], summary?: Record<string, unknown>) {
  return { nodes, summary };
}

/** Posts of the Page, newest first; `since`/`until` (Unix seconds) bound the creation time. */
function postsEdge(ds: FacebookDataset): EdgeSource {
  return {
    defaultLimit: 25,
    maxLimit: 100,
    defaultFields: ['created_time', 'message', 'story', 'id'],
    list(mods) {
      const since = Number(mods.since);
      const until = Number(mods.until);
      const posts = ds.livePosts.filter((p) => (!Number.isFinite(since) || unix(p.createdAt) >= since) && (!Number.isFinite(until) || unix(p.createdAt) <= until));
      return list(posts.map((p) => postNode(ds, p)));
    },
  };
}

/** Comments of a post: `filter=toplevel` (default) or `stream` (all, flattened, replies with `parent`). */
function commentsEdge(ds: FacebookDataset, post: FbFakePost, parent: FbFakeComment | null): EdgeSource {
  return {
    defaultLimit: 25,
    maxLimit: 100,
    defaultFields: ['created_time', 'from', 'message', 'id'],
    list(mods) {
      const live = ds.liveComments(post);
      const stream = parent === null && mods.filter === 'stream';
      let chosen = live.filter((c) => (parent ? c.parentId === parent.id : stream || c.parentId === null));
      if (mods.order === 'reverse_chronological') chosen = [...chosen].reverse();
      const summary = { order: mods.order ?? 'chronological', total_count: chosen.length, can_comment: true };
      return list(chosen.map((c) => commentNode(ds, c)), summary);
    },
  };
}

function reactionsEdge(key: string, count: number): EdgeSource {
  return {
    defaultLimit: 25,
    maxLimit: 100,
    defaultFields: ['id', 'name', 'type'],
    list: () =>
      list(
        Array.from({ length: count }, (_, i) => userNode(numericId(`reactor:${key}:${i}`, 16), `Facebookgebruiker ${i + 1}`, 'LIKE')),
        { total_count: count, viewer_reaction: 'NONE' },
      ),
  };
}

function userNode(id: string, name: string, type?: string): FakeNode {
  return { id, type: 'User', fields: USER_FIELDS, defaultFields: ['name', 'id'], value: (f) => ({ id, name, type })[f], edge: () => undefined };
}

export function pageNode(ds: FacebookDataset): FakeNode {
  const p = ds.page;
  return {
    id: p.id,
    type: 'Page',
    fields: PAGE_FIELDS,
    defaultFields: ['name', 'id'],
    value(f, ctx) {
      switch (f) {
        case 'id': return p.id;
        case 'name': return p.name;
        case 'username': return p.username;
        case 'link': return `https://www.facebook.com/${p.username}`;
        case 'about': return p.about;
        case 'description': return p.description;
        case 'category': return p.category;
        case 'website': return p.website;
        case 'emails': return p.emails;
        case 'phone': return p.phone;
        case 'single_line_address': return p.address;
        case 'verification_status': return 'blue_verified';
        case 'picture': return { data: { height: p.picture.spec.height, is_silhouette: false, url: ctx.cdn(p.picture.path), width: p.picture.spec.width } };
        case 'cover': return { cover_id: p.cover.id, offset_x: 0, offset_y: 50, source: ctx.cdn(p.cover.path), id: p.cover.id };
        case 'fan_count': return p.fans;
        case 'followers_count': return p.followers;
        case 'posts':
        case 'published_posts':
        case 'feed': return edgeValue(postsEdge(ds));
        default: return undefined;
      }
    },
    edge: (name) => (name === 'posts' || name === 'published_posts' || name === 'feed' ? postsEdge(ds) : undefined),
  };
}

export function postNode(ds: FacebookDataset, p: FbFakePost): FakeNode {
  return {
    id: p.id,
    type: 'Post',
    fields: POST_FIELDS,
    defaultFields: ['created_time', 'message', 'story', 'id'],
    value(f, ctx) {
      switch (f) {
        case 'id': return p.id;
        case 'created_time': return graphTimeOf(p.createdAt);
        case 'updated_time': return graphTimeOf(p.updatedAt);
        case 'message': return p.message ?? undefined;
        case 'story': return p.message === null && p.photos.length ? `${ds.page.name} heeft ${p.photos.length === 1 ? 'een foto' : `${p.photos.length} foto’s`} toegevoegd.` : undefined;
        case 'permalink_url': return postPermalink(ds, p);
        case 'status_type': return p.photos.length ? 'added_photos' : p.link ? 'shared_story' : 'mobile_status_update';
        case 'is_hidden': return false;
        case 'is_published': return true;
        case 'from': return { name: ds.page.name, id: ds.page.id };
        case 'attachments': return attachments(ds, p, ctx);
        case 'full_picture': return p.photos[0] ? ctx.cdn(p.photos[0].file.path) : p.link ? ctx.cdn(p.link.preview.path) : undefined;
        case 'place':
          return p.place
            ? { name: p.place.name, location: { city: p.place.city, country: 'Netherlands', latitude: p.place.latitude, longitude: p.place.longitude, street: p.place.street, zip: p.place.zip }, id: numericId(`place:${p.place.name}`, 15) }
            : undefined;
        case 'shares': return p.shares > 0 ? { count: p.shares } : undefined;
        case 'privacy': return { allow: '', deny: '', description: 'Public', friends: '', value: 'EVERYONE' };
        case 'comments': return edgeValue(commentsEdge(ds, p, null));
        case 'reactions': return edgeValue(reactionsEdge(p.id, p.reactions));
        default: return undefined;
      }
    },
    edge: (name) => (name === 'comments' ? commentsEdge(ds, p, null) : name === 'reactions' ? reactionsEdge(p.id, p.reactions) : undefined),
  };
}

export function commentNode(ds: FacebookDataset, c: FbFakeComment): FakeNode {
  const post = ds.postOf(c);
  const replies = () => ds.liveComments(post).filter((r) => r.parentId === c.id);
  return {
    id: c.id,
    type: 'Comment',
    fields: COMMENT_FIELDS,
    defaultFields: ['created_time', 'from', 'message', 'id'],
    value(f, ctx) {
      switch (f) {
        case 'id': return c.id;
        case 'created_time': return graphTimeOf(c.createdAt);
        case 'message': return c.message;
        case 'from': return { name: c.from.name, id: c.from.id };
        case 'parent': {
          const parent = c.parentId ? post.comments.find((x) => x.id === c.parentId && !x.deleted) : undefined;
          return parent ? nodeValue(commentNode(ds, parent)) : undefined;
        }
        case 'attachment':
          return c.photo
            ? { media: { image: { height: c.photo.height, src: ctx.cdn(c.photo.file.path), width: c.photo.width } }, target: { id: c.photo.id, url: photoUrl(ds, c.photo) }, type: 'photo', url: photoUrl(ds, c.photo) }
            : undefined;
        case 'like_count': return c.likes;
        case 'comment_count': return replies().length;
        case 'is_hidden': return c.hidden;
        case 'permalink_url': {
          const own = c.id.split('_')[1];
          const parent = c.parentId?.split('_')[1];
          return `${postPermalink(ds, post)}?comment_id=${parent ?? own}${parent ? `&reply_comment_id=${own}` : ''}`;
        }
        case 'can_comment': return c.parentId === null;
        case 'user_likes': return false;
        case 'comments': return edgeValue(commentsEdge(ds, post, c));
        case 'reactions': return edgeValue(reactionsEdge(c.id, c.likes));
        default: return undefined;
      }
    },
    edge: (name) => (name === 'comments' ? commentsEdge(ds, post, c) : name === 'reactions' ? reactionsEdge(c.id, c.likes) : undefined),
  };
}
