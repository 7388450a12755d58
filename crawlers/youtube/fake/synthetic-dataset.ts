// Generated channels for benchmarks and paging tests: many videos and comments, deterministic per
// seed. Thumbnails come from a small pool of pictures, so the bytes are shared.
import { FakeYouTubeDataset, ids, type FakeAuthor, type FakeComment } from './store.js';

export interface SyntheticOptions {
  videos: number;
  /** Comments in all, top-level and replies. */
  comments: number;
  seed: number;
  /** Top-level comments on the newest video (beyond 100 they need more than one page). */
  hotThreads?: number;
  /** Replies to the first of those (beyond 100 they need more than one page of `comments.list`). */
  hotReplies?: number;
  now?: Date;
}

const WORDS = ['de', 'gemeente', 'straat', 'dank', 'voor', 'uitleg', 'wanneer', 'komt', 'er', 'meer', 'informatie', 'over', 'het', 'plan', 'buurt', 'mooi', 'jammer', 'parkeren', 'fiets', 'school'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticDataset(o: SyntheticOptions): FakeYouTubeDataset {
  const rnd = mulberry32(o.seed);
  const nowMs = Math.floor((o.now?.getTime() ?? Date.parse('2026-06-01T06:00:00Z')) / 1000) * 1000;
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ds = new FakeYouTubeDataset(`youtube-synthetic-${o.seed}`, iso(nowMs));
  const channel = ds.addChannel({
    id: ids.channel(`synthetic:${o.seed}`),
    handle: '@voorbeeldstad',
    title: 'Gemeente Voorbeeldstad',
    description: 'Officieel kanaal van de gemeente Voorbeeldstad. Privacyverklaring: https://www.voorbeeldstad.nl/privacy',
    publishedAt: '2012-03-14T09:12:44Z',
    country: 'NL',
    keywords: 'gemeente',
    avatar: { format: 'jpeg', width: 800, height: 800, pattern: 'avatar', seed: 7001 },
    banner: { format: 'jpeg', width: 1280, height: 720, pattern: 'header', seed: 7002 },
    subscribers: 1000,
  });
  const own: FakeAuthor = { channelId: channel.id, handle: channel.handle };
  const authors: FakeAuthor[] = Array.from({ length: 200 }, (_, i) => ({ channelId: ids.channel(`synthetic-author:${i}`), handle: `@inwoner${i}` }));
  const text = (): string => Array.from({ length: 6 + Math.floor(rnd() * 12) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const author = (): FakeAuthor => (rnd() < 0.08 ? own : authors[Math.floor(rnd() * authors.length)]!);

  const videos = Array.from({ length: o.videos }, (_, i) =>
    ds.addVideo({
      id: ids.video(`synthetic:${o.seed}:${i}`),
      channelId: channel.id,
      publishedAt: iso(nowMs - (i * 2 + 1) * 86_400_000 + Math.floor(rnd() * 3_600_000)),
      title: `Video ${i + 1}: ${text()}`,
      description: text(),
      tags: ['Voorbeeldstad'],
      categoryId: '25',
      durationSeconds: 60 + Math.floor(rnd() * 600),
      definition: i % 10 === 9 ? 'sd' : 'hd',
      thumbnailSeed: 8000 + (i % 8),
      commentsDisabled: i % 37 === 36,
      views: Math.floor(rnd() * 5000),
      likes: Math.floor(rnd() * 100),
    }),
  );
  const open = videos.filter((v) => !v.commentsDisabled);
  const tops: FakeComment[] = [];
  let n = 0;
  const add = (videoIndex: number, parent: FakeComment | null): FakeComment => {
    const v = parent ? ds.videos.get(parent.videoId)! : open[videoIndex]!;
    const base = parent ? Date.parse(parent.publishedAt) : Date.parse(v.publishedAt);
    const publishedAt = iso(Math.min(nowMs - 60_000, base + 60_000 + Math.floor(rnd() * 86_400_000)));
    const key = `${o.seed}:${n++}`;
    const c = ds.addComment({
      id: parent ? ids.reply(parent.id, key) : ids.comment(key),
      videoId: v.id,
      parentId: parent?.id ?? null,
      author: author(),
      text: text(),
      publishedAt,
      likes: Math.floor(rnd() * 10),
    });
    if (!parent) tops.push(c);
    return c;
  };
  if (open.length === 0) return ds;
  const hot = Array.from({ length: Math.min(o.hotThreads ?? 0, o.comments) }, () => add(0, null));
  for (let i = 0; i < Math.min(o.hotReplies ?? 0, o.comments - hot.length) && hot[0]; i++) add(0, hot[0]);
  // The rest: a third are replies; most comments go to a fifth of the videos.
  while (n < o.comments) {
    if (tops.length > 0 && rnd() < 0.33) add(0, tops[Math.floor(rnd() * tops.length)]!);
    else add(rnd() < 0.8 ? Math.floor(rnd() * Math.max(1, Math.ceil(open.length / 5))) : Math.floor(rnd() * open.length), null);
  }

  const tomorrow = (hours: number): string => iso(nowMs + hours * 3_600_000);
  ds.later(() => {
    const fresh = ds.addVideo({ ...videos[0]!, id: ids.video(`synthetic:${o.seed}:next`), publishedAt: tomorrow(2), title: 'Nieuwe video', thumbnailSeed: 8000, commentsDisabled: false });
    ds.addComment({ id: ids.comment(`${o.seed}:next`), videoId: fresh.id, parentId: null, author: authors[0]!, text: text(), publishedAt: tomorrow(3) });
    if (tops[1]) ds.editComment(tops[1].id, `${tops[1].text} (aangepast)`, tomorrow(1));
    if (tops[2]) ds.deleteComment(tops[2].id);
  });
  return ds;
}
