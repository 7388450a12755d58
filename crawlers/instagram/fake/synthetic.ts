// Generated Instagram data for benchmarks: `media` posts (every tenth a carousel of three) every
// ~3 hours back from now and `comments` comments, a third on 1 % busy posts, one in seven a reply;
// pictures from a pool of 16. A next day brings a post, a comment, a caption edit and a deletion.
import { seeded } from '../../meta-graph/fake/random.js';
import { InstagramDataset, type IgFakeComment, type IgFakeMedia } from './dataset.js';

export interface IgSyntheticOptions {
  media: number;
  comments: number;
  seed: number;
  now?: string;
}

export function syntheticInstagramDataset(o: IgSyntheticOptions): InstagramDataset {
  const rnd = seeded(o.seed);
  const now = Date.parse(o.now ?? new Date().toISOString());
  const ds = new InstagramDataset(`synthetic-${o.seed}`, new Date(now).toISOString(), {
    username: 'gemeentevoorbeeldstad',
    name: 'Gemeente Voorbeeldstad',
    biography: 'Officieel account van de gemeente Voorbeeldstad.',
    website: 'https://www.voorbeeldstad.nl',
    followers: 5000,
    follows: 100,
  });
  const media: IgFakeMedia[] = [];
  for (let i = 0; i < o.media; i++) {
    const at = new Date(now - (i + 1) * 3 * 3_600_000 - Math.floor(rnd() * 3_000_000)).toISOString();
    const pictures = Array.from({ length: i % 10 === 0 ? 3 : 1 }, (_, k) => ({ seed: (i + k) % 16 }));
    media.push(ds.addMedia({ key: `m${i}`, at, caption: `Foto ${i} uit Voorbeeldstad #voorbeeldstad`, pictures }));
  }
  const busy = media.slice(0, Math.max(1, Math.floor(media.length / 100)));
  const tops = new Map<string, IgFakeComment[]>();
  for (let j = 0; j < o.comments && media.length > 0; j++) {
    const m = rnd() < 1 / 3 ? busy[Math.floor(rnd() * busy.length)]! : media[Math.floor(rnd() * media.length)]!;
    const list = tops.get(m.id) ?? [];
    const replyTo = list.length > 0 && rnd() < 1 / 7 ? list[Math.floor(rnd() * list.length)] : undefined;
    const at = new Date(Date.parse(m.createdAt) + (j % 997) * 60_000 + 60_000).toISOString();
    const c = ds.addComment(m, { key: `c${j}`, by: ds.user(`inwoner_${j % 500}`), at, text: `Reactie ${j} 👍`, replyTo });
    if (!replyTo) tops.set(m.id, [...list, c]);
  }
  ds.onNextDay(() => {
    const tomorrow = (h: number) => new Date(now + h * 3_600_000).toISOString();
    const fresh = ds.addMedia({ key: 'next/1', at: tomorrow(20), caption: 'Nieuw van morgen' });
    ds.addComment(fresh, { key: 'next/c1', by: ds.user('inwoner_1'), at: tomorrow(21), text: 'Mooi!' });
    if (media[1]) ds.editCaption(media[1], `${media[1].caption ?? ''} (aangepast)`);
    if (media[2]) ds.deleteMedia(media[2]);
  });
  return ds;
}
