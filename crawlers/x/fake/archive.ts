// The account archive X would give the dataset's owner now ("Download an archive of your data"):
// the files of its zip, from the same dataset the fake serves, so a test can import it and compare
// with what the API route captured. Layout and v1.1 shapes as in shared/reference/platforms.md §3.7:
// `window.YTD.<name>.part<N> = [ … ]` files, every number a string, `Sat Feb 18 12:33:11 +0000 2023`
// dates, each edit its own entry, media in `data/tweets_media/<tweet id>-<file name>`.
import type { FakeXDataset, FakeXMedia, FakeXTweet, FakeXVersion } from './dataset.js';
import { renderImage, renderVideo, videoSpec } from './media.js';
import { escapeText, mediaPaths, servedText } from './render.js';

export interface ArchiveFile {
  name: string;
  data: Buffer;
}

export interface ArchiveOptions {
  /** Posts per `tweets.js` part (X splits large archives into `tweets-part1.js`, …); default all in one. */
  partSize?: number;
  /** A folder around `data/`, as when someone unpacks and zips the archive again. */
  folder?: string;
  /** Media X left out of the archive (version id or media id). */
  leaveOut?: string[];
}

type Json = Record<string, unknown>;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2023-02-18T12:33:11.000Z` → `Sat Feb 18 12:33:11 +0000 2023`. */
export function v1Date(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

/** X's archive writes JSON with two-space indents and `"key" : value`. */
function ytd(name: string, part: number, entries: unknown[]): Buffer {
  const body = JSON.stringify(entries, null, 2)
    .replace(/^(\s*"(?:[^"\\]|\\.)*"): /gm, '$1 : ')
    .replace(/\[\]/g, '[ ]')
    .replace(/\{\}/g, '{ }');
  return Buffer.from(`window.YTD.${name}.part${part} = ${body}`);
}

const cp = (s: string, i: number): number => [...s.slice(0, i)].length;
const indices = (s: string, i: number, len: number) => [String(cp(s, i)), String(cp(s, i) + len)];

function mediaEntity(ds: FakeXDataset, t: FakeXTweet, v: FakeXVersion, m: FakeXMedia, base: string): Json {
  const text = servedText(v);
  const author = ds.users.get(t.authorId)!;
  const p = mediaPaths(m);
  const i = v.mediaTco ? text.lastIndexOf(v.mediaTco) : -1;
  const sizes = (w: number, h: number) => ({
    thumb: { w: '150', h: '150', resize: 'crop' },
    small: { w: String(Math.min(w, 680)), h: String(Math.round((h * Math.min(w, 680)) / w)), resize: 'fit' },
    medium: { w: String(Math.min(w, 1200)), h: String(Math.round((h * Math.min(w, 1200)) / w)), resize: 'fit' },
    large: { w: String(w), h: String(h), resize: 'fit' },
  });
  const preview = m.type === 'photo' ? `${base}${p.photo}` : `${base}${p.thumb}`;
  const out: Json = {
    expanded_url: `https://x.com/${author.username}/status/${v.id}/${m.type === 'photo' ? 'photo' : 'video'}/1`,
    indices: i >= 0 ? indices(text, i, [...v.mediaTco!].length) : ['0', '0'],
    url: v.mediaTco ?? '',
    media_url: preview.replace(/^https:/, 'http:'),
    id_str: m.id,
  };
  if (m.type !== 'photo') {
    const mp4 = (m.variants ?? []).map((x) => ({ bitrate: String(x.bitRate), content_type: 'video/mp4', url: `${base}${p.mp4(x.width, x.height)}${m.type === 'video' ? '?tag=12' : ''}` }));
    out.video_info = {
      aspect_ratio: m.type === 'video' ? ['16', '9'] : ['4', '3'],
      ...(m.type === 'video' ? { duration_millis: String(m.durationMs ?? 0) } : {}),
      variants: m.type === 'video' ? [...mp4, { content_type: 'application/x-mpegURL', url: `${base}${p.playlist}?tag=12&v=1a2` }] : mp4,
    };
  }
  Object.assign(out, {
    id: m.id,
    media_url_https: preview,
    sizes: sizes(m.width, m.height),
    type: m.type,
    display_url: `pic.x.com/${(v.mediaTco ?? '').slice(-10)}`,
  });
  return out;
}

/** One version of a post in the archive's v1.1 shape. */
function archiveTweet(ds: FakeXDataset, t: FakeXTweet, v: FakeXVersion, base: string): Json {
  const text = servedText(v);
  const chain = t.versions.map((x) => x.id);
  const index = chain.indexOf(v.id);
  const parent = t.inReplyTo ? ds.tweets.get(t.inReplyTo) : undefined;
  const parentAuthor = parent ? ds.users.get(parent.authorId) : undefined;
  const editable = !t.retweetOf && (!parent || parent.authorId === t.authorId);
  const control = { editTweetIds: chain, editableUntil: new Date(Date.parse(t.versions[0]!.createdAt) + 30 * 60_000).toISOString(), editsRemaining: String(editable ? 5 - (chain.length - 1) : 0), isEditEligible: editable };
  const mentions = [...text.matchAll(/(^|[^A-Za-z0-9_])@([A-Za-z0-9_]{1,15})/g)].map((m) => {
    const u = ds.userByName(m[2]!);
    return { name: u?.name ?? m[2]!, screen_name: m[2]!, indices: indices(text, m.index + m[1]!.length, m[2]!.length + 1), id_str: u?.id ?? '0', id: u?.id ?? '0' };
  });
  const hashtags = [...text.matchAll(/(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu)].map((m) => ({ text: m[2]!, indices: indices(text, m.index + m[1]!.length, [...m[2]!].length + 1) }));
  const urls = v.urls.filter((u) => text.includes(u.tco)).map((u) => ({ url: u.tco, expanded_url: u.expanded, display_url: u.display, indices: indices(text, text.indexOf(u.tco), [...u.tco].length) }));
  const media = v.media.map((m) => mediaEntity(ds, t, v, m, base));
  const shown = v.mediaTco ? text.length - v.mediaTco.length - 1 : text.length;
  const out: Json = {
    edit_info: index > 0 ? { edit: { initialTweetId: chain[0], editControlInitial: control } } : { initial: control },
    retweeted: false,
    source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    entities: { hashtags, symbols: [], user_mentions: mentions, urls, ...(media.length ? { media: [media[0]] } : {}) },
    display_text_range: ['0', String(cp(text, shown))],
    favorite_count: String(v === ds.current(t) ? t.likes : 0),
  };
  if (parent) out.in_reply_to_status_id_str = parent.versions.filter((x) => x.createdAt <= v.createdAt).at(-1)?.id ?? ds.idOf(parent);
  out.id_str = v.id;
  if (parent) out.in_reply_to_user_id = parent.authorId;
  Object.assign(out, { truncated: false, retweet_count: String(v === ds.current(t) ? t.retweets : 0), id: v.id });
  if (parent) out.in_reply_to_status_id = out.in_reply_to_status_id_str;
  if (media.length) out.possibly_sensitive = t.sensitive;
  Object.assign(out, { created_at: v1Date(v.createdAt), favorited: false, full_text: escapeText(text), lang: t.lang });
  if (parent) Object.assign(out, { in_reply_to_screen_name: parentAuthor?.username ?? '', in_reply_to_user_id_str: parent.authorId });
  if (media.length) out.extended_entities = { media };
  return out;
}

/** The archive of the dataset's own account as it stands now (deleted posts in `deleted-tweets.js`). */
export async function archiveFiles(ds: FakeXDataset, opts: ArchiveOptions = {}): Promise<ArchiveFile[]> {
  const base = ds.baseUrl;
  if (base === null) throw new Error('archiveFiles: start a fake server with this dataset first (media URLs need its origin)');
  const own = ds.users.get(ds.ownUserId)!;
  const root = opts.folder ? `${opts.folder.replace(/\/+$/, '')}/` : '';
  const leaveOut = new Set(opts.leaveOut ?? []);
  const mine = [...ds.tweets.values()].filter((t) => t.authorId === own.id);
  // The archive lists posts newest first, every version of an edited post on its own.
  const entries = (list: FakeXTweet[]) =>
    list
      .flatMap((t) => t.versions.map((v) => ({ t, v })))
      .sort((a, b) => (a.v.id.length !== b.v.id.length ? b.v.id.length - a.v.id.length : a.v.id < b.v.id ? 1 : -1));
  const live = entries(mine.filter((t) => !t.deletedAt));
  const gone = entries(mine.filter((t) => t.deletedAt));
  const files: ArchiveFile[] = [];
  const put = (name: string, data: Buffer) => files.push({ name: `${root}${name}`, data });

  put('Your archive.html', Buffer.from(`<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Je archief — @${own.username}</title></head><body><div id="root"></div><script src="assets/js/main.js"></script></body></html>\n`));
  put(
    'data/account.js',
    ytd('account', 0, [{ account: { email: own.email ?? '', createdVia: 'web', username: own.username, accountId: own.id, createdAt: own.createdAt, accountDisplayName: own.name } }]),
  );
  put(
    'data/profile.js',
    ytd('profile', 0, [
      {
        profile: {
          description: { bio: own.description, website: own.url?.tco ?? '', location: own.location },
          avatarMediaUrl: own.avatar ? `https://pbs.twimg.com/profile_images/${own.id}/${own.avatar.name}.jpg` : '',
        },
      },
    ]),
  );
  const size = opts.partSize ?? Math.max(1, live.length);
  const parts: string[] = [];
  for (let i = 0, part = 0; i < Math.max(1, live.length); i += size, part++) {
    const name = part === 0 ? 'data/tweets.js' : `data/tweets-part${part}.js`;
    parts.push(name);
    put(name, ytd('tweets', part, live.slice(i, i + size).map(({ t, v }) => ({ tweet: archiveTweet(ds, t, v, base) }))));
  }
  put('data/deleted-tweets.js', ytd('deleted_tweets', 0, gone.map(({ t, v }) => ({ tweet: { ...archiveTweet(ds, t, v, base), deleted_at: v1Date(t.deletedAt!) } }))));
  put(
    'data/manifest.js',
    Buffer.from(
      `window.__THAR_CONFIG = ${JSON.stringify(
        {
          userInfo: { accountId: own.id, userName: own.username, displayName: own.name },
          archiveInfo: { sizeBytes: '0', generationDate: ds.now, isPartialArchive: false, maxPartSizeBytes: '53687091200' },
          dataTypes: {
            tweets: { mediaDirectory: 'data/tweets_media', files: parts.map((fileName, i) => ({ fileName, globalName: `YTD.tweets.part${i}`, count: String(Math.min(size, live.length - i * size)) })) },
            deletedTweets: { mediaDirectory: 'data/deleted_tweets_media', files: [{ fileName: 'data/deleted-tweets.js', globalName: 'YTD.deleted_tweets.part0', count: String(gone.length) }] },
          },
        },
        null,
        2,
      )}`,
    ),
  );
  if (own.avatar) put(`data/profile_media/${own.id}-${own.avatar.name}.jpg`, await renderImage(own.avatar.image));
  for (const { t, v } of [...live, ...gone]) {
    if (leaveOut.has(v.id)) continue;
    const folder = t.deletedAt ? 'data/deleted_tweets_media' : 'data/tweets_media';
    for (const m of v.media) {
      if (leaveOut.has(m.id)) continue;
      if (m.type === 'photo') put(`${folder}/${v.id}-${m.name}.jpg`, await renderImage(m.image));
      else {
        const best = [...(m.variants ?? [])].sort((a, b) => b.bitRate - a.bitRate)[0]!;
        put(`${folder}/${v.id}-${m.name}.mp4`, await renderVideo(videoSpec(m, best)));
      }
    }
  }
  return files;
}
