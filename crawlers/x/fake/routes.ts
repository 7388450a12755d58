// The X API v2 endpoints a crawler uses, as pure functions of the dataset and the request: user by
// username, a user's posts (pagination_token, since_id, until_id, the 3,200 cap), recent and
// full-archive search (conversation_id), post lookup by ids; parameter checks and error bodies as X
// sends them (400 invalid-request, resource-not-found inside a 200, 404 for unknown paths).
import { compareIds, type FakeXDataset, type FakeXTweet, type FakeXVersion } from './dataset.js';
import {
  ALIASES,
  EXPANSIONS,
  MEDIA_DEFAULTS,
  MEDIA_FIELDS,
  mediaKey,
  pick,
  renderMedia,
  renderTweet,
  renderUser,
  TWEET_DEFAULTS,
  TWEET_FIELDS,
  USER_DEFAULTS,
  USER_FIELDS,
} from './render.js';

export interface ApiRequest {
  path: string;
  query: URLSearchParams;
  /** The server's clock (ms). */
  now: number;
  base: string;
  timelineCap: number;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** The rate-limited endpoint this path belongs to, when it is one. */
  endpoint?: Endpoint | undefined;
}

export type Endpoint = 'users/by/username' | 'users/:id' | 'users/:id/tweets' | 'tweets/search/recent' | 'tweets/search/all' | 'tweets' | 'tweets/:id';

const PROBLEMS = 'https://api.x.com/2/problems';
const DAY = 86_400_000;
type Json = Record<string, unknown>;

const invalid = (parameter: string, value: string, message: string): ApiAnswer => ({
  status: 400,
  body: {
    errors: [{ parameters: { [parameter]: [value] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEMS}/invalid-request`,
  },
});

export const notFoundPath: ApiAnswer = { status: 404, body: { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] } };

const notFound = (what: 'tweet' | 'user', parameter: string, value: string): Json => ({
  value,
  detail: `Could not find ${what} with ${parameter}: [${value}].`,
  title: 'Not Found Error',
  resource_type: what,
  parameter,
  resource_id: value,
  type: `${PROBLEMS}/resource-not-found`,
});

const isId = (s: string) => /^[0-9]{1,19}$/.test(s);

interface Fields {
  tweet: Set<string>;
  user: Set<string>;
  media: Set<string>;
  expansions: Set<string>;
}

/** `tweet.fields` (or `post.fields`), `user.fields`, `media.fields`, `expansions`; unknown values are a 400. */
function readFields(q: URLSearchParams): Fields | ApiAnswer {
  const lists: [keyof Fields, string[], Set<string>][] = [
    ['tweet', ['tweet.fields', 'post.fields'], TWEET_FIELDS],
    ['user', ['user.fields'], USER_FIELDS],
    ['media', ['media.fields'], MEDIA_FIELDS],
    ['expansions', ['expansions'], EXPANSIONS],
  ];
  const out = { tweet: new Set<string>(), user: new Set<string>(), media: new Set<string>(), expansions: new Set<string>() };
  for (const [key, names, valid] of lists) {
    for (const name of names) {
      const raw = q.get(name);
      if (raw === null) continue;
      for (const v of raw.split(',').map((s) => ALIASES[s.trim()] ?? s.trim())) {
        if (!valid.has(v)) return invalid(name, raw, `The \`${name}\` query parameter value [${v}] is not one of [${[...valid].join(',')}]`);
        out[key].add(v);
      }
    }
  }
  return out;
}

function maxResults(q: URLSearchParams, min: number, max: number, dflt: number): number | ApiAnswer {
  const raw = q.get('max_results');
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || n < min || n > max) return invalid('max_results', raw, `The \`max_results\` query parameter value [${raw}] is not between ${min} and ${max}`);
  return n;
}

// Pagination tokens are opaque to clients: a direction, the id to continue from, and a check.
const check = (s: string) => (Array.from(s).reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1296, 7) + 1296).toString(36).slice(-2);
export const encodeToken = (dir: 'n' | 'p', id: string): string => {
  const body = `${dir}${BigInt(id).toString(36)}`;
  return `7140${body}${check(body)}`;
};
function decodeToken(token: string): { dir: 'n' | 'p'; id: string } | undefined {
  const m = /^7140([np])([0-9a-z]{1,14})([0-9a-z]{2})$/.exec(token);
  if (!m || check(`${m[1]}${m[2]}`) !== m[3]) return undefined;
  let n = 0n;
  for (const c of m[2]!) n = n * 36n + BigInt(parseInt(c, 36));
  return { dir: m[1] as 'n' | 'p', id: n.toString() };
}

interface Served {
  t: FakeXTweet;
  v: FakeXVersion;
}

/** A page of posts (newest first), with the meta X gives and its continuation marker. */
function paginate(all: Served[], size: number, token: { dir: 'n' | 'p'; id: string } | undefined, withPrevious: boolean): { page: Served[]; meta: Json } {
  let list = all;
  if (token?.dir === 'n') list = all.filter((s) => compareIds(s.v.id, token.id) < 0);
  const above = token?.dir === 'p' ? all.filter((s) => compareIds(s.v.id, token.id) > 0) : [];
  const page = token?.dir === 'p' ? above.slice(Math.max(0, above.length - size)) : list.slice(0, size);
  if (page.length === 0) return { page, meta: { result_count: 0 } };
  const newest = page[0]!.v.id;
  const oldest = page[page.length - 1]!.v.id;
  const meta: Json = { result_count: page.length, newest_id: newest, oldest_id: oldest };
  if (all.some((s) => compareIds(s.v.id, oldest) < 0)) meta.next_token = encodeToken('n', oldest);
  if (withPrevious && token && all.some((s) => compareIds(s.v.id, newest) > 0)) meta.previous_token = encodeToken('p', newest);
  return { page, meta };
}

/** `data`, `includes` (authors, media, earlier versions as asked by `expansions`) and extra members. */
function answerPosts(ds: FakeXDataset, served: Served[], f: Fields, base: string, extra: Json = {}): Json {
  const out: Json = {};
  if (served.length) out.data = served.map((s) => pick(renderTweet(ds, s.t, s.v), TWEET_DEFAULTS, f.tweet));
  const includes: Json = {};
  if (f.expansions.has('edit_history_tweet_ids')) {
    const inData = new Set(served.map((s) => s.v.id));
    const earlier: Json[] = [];
    for (const s of served) for (const v of s.t.versions) if (!inData.has(v.id) && !earlier.some((e) => e.id === v.id)) earlier.push(pick(renderTweet(ds, s.t, v), TWEET_DEFAULTS, f.tweet));
    if (earlier.length) includes.tweets = earlier;
  }
  if (f.expansions.has('author_id')) {
    const users = [...new Set(served.map((s) => s.t.authorId))].map((id) => pick(renderUser(ds, ds.users.get(id)!, base), USER_DEFAULTS, f.user));
    if (users.length) includes.users = users;
  }
  if (f.expansions.has('attachments.media_keys')) {
    const seen = new Set<string>();
    const media: Json[] = [];
    for (const s of served) {
      for (const m of s.v.media) {
        if (seen.has(mediaKey(m))) continue;
        seen.add(mediaKey(m));
        media.push(pick(renderMedia(m, base), MEDIA_DEFAULTS, f.media));
      }
    }
    if (media.length) includes.media = media;
  }
  if (Object.keys(includes).length) out.includes = includes;
  return { ...out, ...extra };
}

function idParam(q: URLSearchParams, name: string): string | undefined | ApiAnswer {
  const v = q.get(name);
  if (v === null) return undefined;
  return isId(v) ? v : invalid(name, v, `The \`${name}\` query parameter value [${v}] is not valid`);
}

const isAnswer = (x: unknown): x is ApiAnswer => typeof x === 'object' && x !== null && 'status' in x && 'body' in x;

export function routeApi(ds: FakeXDataset, req: ApiRequest): ApiAnswer {
  const p = req.path;
  let m: RegExpExecArray | null;
  if ((m = /^\/2\/users\/by\/username\/([^/]+)$/.exec(p))) return withEndpoint(userByName(ds, decodeURIComponent(m[1]!), req), 'users/by/username');
  if ((m = /^\/2\/users\/([^/]+)\/tweets$/.exec(p))) return withEndpoint(timeline(ds, m[1]!, req), 'users/:id/tweets');
  if ((m = /^\/2\/users\/([^/]+)$/.exec(p))) return withEndpoint(userById(ds, m[1]!, req), 'users/:id');
  if ((m = /^\/2\/tweets\/search\/(recent|all)$/.exec(p))) return withEndpoint(search(ds, m[1] as 'recent' | 'all', req), `tweets/search/${m[1] as 'recent' | 'all'}`);
  if (p === '/2/tweets') return withEndpoint(lookup(ds, req), 'tweets');
  if ((m = /^\/2\/tweets\/([^/]+)$/.exec(p))) return withEndpoint(lookupOne(ds, m[1]!, req), 'tweets/:id');
  return notFoundPath;
}

const withEndpoint = (a: ApiAnswer, endpoint: Endpoint): ApiAnswer => ({ ...a, endpoint });

function userByName(ds: FakeXDataset, username: string, req: ApiRequest): ApiAnswer {
  const f = readFields(req.query);
  if (isAnswer(f)) return f;
  if (!/^[A-Za-z0-9_]{1,15}$/.test(username)) return invalid('username', username, `The \`username\` query parameter value [${username}] does not match ^[A-Za-z0-9_]{1,15}$`);
  const u = ds.userByName(username);
  if (!u) return { status: 200, body: { errors: [notFound('user', 'username', username)] } };
  return { status: 200, body: { data: pick(renderUser(ds, u, req.base), USER_DEFAULTS, f.user) } };
}

function userById(ds: FakeXDataset, id: string, req: ApiRequest): ApiAnswer {
  const f = readFields(req.query);
  if (isAnswer(f)) return f;
  if (!isId(id)) return invalid('id', id, `The \`id\` query parameter value [${id}] is not valid`);
  const u = ds.users.get(id);
  if (!u) return { status: 200, body: { errors: [notFound('user', 'id', id)] } };
  return { status: 200, body: { data: pick(renderUser(ds, u, req.base), USER_DEFAULTS, f.user) } };
}

function timeline(ds: FakeXDataset, userId: string, req: ApiRequest): ApiAnswer {
  const q = req.query;
  const f = readFields(q);
  if (isAnswer(f)) return f;
  if (!isId(userId)) return invalid('id', userId, `The \`id\` query parameter value [${userId}] is not valid`);
  const size = maxResults(q, 5, 100, 10);
  if (isAnswer(size)) return size;
  const since = idParam(q, 'since_id');
  if (isAnswer(since)) return since;
  const until = idParam(q, 'until_id');
  if (isAnswer(until)) return until;
  const rawToken = q.get('pagination_token');
  const token = rawToken === null ? undefined : decodeToken(rawToken);
  if (rawToken !== null && !token) return invalid('pagination_token', rawToken, `The \`pagination_token\` query parameter value [${rawToken}] is not valid`);
  const exclude = new Set((q.get('exclude') ?? '').split(',').filter(Boolean));
  for (const e of exclude) if (e !== 'replies' && e !== 'retweets') return invalid('exclude', q.get('exclude')!, `The \`exclude\` query parameter value [${e}] is not one of [replies,retweets]`);
  const user = ds.users.get(userId);
  if (!user) return { status: 200, body: { errors: [notFound('user', 'id', userId)] } };
  // X serves only the most recent 3,200 posts (800 without replies).
  const cap = exclude.has('replies') ? Math.min(800, req.timelineCap) : req.timelineCap;
  let all: Served[] = ds
    .timeline(userId)
    .map((id) => ds.tweets.get(id)!)
    .filter((t) => !(exclude.has('replies') && t.inReplyTo) && !(exclude.has('retweets') && t.retweetOf))
    .slice(0, cap)
    .map((t) => ({ t, v: ds.current(t) }));
  const start = q.get('start_time');
  const end = q.get('end_time');
  all = all.filter(
    (s) =>
      (!since || compareIds(s.v.id, since) > 0) &&
      (!until || compareIds(s.v.id, until) < 0) &&
      (!start || s.v.createdAt >= new Date(start).toISOString()) &&
      (!end || s.v.createdAt < new Date(end).toISOString()),
  );
  const { page, meta } = paginate(all, size, token, true);
  return { status: 200, body: answerPosts(ds, page, f, req.base, { meta }) };
}

function search(ds: FakeXDataset, kind: 'recent' | 'all', req: ApiRequest): ApiAnswer {
  const q = req.query;
  const f = readFields(q);
  if (isAnswer(f)) return f;
  const query = q.get('query');
  if (!query) return invalid('query', '', 'The `query` query parameter can not be empty');
  const longest = kind === 'recent' ? 512 : 1024;
  if (query.length > longest) return invalid('query', query, `The \`query\` query parameter value [${query.slice(0, 40)}…] is longer than ${longest} characters`);
  const size = maxResults(q, 10, kind === 'recent' ? 100 : 500, 10);
  if (isAnswer(size)) return size;
  const rawToken = q.get('next_token') ?? q.get('pagination_token');
  const token = rawToken === null ? undefined : decodeToken(rawToken);
  if (rawToken !== null && !token) return invalid('next_token', rawToken, `The \`next_token\` query parameter value [${rawToken}] is not valid`);
  const since = idParam(q, 'since_id');
  if (isAnswer(since)) return since;
  const until = idParam(q, 'until_id');
  if (isAnswer(until)) return until;
  const windowStart = new Date(req.now - 7 * DAY).toISOString();
  const start = q.get('start_time');
  if (kind === 'recent' && start && start < windowStart) {
    return invalid('start_time', start, `Invalid 'start_time':'${start}'. 'start_time' must be on or after ${windowStart}`);
  }
  // The fake understands `conversation_id:<id>` (what a crawler of replies asks); other queries match nothing.
  const conv = /(?:^|\s)conversation_id:([0-9]{1,19})(?:\s|$)/.exec(query)?.[1];
  let all: Served[] = conv ? ds.conversation(conv).map((t) => ({ t, v: ds.current(t) })) : [];
  all = all.filter(
    (s) =>
      (kind === 'all' || s.v.createdAt >= windowStart) &&
      (!since || compareIds(s.v.id, since) > 0) &&
      (!until || compareIds(s.v.id, until) < 0) &&
      (!start || s.v.createdAt >= new Date(start).toISOString()),
  );
  const { page, meta } = paginate(all, size, token, false);
  return { status: 200, body: answerPosts(ds, page, f, req.base, { meta }) };
}

function lookup(ds: FakeXDataset, req: ApiRequest): ApiAnswer {
  const f = readFields(req.query);
  if (isAnswer(f)) return f;
  const raw = req.query.get('ids');
  if (!raw) return invalid('ids', '', 'The `ids` query parameter can not be empty');
  const ids = raw.split(',');
  if (ids.length > 100) return invalid('ids', raw.slice(0, 40), `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`);
  for (const id of ids) if (!isId(id)) return invalid('ids', id, `The \`ids\` query parameter value [${id}] is not valid`);
  const served: Served[] = [];
  const errors: Json[] = [];
  for (const id of ids) {
    const found = ds.version(id);
    if (found && !found.tweet.deletedAt) served.push({ t: found.tweet, v: found.version });
    else errors.push(notFound('tweet', 'ids', id));
  }
  return { status: 200, body: answerPosts(ds, served, f, req.base, errors.length ? { errors } : {}) };
}

function lookupOne(ds: FakeXDataset, id: string, req: ApiRequest): ApiAnswer {
  const f = readFields(req.query);
  if (isAnswer(f)) return f;
  if (!isId(id)) return invalid('id', id, `The \`id\` query parameter value [${id}] is not valid`);
  const found = ds.version(id);
  if (!found || found.tweet.deletedAt) return { status: 200, body: { errors: [notFound('tweet', 'id', id)] } };
  const body = answerPosts(ds, [{ t: found.tweet, v: found.version }], f, req.base);
  return { status: 200, body: { ...body, data: (body.data as Json[])[0] } };
}
