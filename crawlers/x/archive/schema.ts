// The X account archive ("Download an archive of your data"): what its files hold, as zod schemas
// read loosely (unknown fields are kept in the stored payload), and the small facts both the
// importer and the normaliser need. Every number in the archive is a string, ids included; dates
// are in the v1.1 form `Sat Feb 18 12:33:11 +0000 2023`. Layout: shared/reference/platforms.md §3.7.
import { z } from 'zod';
import { isId } from '../ids.js';
import { originalUrl } from '../observe.js';

const nullish = <T extends z.ZodType>(t: T) => t.nullish();
/** A count or index: a string of digits in the archive, a number elsewhere. */
const numberish = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(v).slice(0, 40)}` });
    return z.NEVER;
  }
  return n;
});
const id = z.string().refine(isId, { message: 'not an X id (digits only)' });

export const ArchiveMedia = z.looseObject({
  id_str: id,
  type: z.string(),
  media_url_https: z.string(),
  /** The t.co link in the text. */
  url: nullish(z.string()),
  expanded_url: nullish(z.string()),
  display_url: nullish(z.string()),
  ext_alt_text: nullish(z.string()),
  sizes: nullish(z.looseObject({ large: nullish(z.looseObject({ w: numberish, h: numberish })) })),
  video_info: nullish(
    z.looseObject({
      duration_millis: nullish(numberish),
      variants: z.array(z.looseObject({ bitrate: nullish(numberish), content_type: z.string(), url: z.string() })).default([]),
    }),
  ),
});
export type ArchiveMedia = z.infer<typeof ArchiveMedia>;

const EditIds = z.looseObject({ editTweetIds: z.array(id).min(1) });

export const ArchiveTweet = z.looseObject({
  id_str: id,
  full_text: z.string(),
  created_at: z.string(),
  lang: nullish(z.string()),
  source: nullish(z.string()),
  possibly_sensitive: nullish(z.boolean()),
  in_reply_to_status_id_str: nullish(id),
  in_reply_to_user_id_str: nullish(id),
  in_reply_to_screen_name: nullish(z.string()),
  quoted_status_id_str: nullish(id),
  favorite_count: nullish(numberish),
  retweet_count: nullish(numberish),
  entities: z
    .looseObject({
      hashtags: z.array(z.looseObject({ text: z.string() })).default([]),
      user_mentions: z.array(z.looseObject({ screen_name: z.string(), id_str: nullish(z.string()), name: nullish(z.string()) })).default([]),
      urls: z.array(z.looseObject({ url: z.string(), expanded_url: nullish(z.string()), display_url: nullish(z.string()) })).default([]),
      media: nullish(z.array(ArchiveMedia)),
    })
    .prefault({}),
  extended_entities: nullish(z.looseObject({ media: z.array(ArchiveMedia).default([]) })),
  edit_info: nullish(
    z.looseObject({
      initial: nullish(EditIds),
      edit: nullish(z.looseObject({ initialTweetId: id, editControlInitial: nullish(EditIds) })),
    }),
  ),
  /** Only in `deleted-tweets.js`. */
  deleted_at: nullish(z.string()),
});
export type ArchiveTweet = z.infer<typeof ArchiveTweet>;

/** `data/account.js`: the account the archive belongs to. */
export const ArchiveAccount = z.looseObject({
  accountId: id,
  username: z.string().regex(/^[A-Za-z0-9_]{1,50}$/, 'not an X username'),
  accountDisplayName: nullish(z.string()),
  createdAt: nullish(z.string()),
});
export type ArchiveAccount = z.infer<typeof ArchiveAccount>;

/** What the importer stores per version: the archive's own entry and the account it belongs to. */
export const ArchivePayload = z.looseObject({
  tweet: ArchiveTweet,
  account: ArchiveAccount,
});

/** The edit chain of an archived post, oldest first (just its own id when it was never edited). */
export function editChain(t: ArchiveTweet): string[] {
  return t.edit_info?.initial?.editTweetIds ?? t.edit_info?.edit?.editControlInitial?.editTweetIds ?? [t.id_str];
}

/** The item an archived post belongs to: the first id of its edit chain, as the API names it. */
export function archiveItemId(t: ArchiveTweet): string {
  return t.edit_info?.edit?.initialTweetId ?? editChain(t)[0] ?? t.id_str;
}

/** Retweets are archived as text starting `RT @user:`, without the retweeted post. */
export const isArchivedRetweet = (t: ArchiveTweet): boolean => /^RT @[A-Za-z0-9_]{1,15}:/.test(t.full_text);

/** The media of an archived post (`extended_entities` lists all of them, `entities` only the first). */
export const archivedMedia = (t: ArchiveTweet): ArchiveMedia[] => t.extended_entities?.media ?? t.entities.media ?? [];

const KEY_PREFIX: Record<string, string> = { photo: '3', video: '7', animated_gif: '16' };

/** The API's `media_key` of an archived media item: its type's number and its id. */
export const archiveMediaKey = (m: ArchiveMedia): string => `${KEY_PREFIX[m.type] ?? '3'}_${m.id_str}`;

/** Where the API route downloads the original from, so both routes name the same file the same way. */
export function archiveMediaUrl(m: ArchiveMedia): string {
  const variants = (m.video_info?.variants ?? []).map((v) => ({ bit_rate: v.bitrate ?? undefined, content_type: v.content_type, url: v.url }));
  return originalUrl({ type: m.type, url: m.media_url_https, variants }) ?? m.media_url_https;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Sat Feb 18 12:33:11 +0000 2023` → `2023-02-18T12:33:11.000Z`; ISO input passes; anything else is undefined. */
export function archiveDate(s: string): string | undefined {
  const m = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(s.trim());
  if (m) {
    const month = MONTHS.indexOf(m[1]!);
    const [year, day] = [Number(m[9]), Number(m[2])];
    if (month < 0 || new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return undefined;
    if (Number(m[3]) > 23 || Number(m[4]) > 59 || Number(m[5]) > 60) return undefined;
    const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8])) * 60_000;
    return new Date(Date.UTC(year, month, day, Number(m[3]), Number(m[4]), Number(m[5])) - offset).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s.trim())) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  return undefined;
}
