// The fake Instagram account as Graph API nodes: IGUser, IGMedia, IGComment, with the fields and
// edges of the reference (platforms.md §5.1). Comments list top-level comments; `replies` is one level.
import { graphTimeOf, unix } from '../../meta-graph/fake/ids.js';
import { edgeValue, type EdgeSource, type FakeNode } from '../../meta-graph/fake/nodes.js';
import type { IgFakeComment, IgFakeMedia, InstagramDataset } from './dataset.js';

const USER_FIELDS = new Set(['id', 'ig_id', 'username', 'name', 'biography', 'website', 'profile_picture_url', 'followers_count', 'follows_count', 'media_count', 'media']);
const MEDIA_FIELDS = new Set([
  'id', 'caption', 'media_type', 'media_product_type', 'media_url', 'thumbnail_url', 'permalink', 'shortcode', 'timestamp', 'username',
  'like_count', 'comments_count', 'is_comment_enabled', 'children', 'comments', 'owner',
]);
const CHILD_FIELDS = new Set(['id', 'media_type', 'media_url', 'thumbnail_url', 'permalink', 'timestamp', 'username', 'shortcode']);
const COMMENT_FIELDS = new Set(['id', 'text', 'timestamp', 'username', 'from', 'like_count', 'hidden', 'parent_id', 'replies', 'media', 'user']);

/** Media of the account, newest first; `since`/`until` (Unix seconds) bound the time. */
function mediaEdge(ds: InstagramDataset): EdgeSource {
  return {
    defaultLimit: 25,
    maxLimit: 100,
    defaultFields: ['id'],
    list(mods) {
      const since = Number(mods.since);
      const until = Number(mods.until);
      const media = ds.liveMedia.filter((m) => (!Number.isFinite(since) || unix(m.createdAt) >= since) && (!Number.isFinite(until) || unix(m.createdAt) <= until));
      return { nodes: media.map((m) => igMediaNode(ds, m)) };
    },
  };
}

function commentsEdge(ds: InstagramDataset, m: IgFakeMedia): EdgeSource {
  return {
    defaultLimit: 25,
    maxLimit: 100,
    defaultFields: ['id', 'text', 'timestamp'],
    list: () => ({ nodes: ds.liveComments(m).filter((c) => c.parentId === null).map((c) => igCommentNode(ds, c)) }),
  };
}

function repliesEdge(ds: InstagramDataset, c: IgFakeComment): EdgeSource {
  return {
    defaultLimit: 25,
    maxLimit: 100,
    defaultFields: ['id', 'text', 'timestamp'],
    list: () => ({ nodes: ds.liveComments(ds.mediaOf(c)).filter((r) => r.parentId === c.id).map((r) => igCommentNode(ds, r)) }),
  };
}

export function igUserNode(ds: InstagramDataset): FakeNode {
  const a = ds.account;
  return {
    id: a.id,
    type: 'IGUser',
    fields: USER_FIELDS,
    defaultFields: ['id'],
    value(f, ctx) {
      switch (f) {
        case 'id': return a.id;
        case 'ig_id': return Number(a.id.slice(-9));
        case 'username': return a.username;
        case 'name': return a.name;
        case 'biography': return a.biography;
        case 'website': return a.website;
        case 'profile_picture_url': return ctx.cdn(a.picture.path);
        case 'followers_count': return a.followers;
        case 'follows_count': return a.follows;
        case 'media_count': return ds.liveMedia.length;
        case 'media': return edgeValue(mediaEdge(ds));
        default: return undefined;
      }
    },
    edge: (name) => (name === 'media' ? mediaEdge(ds) : undefined),
  };
}

export function igMediaNode(ds: InstagramDataset, m: IgFakeMedia): FakeNode {
  const permalink = `https://www.instagram.com/p/${m.shortcode}/`;
  return {
    id: m.id,
    type: 'IGMedia',
    fields: MEDIA_FIELDS,
    defaultFields: ['id'],
    value(f, ctx) {
      switch (f) {
        case 'id': return m.id;
        case 'caption': return m.caption ?? undefined;
        case 'media_type': return m.type;
        case 'media_product_type': return 'FEED';
        case 'media_url': return ctx.cdn(m.files[0]!.file.path);
        case 'permalink': return permalink;
        case 'shortcode': return m.shortcode;
        case 'timestamp': return graphTimeOf(m.createdAt);
        case 'username': return ds.account.username;
        case 'like_count': return m.likes;
        case 'comments_count': return ds.liveComments(m).length;
        case 'is_comment_enabled': return true;
        case 'owner': return { id: ds.account.id };
        case 'children':
          return m.type === 'CAROUSEL_ALBUM'
            ? { data: m.files.map((x) => ({ id: x.id, media_type: x.type, media_url: ctx.cdn(x.file.path), permalink, timestamp: graphTimeOf(m.createdAt), username: ds.account.username, shortcode: m.shortcode })) }
            : undefined;
        case 'comments': return edgeValue(commentsEdge(ds, m));
        default: return undefined;
      }
    },
    edge(name) {
      if (name === 'comments') return commentsEdge(ds, m);
      if (name === 'children' && m.type === 'CAROUSEL_ALBUM') {
        return { defaultLimit: 25, maxLimit: 100, defaultFields: ['id'], list: () => ({ nodes: m.files.map((x) => childNode(x.id, x.type, m, ds)) }) };
      }
      return undefined;
    },
  };
}

function childNode(id: string, type: string, m: IgFakeMedia, ds: InstagramDataset): FakeNode {
  const file = m.files.find((x) => x.id === id)!;
  return {
    id,
    type: 'IGMedia',
    fields: CHILD_FIELDS,
    defaultFields: ['id'],
    value: (f, ctx) => ({ id, media_type: type, media_url: ctx.cdn(file.file.path), timestamp: graphTimeOf(m.createdAt), username: ds.account.username })[f],
    edge: () => undefined,
  };
}

export function igCommentNode(ds: InstagramDataset, c: IgFakeComment): FakeNode {
  return {
    id: c.id,
    type: 'IGComment',
    fields: COMMENT_FIELDS,
    defaultFields: ['id', 'text', 'timestamp'],
    value(f) {
      switch (f) {
        case 'id': return c.id;
        case 'text': return c.text;
        case 'timestamp': return graphTimeOf(c.createdAt);
        case 'username': return c.from.username;
        case 'from': return { id: c.from.id, username: c.from.username };
        case 'user': return c.from.id === ds.account.id ? { id: c.from.id } : undefined;
        case 'like_count': return c.likes;
        case 'hidden': return c.hidden;
        case 'parent_id': return c.parentId ?? undefined;
        case 'media': return { id: c.mediaId };
        case 'replies': return c.parentId === null ? edgeValue(repliesEdge(ds, c)) : undefined;
        default: return undefined;
      }
    },
    edge: (name) => (name === 'replies' && c.parentId === null ? repliesEdge(ds, c) : undefined),
  };
}
