// A large made-up account for benchmarks and for the 3,200 cap: `posts` posts spread over the last
// `spanDays` days (within recent search's reach by default), `replies` replies by others — a third
// in 1 % busy threads, one in seven answering another reply — photos every `mediaEvery` posts from a
// pool of 16 pictures (so bytes are shared), and a next day with a few posts, replies, an edit and
// a deletion.
import { FakeXDataset, type FakeXTweet, type FakeXUser } from './dataset.js';
import { XStoryBuilder } from './builder.js';

const DAY = 86_400_000;

export interface SyntheticOptions {
  posts: number;
  replies: number;
  seed?: number;
  spanDays?: number;
  mediaEvery?: number;
  now?: Date;
}

export function syntheticDataset(opts: SyntheticOptions): FakeXDataset {
  const nowMs = Math.floor((opts.now?.getTime() ?? Date.now()) / 1000) * 1000;
  const span = opts.spanDays ?? 6;
  let state = (opts.seed ?? 1) >>> 0 || 1;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const ds = new FakeXDataset(`x-synthetic-${opts.posts}-${opts.replies}-${opts.seed ?? 1}`, { now: new Date(nowMs).toISOString(), nextDayNow: new Date(nowMs + DAY).toISOString() }, '2876543210');
  const b = new XStoryBuilder(ds, nowMs);
  const own = b.user({ id: '2876543210', username: 'voorbeeldstad', name: 'Gemeente Voorbeeldstad', verifiedType: 'government', createdAt: '2011-03-14T09:12:44.000Z' });
  const people: FakeXUser[] = Array.from({ length: 200 }, (_v, i) => b.user({ username: `inwoner${i}`, name: `Inwoner ${i}`, avatar: null }));
  const posts: FakeXTweet[] = [];
  const step = (span * DAY) / Math.max(1, opts.posts);
  for (let i = 0; i < opts.posts; i++) {
    const daysAgo = (span * DAY - i * step) / DAY;
    const media = opts.mediaEvery && i % opts.mediaEvery === 0 ? [b.photo(daysAgo, `Foto ${i}`, { seed: 1000 + (i % 16), width: 160, height: 120 })] : [];
    posts.push(b.tweet({ author: own, daysAgo, text: `Bericht ${i} van de gemeente over de wijk ${i % 40}. #voorbeeldstad`, media, likes: i % 50 }));
  }
  const busy = posts.filter((_p, i) => i % 100 === 0);
  const byThread = new Map<FakeXTweet, FakeXTweet[]>();
  for (let i = 0; i < opts.replies; i++) {
    const root = i % 3 === 0 && busy.length ? busy[Math.floor(rand() * busy.length)]! : posts[Math.floor(rand() * posts.length)]!;
    const earlier = byThread.get(root) ?? [];
    const parent = i % 7 === 0 && earlier.length ? earlier[Math.floor(rand() * earlier.length)]! : root;
    const parentAge = (nowMs - Date.parse(parent.versions[0]!.createdAt)) / DAY;
    const daysAgo = Math.max(1 / 86400, parentAge * (0.05 + 0.9 * rand()));
    const reply = b.tweet({ author: people[Math.floor(rand() * people.length)]!, daysAgo: Math.min(daysAgo, parentAge - 1 / 86400), text: `Reactie ${i}: goed bericht, dank!`, replyTo: parent });
    earlier.push(reply);
    byThread.set(root, earlier);
  }

  // The next day.
  const fresh = b.tweet({ author: own, daysAgo: -0.3, text: 'Nieuw bericht van vandaag.', nextDay: true });
  b.tweet({ author: people[0]!, daysAgo: -0.2, text: 'Eerste!', replyTo: fresh, nextDay: true });
  b.tweet({ author: own, daysAgo: -0.4, text: 'Nog een nieuw bericht.', nextDay: true });
  if (posts.length) {
    b.tweet({ author: people[1]!, daysAgo: -0.1, text: 'Late reactie.', replyTo: posts[posts.length - 1]!, nextDay: true });
    const recent = b.tweet({ author: own, daysAgo: 5 / 1440, text: 'Bericht met een tikfout.' });
    b.edit(recent, 10, 'Bericht zonder tikfout.', { nextDay: true });
  }
  if (posts.length > 2) b.deleteNextDay(posts[Math.floor(posts.length / 2)]!, -0.05);
  return ds;
}
