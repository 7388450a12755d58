// The XRPC methods of the fake: parameters checked as the lexicons say (errors as HTTP 400 with
// `{error, message}`), answers built from the live dataset.
import { parseAtUri, isDid } from '../at-uri.js';
import type { BlueskyDataset, FakeActor } from './store.js';
import { feedViewPost, postView, profileViewDetailed, repostFeedView, threadView, withParents, type ViewContext } from './views.js';

export interface XrpcReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const ok = (body: unknown): XrpcReply => ({ status: 200, headers: JSON_TYPE, body: Buffer.from(JSON.stringify(body)) });
const fail = (error: string, message: string, status = 400): XrpcReply => ({ status, headers: JSON_TYPE, body: Buffer.from(JSON.stringify({ error, message })) });

class ParamError extends Error {}

const HANDLE = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

function required(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (v === null || v === '') throw new ParamError(`Params must have the property "${name}"`);
  return v;
}

function integer(q: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n)) throw new ParamError(`${name} must be an integer`);
  if (n < min) throw new ParamError(`${name} can not be less than ${min}`);
  if (n > max) throw new ParamError(`${name} can not be greater than ${max}`);
  return n;
}

function atUri(q: URLSearchParams, name: string): string {
  const v = required(q, name);
  if (!parseAtUri(v)) throw new ParamError(`${name} must be a valid at-uri`);
  return v;
}

/** A handle or DID (`at-identifier`). */
function actorParam(ds: BlueskyDataset, q: URLSearchParams): FakeActor | undefined {
  const v = required(q, 'actor');
  if (!isDid(v) && !HANDLE.test(v)) throw new ParamError('actor must be a valid did or a handle');
  return isDid(v) ? ds.actor(v) : ds.actorByHandle(v);
}

/** Opaque to clients; here the sort time and URI of the last entry served. */
const cursorOf = (sortAt: number, uri: string): string => `${new Date(sortAt).toISOString()}::${uri.slice(uri.lastIndexOf('/') + 1)}`;

export function routeXrpc(c: ViewContext, method: string, q: URLSearchParams): XrpcReply {
  try {
    switch (method) {
      case 'com.atproto.identity.resolveHandle': {
        const handle = required(q, 'handle');
        if (!HANDLE.test(handle)) throw new ParamError('handle must be a valid handle');
        const a = c.ds.actorByHandle(handle);
        return a ? ok({ did: a.did }) : fail('InvalidRequest', 'Unable to resolve handle');
      }
      case 'app.bsky.actor.getProfile': {
        const a = actorParam(c.ds, q);
        return a ? ok(profileViewDetailed(c, a)) : fail('InvalidRequest', 'Profile not found');
      }
      case 'app.bsky.feed.getAuthorFeed':
        return authorFeed(c, q);
      case 'app.bsky.feed.getPostThread': {
        const uri = atUri(q, 'uri');
        const depth = integer(q, 'depth', 6, 0, 1000);
        const parentHeight = integer(q, 'parentHeight', 80, 0, 1000);
        const p = c.ds.posts.get(uri);
        if (!p) return fail('NotFound', `Post not found: ${uri}`);
        return ok({ thread: withParents(c, p, threadView(c, p, depth), parentHeight) });
      }
      case 'app.bsky.feed.getPosts': {
        const uris = q.getAll('uris');
        if (uris.length === 0) throw new ParamError('Params must have the property "uris"');
        if (uris.length > 25) throw new ParamError('uris must not have more than 25 elements');
        for (const u of uris) if (!parseAtUri(u)) throw new ParamError('uris/0 must be a valid at-uri');
        return ok({ posts: uris.flatMap((u) => (c.ds.posts.has(u) ? [postView(c, c.ds.posts.get(u)!)] : [])) });
      }
      case 'com.atproto.sync.getBlob': {
        const did = required(q, 'did');
        const cid = required(q, 'cid');
        if (!isDid(did)) throw new ParamError('did must be a valid did');
        if (!c.ds.actor(did)) return fail('RepoNotFound', `Could not find repo for DID: ${did}`);
        const blob = c.ds.blobByCidOf(cid);
        if (!blob || !c.ds.ownsBlob(did, cid)) return fail('BlobNotFound', 'Blob not found');
        return {
          status: 200,
          headers: { 'Content-Type': blob.mimeType, 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" },
          body: blob.bytes,
        };
      }
      case 'com.atproto.repo.getRecord': {
        const repo = required(q, 'repo');
        const uri = `at://${repo}/${required(q, 'collection')}/${required(q, 'rkey')}`;
        const post = c.ds.posts.get(uri);
        if (post) return ok({ uri, cid: c.ds.cidOf(uri), value: c.ds.record(post) });
        const repost = c.ds.reposts.get(uri);
        if (repost) {
          return ok({ uri, cid: c.ds.repostCid(repost), value: { $type: 'app.bsky.feed.repost', subject: { uri: repost.subject, cid: c.ds.cidOf(repost.subject) }, createdAt: repost.createdAt } });
        }
        return fail('RecordNotFound', `Could not locate record: ${uri}`);
      }
      default:
        return fail('MethodNotImplemented', 'Method Not Implemented', 501);
    }
  } catch (e) {
    if (e instanceof ParamError) return fail('InvalidRequest', e.message);
    throw e;
  }
}

const FILTERS = new Set(['posts_with_replies', 'posts_no_replies', 'posts_with_media', 'posts_and_author_threads', 'posts_with_video']);

function authorFeed(c: ViewContext, q: URLSearchParams): XrpcReply {
  const a = actorParam(c.ds, q);
  const limit = integer(q, 'limit', 50, 1, 100);
  const filter = q.get('filter') ?? 'posts_with_replies';
  if (!FILTERS.has(filter)) throw new ParamError('filter must be one of posts_with_replies, posts_no_replies, posts_with_media, posts_and_author_threads, posts_with_video');
  if (!a) return fail('InvalidRequest', 'Profile not found');
  const cursor = q.get('cursor');
  const keep = (e: { kind: 'post' | 'repost'; uri: string }): boolean => {
    if (filter === 'posts_with_replies') return true;
    if (e.kind === 'repost') return filter === 'posts_no_replies' || filter === 'posts_and_author_threads';
    const p = c.ds.posts.get(e.uri)!;
    if (filter === 'posts_no_replies') return p.replyParent === null;
    if (filter === 'posts_with_media') return p.images.length > 0;
    if (filter === 'posts_and_author_threads') return p.replyRoot === null || c.ds.posts.get(p.replyRoot)?.did === a.did;
    return false;
  };
  let entries = c.ds.authorFeed(a.did).filter(keep);
  if (cursor) {
    const at = entries.findIndex((e) => cursorOf(e.sortAt, e.uri) === cursor);
    // An unknown cursor (a post deleted since) continues below its time, as a keyset would.
    const t = Date.parse(cursor.split('::')[0] ?? '');
    entries = at >= 0 ? entries.slice(at + 1) : Number.isFinite(t) ? entries.filter((e) => e.sortAt < t) : [];
  }
  const page = entries.slice(0, limit);
  const feed = page.map((e) => (e.kind === 'post' ? feedViewPost(c, c.ds.posts.get(e.uri)!) : repostFeedView(c, c.ds.reposts.get(e.uri)!)));
  const last = page[page.length - 1];
  // Keyset pagination: every non-empty page names where the next one starts; the end is an empty page without a cursor.
  return ok(last ? { cursor: cursorOf(last.sortAt, last.uri), feed } : { feed });
}
