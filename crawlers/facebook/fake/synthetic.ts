// Generated Page data for benchmarks: `posts` posts every ~3 hours back from now and `comments`
// comments, a third of them on 1 % busy posts, one in seven a reply; photos from a pool of 16, so
// bytes are shared. A next day brings a few posts and comments, an edit and a deletion.
import { seeded } from '../../meta-graph/fake/random.js';
import { FacebookDataset, type FbFakeComment, type FbFakePost } from './dataset.js';

export interface FbSyntheticOptions {
  posts: number;
  comments: number;
  seed: number;
  /** Every n-th post has a photo (0: none); default 25. */
  photoEvery?: number;
  now?: string;
}

export function syntheticFacebookDataset(o: FbSyntheticOptions): FacebookDataset {
  const rnd = seeded(o.seed);
  const now = Date.parse(o.now ?? new Date().toISOString());
  const ds = new FacebookDataset(`synthetic-${o.seed}`, new Date(now).toISOString(), {
    username: 'gemeentevoorbeeldstad',
    name: 'Gemeente Voorbeeldstad',
    about: 'Officiële pagina van de gemeente Voorbeeldstad.',
    description: 'Nieuws uit Voorbeeldstad.',
    category: 'Overheidsorganisatie',
    website: 'https://www.voorbeeldstad.nl',
    phone: '14 0555',
    emails: ['info@voorbeeldstad.nl'],
    address: 'Raadhuisplein 1, 1234 AA Voorbeeldstad',
    fans: 10_000,
    followers: 11_000,
  });
  const every = o.photoEvery ?? 25;
  const posts: FbFakePost[] = [];
  for (let i = 0; i < o.posts; i++) {
    const at = new Date(now - (i + 1) * 3 * 3_600_000 - Math.floor(rnd() * 3_000_000)).toISOString();
    posts.push(ds.addPost({ key: `p${i}`, at, message: `Bericht ${i} van de gemeente over ${['wegwerkzaamheden', 'afval', 'evenementen', 'de gemeenteraad'][i % 4]}.`, photos: every > 0 && i % every === 0 ? [{ seed: i % 16 }] : [] }));
  }
  const busy = posts.slice(0, Math.max(1, Math.floor(posts.length / 100)));
  const tops = new Map<string, FbFakeComment[]>();
  for (let j = 0; j < o.comments && posts.length > 0; j++) {
    const post = rnd() < 1 / 3 ? busy[Math.floor(rnd() * busy.length)]! : posts[Math.floor(rnd() * posts.length)]!;
    const list = tops.get(post.id) ?? [];
    const replyTo = list.length > 0 && rnd() < 1 / 7 ? list[Math.floor(rnd() * list.length)] : undefined;
    const at = new Date(Date.parse(post.createdAt) + (j % 997) * 60_000 + 60_000).toISOString();
    const c = ds.addComment(post, { key: `c${j}`, by: ds.user(`Inwoner ${j % 500}`), at, message: `Reactie ${j}: dank voor de informatie.`, replyTo });
    if (!replyTo) tops.set(post.id, [...list, c]);
  }
  ds.onNextDay(() => {
    const tomorrow = (h: number) => new Date(now + h * 3_600_000).toISOString();
    const fresh = ds.addPost({ key: 'next/1', at: tomorrow(20), message: 'Nieuw bericht van morgen.' });
    ds.addComment(fresh, { key: 'next/c1', by: ds.user('Inwoner 1'), at: tomorrow(21), message: 'Eerste reactie.' });
    if (posts[1]) ds.editPost(posts[1], `${posts[1].message ?? ''} (aangepast)`, tomorrow(19));
    if (posts[2]) ds.deletePost(posts[2]);
  });
  return ds;
}
