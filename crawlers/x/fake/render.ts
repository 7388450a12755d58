// The dataset as X API v2 objects: posts, users and media with every field the fake knows, then cut
// down to what the request asked for (`tweet.fields`, `user.fields`, `media.fields`), as X does:
// a field not asked for is not sent. Texts are escaped (`&amp;`, `&lt;`, `&gt;`) as X sends them.
import type { FakeXDataset, FakeXMedia, FakeXTweet, FakeXUser, FakeXVersion } from './dataset.js';

export const TWEET_FIELDS = new Set([
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics',
  'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'suggested_source_links', 'text', 'withheld',
]);
export const USER_FIELDS = new Set([
  'affiliation', 'connection_status', 'created_at', 'description', 'entities', 'id', 'location', 'most_recent_tweet_id', 'name',
  'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected', 'public_metrics', 'receives_your_dm',
  'subscription_type', 'url', 'username', 'verified', 'verified_type', 'withheld',
]);
export const MEDIA_FIELDS = new Set([
  'alt_text', 'duration_ms', 'height', 'media_key', 'non_public_metrics', 'organic_metrics', 'preview_image_url',
  'promoted_metrics', 'public_metrics', 'type', 'url', 'variants', 'width',
]);
export const EXPANSIONS = new Set([
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet', 'attachments.poll_ids',
  'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id',
  'entities.note.mentions.username', 'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys', 'referenced_tweets.id.author_id',
]);
/** The OpenAPI spelling (2026) of the same names; accepted, answered with the classic ones. */
export const ALIASES: Record<string, string> = { edit_history_post_ids: 'edit_history_tweet_ids', 'referenced_posts.id': 'referenced_tweets.id', 'referenced_posts.id.author_id': 'referenced_tweets.id.author_id' };

type Json = Record<string, unknown>;

const KEY_PREFIX = { photo: '3', video: '7', animated_gif: '16' } as const;
export const mediaKey = (m: FakeXMedia): string => `${KEY_PREFIX[m.type]}_${m.id}`;

export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text as served, before escaping: what the author wrote and the media link. */
export const servedText = (v: FakeXVersion): string => (v.mediaTco ? `${v.text} ${v.mediaTco}` : v.text);

/** Code-point offset of a UTF-16 index (X counts entity positions in code points). */
const cp = (s: string, i: number): number => [...s.slice(0, i)].length;

export const mediaPaths = (m: FakeXMedia) => ({
  photo: `/media/${m.name}.jpg`,
  thumb: m.type === 'video' ? `/ext_tw_video_thumb/${m.id}/pu/img/${m.name}.jpg` : `/tweet_video_thumb/${m.name}.jpg`,
  playlist: `/ext_tw_video/${m.id}/pu/pl/${m.name}.m3u8`,
  mp4: (w: number, h: number) => (m.type === 'video' ? `/ext_tw_video/${m.id}/pu/vid/avc1/${w}x${h}/${m.name}.mp4` : `/tweet_video/${m.name}.mp4`),
});

export function renderMedia(m: FakeXMedia, base: string): Json {
  const p = mediaPaths(m);
  const out: Json = { media_key: mediaKey(m), type: m.type };
  if (m.type === 'photo') out.url = `${base}${p.photo}`;
  else {
    out.preview_image_url = `${base}${p.thumb}`;
    const mp4 = (m.variants ?? []).map((v) => ({ bit_rate: v.bitRate, content_type: 'video/mp4', url: `${base}${p.mp4(v.width, v.height)}${m.type === 'video' ? '?tag=12' : ''}` }));
    out.variants = m.type === 'video' ? [{ content_type: 'application/x-mpegURL', url: `${base}${p.playlist}?tag=12&v=1a2` }, ...mp4] : mp4;
  }
  out.width = m.width;
  out.height = m.height;
  if (m.durationMs !== undefined && m.type === 'video') out.duration_ms = m.durationMs;
  if (m.alt) out.alt_text = m.alt;
  if (m.type !== 'photo') out.public_metrics = { view_count: 1000 + (Number(BigInt(m.id) % 5000n)) };
  return out;
}

export function renderUser(ds: FakeXDataset, u: FakeXUser, base: string): Json {
  const out: Json = {
    id: u.id,
    name: u.name,
    username: u.username,
    created_at: u.createdAt,
    description: u.description,
  };
  if (u.url) out.entities = { url: { urls: [{ start: 0, end: [...u.url.tco].length, url: u.url.tco, expanded_url: u.url.expanded, display_url: u.url.display }] } };
  out.location = u.location;
  if (u.avatar) out.profile_image_url = `${base}/profile_images/${u.id}/${u.avatar.name}_normal.jpg`;
  out.protected = u.protected;
  out.public_metrics = { followers_count: u.followers, following_count: u.following, tweet_count: ds.tweetCount(u.id), listed_count: u.listed, like_count: 0, media_count: 0 };
  out.url = u.url?.tco ?? '';
  out.verified = u.verifiedType !== 'none';
  out.verified_type = u.verifiedType;
  return out;
}

function entities(ds: FakeXDataset, t: FakeXTweet, v: FakeXVersion): Json | undefined {
  const text = servedText(v);
  const out: Json = {};
  const urls: Json[] = [];
  for (const u of v.urls) {
    const i = text.indexOf(u.tco);
    if (i < 0) continue;
    const e: Json = { start: cp(text, i), end: cp(text, i) + [...u.tco].length, url: u.tco, expanded_url: u.expanded, display_url: u.display };
    if (u.title) Object.assign(e, { status: 200, title: u.title, description: u.description ?? '', unwound_url: u.expanded });
    urls.push(e);
  }
  if (v.mediaTco && v.media[0]) {
    const i = text.lastIndexOf(v.mediaTco);
    const author = ds.users.get(t.authorId)!;
    const kind = v.media[0].type === 'photo' ? 'photo' : 'video';
    urls.push({
      start: cp(text, i),
      end: cp(text, i) + [...v.mediaTco].length,
      url: v.mediaTco,
      expanded_url: `https://x.com/${author.username}/status/${v.id}/${kind}/1`,
      display_url: `pic.x.com/${v.mediaTco.slice(-10)}`,
      media_key: mediaKey(v.media[0]),
    });
  }
  if (urls.length) out.urls = urls;
  const mentions: Json[] = [];
  for (const m of text.matchAll(/(^|[^A-Za-z0-9_])@([A-Za-z0-9_]{1,15})/g)) {
    const start = cp(text, m.index + m[1]!.length);
    const user = ds.userByName(m[2]!);
    mentions.push({ start, end: start + 1 + m[2]!.length, username: m[2]!, ...(user ? { id: user.id } : {}) });
  }
  if (mentions.length) out.mentions = mentions;
  const tags: Json[] = [];
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu)) {
    const start = cp(text, m.index + m[1]!.length);
    tags.push({ start, end: start + 1 + [...m[2]!].length, tag: m[2]! });
  }
  if (tags.length) out.hashtags = tags;
  return Object.keys(out).length ? out : undefined;
}

/** The version of `parent` that was current when `at` was written: replies point at that id. */
function versionAt(parent: FakeXTweet, at: string): string {
  let id = parent.versions[0]!.id;
  for (const v of parent.versions) if (v.createdAt <= at) id = v.id;
  return id;
}

/** Every field of one version of a post. */
export function renderTweet(ds: FakeXDataset, t: FakeXTweet, v: FakeXVersion): Json {
  const id = ds.idOf(t);
  const current = ds.current(t) === v;
  const parent = t.inReplyTo ? ds.tweets.get(t.inReplyTo) : undefined;
  const refs: Json[] = [];
  if (t.retweetOf) refs.push({ type: 'retweeted', id: ds.current(ds.tweets.get(t.retweetOf)!).id });
  if (t.quoteOf) refs.push({ type: 'quoted', id: ds.current(ds.tweets.get(t.quoteOf)!).id });
  if (parent) refs.push({ type: 'replied_to', id: versionAt(parent, v.createdAt) });
  const editable = !t.retweetOf && (!parent || parent.authorId === t.authorId);
  const out: Json = {
    edit_history_tweet_ids: t.versions.map((x) => x.id),
    id: v.id,
    text: escapeText(servedText(v)),
  };
  if (v.media.length) out.attachments = { media_keys: v.media.map(mediaKey) };
  out.author_id = t.authorId;
  out.conversation_id = ds.conversationOf(t);
  out.created_at = v.createdAt;
  out.edit_controls = {
    edits_remaining: editable ? 5 - (t.versions.length - 1) : 0,
    is_edit_eligible: editable,
    editable_until: new Date(Date.parse(t.versions[0]!.createdAt) + 30 * 60_000).toISOString(),
  };
  const e = entities(ds, t, v);
  if (e) out.entities = e;
  if (parent) out.in_reply_to_user_id = parent.authorId;
  out.lang = t.lang;
  out.possibly_sensitive = t.sensitive;
  // Each version has its own engagement; the earlier ones froze when the edit came.
  out.public_metrics = current
    ? { retweet_count: t.retweets, reply_count: ds.replyCount(id), like_count: t.likes, quote_count: t.quotes, bookmark_count: 0, impression_count: 40 * t.likes + 100 }
    : { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 };
  if (refs.length) out.referenced_tweets = refs;
  out.reply_settings = t.replySettings;
  return out;
}

/** Only the default fields and those asked for, in the order rendered. */
export function pick(obj: Json, defaults: readonly string[], asked: ReadonlySet<string>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (defaults.includes(k) || asked.has(k)) out[k] = v;
  return out;
}

export const TWEET_DEFAULTS = ['id', 'text', 'edit_history_tweet_ids'] as const;
export const USER_DEFAULTS = ['id', 'name', 'username'] as const;
export const MEDIA_DEFAULTS = ['media_key', 'type'] as const;
