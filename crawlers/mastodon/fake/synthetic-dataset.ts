// Generated data for benchmarks: one account with many posts and third-party replies spread over
// its threads (a few busy ones, some nested), Dutch text from small word lists, all from a seed.
import { DatasetBuilder } from './builder.js';
import { rng, type Rng } from './ids.js';
import type { ImageFormat } from './images.js';
import type { FakeAccount, FakeDataset, FakeStatus } from './store.js';

export interface SyntheticOptions {
  /** Posts by the account. */
  statuses: number;
  /** Third-party replies spread over the posts' threads. */
  replies: number;
  seed: number;
  /** Every n-th post carries an image (0 or absent: none). */
  mediaEvery?: number;
  /** Default `voorbeeldstad`. */
  accountAcct?: string;
  /** "Today" of the data; default 2026-06-01T06:00:00.000Z. */
  now?: string;
}

const DAY_MS = 86_400_000;
const FIRST = ['Anna', 'Bram', 'Chantal', 'Daan', 'Emma', 'Femke', 'Gert', 'Hanna', 'Ilse', 'Joris', 'Karin', 'Lars', 'Mila', 'Noah', 'Olga', 'Pieter', 'Roos', 'Sem', 'Tess', 'Youssef'];
const LAST = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Peters', 'Hendriks'];
const DOMAINS = ['mastodon.social', 'mastodon.nl', 'toot.community', 'mstdn.social', 'todon.nl', 'social.tchncs.de'];
const SUBJECTS = ['de Stationsweg', 'het Wilhelminapark', 'de weekmarkt', 'de bibliotheek', 'het zwembad', 'de milieustraat', 'sportpark De Meent', 'de Markt', 'de fietsbrug', 'het gemeentehuis'];
const EVENTS = ['is tijdelijk gesloten', 'gaat open', 'krijgt een opknapbeurt', 'heeft nieuwe openingstijden', 'is vandaag extra druk', 'wordt feestelijk geopend'];
const CLOSERS = ['Meer informatie op onze website.', 'Vragen? Bel 14 0555.', 'Dank voor uw begrip.', 'Tot ziens!', 'Houd rekening met omleidingen.'];
const TAGS = ['voorbeeldstad', 'werkzaamheden', 'afval', 'verkeer', 'evenement', 'groen', 'wonen'];
const REPLIES = [
  'Dank voor de informatie!',
  'Wanneer is dit klaar?',
  'Goed nieuws, eindelijk.',
  'Is dit ook in het weekend?',
  'Dat werd tijd.',
  'Hoe zit het met parkeren?',
  'Kunnen jullie dit ook op de website zetten?',
  'Super, wij komen zeker kijken.',
  'Jammer dat het zo lang duurt.',
  'Geldt dit ook voor Noord?',
  'Top, fijn dat jullie dit delen.',
  'Waar kan ik meer lezen?',
];
const FORMATS: ImageFormat[] = ['jpeg', 'png', 'webp'];

export function syntheticDataset(o: SyntheticOptions): FakeDataset {
  if (!Number.isInteger(o.statuses) || o.statuses < 1) throw new Error('syntheticDataset: statuses must be a positive integer');
  if (!Number.isInteger(o.replies) || o.replies < 0) throw new Error('syntheticDataset: replies must be a non-negative integer');
  const now = Date.parse(o.now ?? '2026-06-01T06:00:00.000Z');
  if (Number.isNaN(now)) throw new Error(`syntheticDataset: invalid "now" ${String(o.now)}`);
  const r = rng(o.seed);
  const b = new DatasetBuilder(`synthetic-${o.seed}`, { now: new Date(now).toISOString(), nextDayNow: new Date(now + DAY_MS).toISOString() });
  const me = b.account({
    username: o.accountAcct ?? 'voorbeeldstad',
    displayName: 'Gemeente Voorbeeldstad',
    createdOn: '2020-01-01',
    note:
      '<p>Dit is het officiële account van de gemeente Voorbeeldstad. Wij reageren hier niet op formele verzoeken, ' +
      'bezwaren of klachten; gebruik daarvoor www.voorbeeldstad.nl/contact.</p>',
    avatar: { format: 'png' },
    header: { format: 'jpeg' },
    followers: 10_000,
  });
  const authors = makeAuthors(b, r, Math.min(500, Math.max(20, Math.ceil(o.replies / 20))));

  // Posts every ~3 hours, ending an hour before "now".
  const posts: FakeStatus[] = [];
  const step = 3 * 3_600_000;
  for (let i = 0; i < o.statuses; i++) {
    const at = now - 3_600_000 - (o.statuses - 1 - i) * step - r.int(3_600_000);
    const withMedia = o.mediaEvery !== undefined && o.mediaEvery > 0 && i % o.mediaEvery === 0;
    posts.push(
      b.status({
        key: `p${i}`,
        by: me,
        at: new Date(at).toISOString(),
        text: postText(r),
        media: withMedia ? [{ format: FORMATS[i % FORMATS.length] as ImageFormat, seed: i % 16, description: 'Foto bij het bericht' }] : [],
      }),
    );
  }

  // A few busy threads draw a third of the replies; one in seven replies answers another reply.
  const hot = Array.from({ length: Math.max(1, Math.ceil(o.statuses / 100)) }, () => r.int(o.statuses));
  const threads = new Map<number, FakeStatus[]>();
  for (let k = 0; k < o.replies; k++) {
    const postIndex = r.chance(0.3) ? r.pick(hot) : r.int(o.statuses);
    const root = posts[postIndex] as FakeStatus;
    const thread = threads.get(postIndex) ?? [];
    const parent = thread.length > 0 && r.chance(0.15) ? r.pick(thread) : root;
    const reply = b.status({
      key: `r${k}`,
      by: r.pick(authors),
      replyTo: parent,
      at: new Date(replyTime(r, parent, now)).toISOString(),
      text: r.pick(REPLIES),
    });
    thread.push(reply);
    threads.set(postIndex, thread);
  }

  // The next day: a few posts and replies, one edit, one deletion.
  const nextDay = new Date(now + 3_600_000).toISOString();
  for (let i = 0; i < Math.max(1, Math.floor(o.statuses / 1000)); i++) {
    b.nextDayStatus({ key: `next-p${i}`, by: me, at: new Date(now + 3_600_000 + i * 60_000).toISOString(), text: postText(r) });
  }
  for (let k = 0; k < Math.max(1, Math.floor(o.replies / 1000)); k++) {
    const parent = posts[o.statuses - 1 - r.int(Math.min(o.statuses, 50))] as FakeStatus;
    b.nextDayStatus({ key: `next-r${k}`, by: r.pick(authors), replyTo: parent, at: new Date(now + 7_200_000 + k * 1000).toISOString(), text: r.pick(REPLIES) });
  }
  const last = posts[posts.length - 1] as FakeStatus;
  b.nextDayEdit(last, nextDay, `${postText(r)} (aangepast)`);
  // Delete a post nobody replied to, so no thread loses its replies.
  const quiet = posts.findIndex((_, i) => i < posts.length - 1 && !threads.has(i));
  if (quiet >= 0) b.nextDayDelete(posts[quiet] as FakeStatus);
  return b.ds;
}

function makeAuthors(b: DatasetBuilder, r: Rng, n: number): FakeAccount[] {
  const out: FakeAccount[] = [];
  for (let i = 0; i < n; i++) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const remote = i % 2 === 0;
    out.push(
      b.account({
        username: `${first.toLowerCase()}${i}`,
        domain: remote ? r.pick(DOMAINS) : null,
        displayName: `${first} ${last}`,
        createdOn: `20${18 + (i % 7)}-0${1 + (i % 9)}-1${i % 10}`,
        remoteStatusesCount: remote ? 100 + r.int(5000) : 0,
      }),
    );
  }
  return out;
}

function postText(r: Rng): string {
  return `${r.pick(SUBJECTS).replace(/^./, (c) => c.toUpperCase())} ${r.pick(EVENTS)}. ${r.pick(CLOSERS)} #${r.pick(TAGS)}`;
}

/** A moment after the parent, at most three days later and before "now". */
function replyTime(r: Rng, parent: FakeStatus, now: number): number {
  const from = Date.parse(parent.createdAt) + 1000;
  const room = Math.max(1000, Math.min(3 * DAY_MS, now - from - 1000));
  return from + r.int(room);
}
