// Generated data for benchmarks: one municipality with many posts and third-party replies spread
// over its threads (a few busy ones, some nested), Dutch text from small word lists, all from a seed.
import type { ImageFormat } from '../../mastodon/fake/images.js';
import { BlueskyBuilder } from './builder.js';
import { rng, type Rng } from './ids.js';
import type { BlueskyDataset, FakeActor, FakePost } from './store.js';

export interface SyntheticOptions {
  posts: number;
  replies: number;
  seed: number;
  /** Every n-th post carries an image (0 or absent: none); images come from a pool of 16 per format. */
  mediaEvery?: number;
  /** Default `voorbeeldstad.nl`. */
  handle?: string;
  /** "Today" of the data; default 2026-06-01T06:00:00.000Z. */
  now?: string;
}

const DAY_MS = 86_400_000;
const FIRST = ['Anna', 'Bram', 'Chantal', 'Daan', 'Emma', 'Femke', 'Gert', 'Hanna', 'Ilse', 'Joris', 'Karin', 'Lars', 'Mila', 'Noah', 'Olga', 'Pieter', 'Roos', 'Sem', 'Tess', 'Youssef'];
const SUBJECTS = ['De Stationsweg', 'Het Wilhelminapark', 'De weekmarkt', 'De bibliotheek', 'Het zwembad', 'De milieustraat', 'Sportpark De Meent', 'De Markt', 'De fietsbrug', 'Het gemeentehuis'];
const EVENTS = ['is tijdelijk gesloten', 'gaat open', 'krijgt een opknapbeurt', 'heeft nieuwe openingstijden', 'is vandaag extra druk', 'wordt feestelijk geopend'];
const CLOSERS = ['Meer informatie op onze website.', 'Vragen? Bel 14 0555.', 'Dank voor uw begrip.', 'Tot ziens! 👋', 'Houd rekening met omleidingen.'];
const TAGS = ['voorbeeldstad', 'werkzaamheden', 'afval', 'verkeer', 'evenement', 'groen', 'wonen'];
const REPLIES = ['Dank voor de informatie!', 'Wanneer is dit klaar?', 'Goed nieuws, eindelijk. 👍', 'Is dit ook in het weekend?', 'Dat werd tijd.', 'Hoe zit het met parkeren?', 'Geldt dit ook voor Noord?', 'Top, fijn dat jullie dit delen.'];
const FORMATS: ImageFormat[] = ['jpeg', 'png', 'webp'];

export function blueskySyntheticDataset(o: SyntheticOptions): BlueskyDataset {
  if (!Number.isInteger(o.posts) || o.posts < 1) throw new Error('blueskySyntheticDataset: posts must be a positive integer');
  if (!Number.isInteger(o.replies) || o.replies < 0) throw new Error('blueskySyntheticDataset: replies must be a non-negative integer');
  const now = Date.parse(o.now ?? '2026-06-01T06:00:00.000Z');
  const r = rng(o.seed);
  const b = new BlueskyBuilder(`bluesky-synthetic-${o.seed}`, { now: new Date(now).toISOString(), nextDayNow: new Date(now + DAY_MS).toISOString() });
  const me = b.actor({ handle: o.handle ?? 'voorbeeldstad.nl', displayName: 'Gemeente Voorbeeldstad', createdOn: '2024-11-12', avatar: 'png', banner: 'jpeg', followers: 10_000 });
  const authors: FakeActor[] = Array.from({ length: Math.min(500, Math.max(20, Math.ceil(o.replies / 20))) }, (_, i) =>
    b.actor({ handle: `${FIRST[i % FIRST.length]!.toLowerCase()}${i}.bsky.social`, displayName: `${FIRST[i % FIRST.length]} ${i}`, createdOn: '2024-12-01' }),
  );
  const posts: FakePost[] = [];
  const step = 3 * 3_600_000;
  for (let i = 0; i < o.posts; i++) {
    const at = now - 3_600_000 - (o.posts - 1 - i) * step - r.int(3_600_000);
    const withMedia = o.mediaEvery !== undefined && o.mediaEvery > 0 && i % o.mediaEvery === 0;
    posts.push(
      b.post({
        key: `p${i}`,
        by: me,
        at: new Date(at).toISOString(),
        text: postText(r),
        images: withMedia ? [{ format: FORMATS[i % FORMATS.length]!, seed: i % 16, alt: 'Foto bij het bericht' }] : [],
      }),
    );
  }
  const hot = Array.from({ length: Math.max(1, Math.ceil(o.posts / 100)) }, () => r.int(o.posts));
  const threads = new Map<number, FakePost[]>();
  for (let k = 0; k < o.replies; k++) {
    const index = r.chance(0.3) ? r.pick(hot) : r.int(o.posts);
    const root = posts[index]!;
    const thread = threads.get(index) ?? [];
    const parent = thread.length > 0 && r.chance(0.15) ? r.pick(thread) : root;
    const from = Date.parse(parent.createdAt) + 1000;
    const at = from + r.int(Math.max(1000, Math.min(3 * DAY_MS, now - from - 1000)));
    thread.push(b.post({ key: `r${k}`, by: r.pick(authors), replyTo: parent, at: new Date(at).toISOString(), text: [r.pick(REPLIES)] }));
    threads.set(index, thread);
  }
  // The next day: a few posts and replies, an overwrite and a deletion.
  for (let i = 0; i < Math.max(1, Math.floor(o.posts / 1000)); i++) {
    b.nextDayPost({ key: `next-p${i}`, by: me, at: new Date(now + 3_600_000 + i * 60_000).toISOString(), text: postText(r) });
  }
  for (let k = 0; k < Math.max(1, Math.floor(o.replies / 1000)); k++) {
    const parent = posts[o.posts - 1 - r.int(Math.min(o.posts, 50))]!;
    b.nextDayPost({ key: `next-r${k}`, by: r.pick(authors), replyTo: parent, at: new Date(now + 7_200_000 + k * 1000).toISOString(), text: [r.pick(REPLIES)] });
  }
  b.nextDayRewrite(posts[posts.length - 1]!, new Date(now + 3_600_000).toISOString(), [...postText(r), ' (aangepast)']);
  const quiet = posts.findIndex((_, i) => i < posts.length - 1 && !threads.has(i));
  if (quiet >= 0) b.nextDayDelete(posts[quiet]!);
  return b.ds;
}

function postText(r: Rng): [string, { tag: string }] {
  return [`${r.pick(SUBJECTS)} ${r.pick(EVENTS)}. ${r.pick(CLOSERS)} `, { tag: r.pick(TAGS) }];
}
