import { createHash } from 'node:crypto';
import type { ExportArchive } from '../../../src/capture/export-archive.js';
import type { ExportImporter, ImportContext } from '../../../src/capture/importer.js';
import { UserError } from '../../../src/domain/errors.js';
import type { CaptureBatch, ItemObservation, MediaObservation } from '../../../src/domain/types.js';
import { compareIds } from '../ids.js';
import { archiveMediaName, planImport, THIRD_PARTY_NOTE, type ArchivedPost } from './observe.js';
import { ArchiveAccount, archiveDate, ArchiveTweet, archiveItemId } from './schema.js';
import { parseYtd } from './ytd.js';

// The owner's X account archive (a zip as X delivers it, or re-zipped with one folder around it):
// `data/account.js`, `data/profile.js`, `data/tweets.js` (+ `tweets-part1.js`, …; `tweet.js` in
// older archives), `data/deleted-tweets.js`, media in `data/tweets_media/<tweet id>-<name>`.

/** One data file of an archive can be large; X splits big ones into parts well below this. */
const MAX_DATA_FILE = 256 * 1024 * 1024;
const MAX_SMALL_FILE = 4 * 1024 * 1024;

interface Layout {
  /** `''`, or the one folder around `data/`. */
  prefix: string;
  account: string;
  profile?: string | undefined;
  tweets: string[];
  deleted: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function layoutOf(archive: ExportArchive): Layout | undefined {
  const account = archive.entries.find((e) => /^(?:[^/]+\/)?data\/account\.js$/.test(e.name))?.name;
  if (!account) return undefined;
  const prefix = account.slice(0, -'data/account.js'.length);
  const parts = (names: string) => {
    const re = new RegExp(`^${escape(prefix)}data/(?:${names})(?:-part(\\d{1,4}))?\\.js$`);
    return archive.entries
      .map((e) => ({ name: e.name, m: re.exec(e.name) }))
      .filter((x) => x.m)
      .sort((a, b) => Number(a.m![1] ?? 0) - Number(b.m![1] ?? 0))
      .map((x) => x.name);
  };
  const tweets = parts('tweets|tweet');
  if (tweets.length === 0) return undefined;
  const profile = `${prefix}data/profile.js`;
  return { prefix, account, profile: archive.has(profile) ? profile : undefined, tweets, deleted: parts('deleted-tweets|deleted-tweet') };
}

const refuse = (file: string, what: string) => new UserError('x-archive.invalid', `${file}: ${what}; nothing was imported`);

export class XArchiveImporter implements ExportImporter {
  readonly platform = 'x' as const;
  readonly name = 'X account archive';

  recognises(archive: ExportArchive): boolean {
    return layoutOf(archive) !== undefined;
  }

  async read(ctx: ImportContext): Promise<CaptureBatch> {
    const { archive } = ctx;
    const layout = layoutOf(archive)!;
    const account = await this.readAccount(archive, layout.account);
    const handle = ctx.account.handle.replace(/^@/, '');
    if (account.parsed.username.toLowerCase() !== handle.toLowerCase()) {
      throw new UserError(
        'x-archive.other-account',
        `${archive.file} is the archive of @${account.parsed.username} (id ${account.parsed.accountId}), not of @${handle} (${ctx.account.id}); nothing was imported`,
      );
    }

    ctx.progress('reading', layout.tweets.join(', '));
    const posts: ArchivedPost[] = [];
    for (const file of layout.tweets) posts.push(...(await this.readPosts(archive, file, false)));
    for (const file of layout.deleted) posts.push(...(await this.readPosts(archive, file, true)));
    const ids = new Set<string>();
    for (const p of posts) {
      ids.add(archiveItemId(p.tweet));
      if (p.tweet.in_reply_to_status_id_str) ids.add(p.tweet.in_reply_to_status_id_str);
    }
    const known = await ctx.state.getItems([...ids].sort(compareIds));
    const plan = planImport(posts, account, known);

    ctx.progress('media', `${plan.media.length} media items`);
    const folders = ['tweets_media', 'tweet_media', 'deleted_tweets_media'].map((f) => `${layout.prefix}data/${f}/`);
    let missing = 0;
    for (const m of plan.media) {
      ctx.signal.throwIfAborted();
      const name = archiveMediaName(m.versionId, m.media);
      const entry = name ? folders.map((f) => f + name).find((e) => archive.has(e)) : undefined;
      if (entry) m.observation.file = await ctx.storeEntry(entry);
      else {
        missing++;
        m.observation.error = `not in the archive (expected ${name ? `data/tweets_media/${name}` : 'a file named after the post and the media URL'}); the original is at ${m.observation.url}`;
      }
    }
    const profile = await this.readProfile(ctx, layout, account);
    ctx.log.info(
      { posts: plan.batch.items.length, deleted: plan.batch.deletions.length, media: plan.media.length, mediaMissing: missing, threads: plan.batch.threadsChecked.length, note: THIRD_PARTY_NOTE },
      'X account archive read',
    );
    return { ...plan.batch, items: profile ? [profile, ...plan.batch.items] : plan.batch.items };
  }

  private async readAccount(archive: ExportArchive, file: string): Promise<{ parsed: ArchiveAccount; raw: unknown }> {
    const { entries } = parseYtd((await archive.read(file, MAX_SMALL_FILE)).toString('utf8'), file);
    const raw = (entries[0] as { account?: unknown } | undefined)?.account;
    const r = ArchiveAccount.safeParse(raw);
    if (!r.success) throw refuse(file, `the account is not described as an X archive describes it (${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message})`);
    return { parsed: r.data, raw };
  }

  /** Every entry is checked before anything is imported: one bad post refuses the archive, with where it is. */
  private async readPosts(archive: ExportArchive, file: string, deleted: boolean): Promise<ArchivedPost[]> {
    const { entries } = parseYtd((await archive.read(file, MAX_DATA_FILE)).toString('utf8'), file);
    return entries.map((entry, i) => {
      const raw = (entry as { tweet?: unknown } | null)?.tweet;
      const r = ArchiveTweet.safeParse(raw);
      if (!r.success) throw refuse(file, `entry ${i} is not a post as the X archive writes them (${r.error.issues[0]?.path.join('.') || '(root)'}: ${r.error.issues[0]?.message})`);
      if (!archiveDate(r.data.created_at)) throw refuse(file, `entry ${i} (${r.data.id_str}) has created_at "${r.data.created_at.slice(0, 40)}", which is not a date`);
      return { tweet: r.data, raw, file: file.slice(file.lastIndexOf('data/')), deleted };
    });
  }

  /** The profile as the archive describes it, as a version of the account's profile item. */
  private async readProfile(ctx: ImportContext, layout: Layout, account: { parsed: ArchiveAccount; raw: unknown }): Promise<ItemObservation | undefined> {
    if (!layout.profile) return undefined;
    const { entries } = parseYtd((await ctx.archive.read(layout.profile, MAX_SMALL_FILE)).toString('utf8'), layout.profile);
    const profile = (entries[0] as { profile?: unknown } | undefined)?.profile;
    if (!profile || typeof profile !== 'object') return undefined;
    const payload = JSON.stringify({ account: account.raw, profile });
    const versionKey = `sha256:${createHash('sha256').update(payload).digest('hex')}`;
    const pid = `user:${account.parsed.accountId}`;
    const known = (await ctx.state.getItems([pid])).get(pid);
    const media: MediaObservation[] = [];
    const avatar = (profile as { avatarMediaUrl?: unknown }).avatarMediaUrl;
    if (!known?.versionKeys.includes(versionKey) && typeof avatar === 'string') {
      const base = avatar.slice(avatar.lastIndexOf('/') + 1);
      const entry = `${layout.prefix}data/profile_media/${account.parsed.accountId}-${base}`;
      const ok = /^[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9]{2,5}$/.test(base) && ctx.archive.has(entry);
      media.push({ platformId: 'profile_image', type: 'avatar', url: avatar, ...(ok ? { file: await ctx.storeEntry(entry) } : { error: 'not in the archive (data/profile_media/)' }) });
    }
    return {
      kind: 'profile',
      platformId: pid,
      uri: `https://x.com/i/user/${account.parsed.accountId}`,
      url: `https://x.com/${account.parsed.username}`,
      author: { id: account.parsed.accountId, handle: account.parsed.username, displayName: account.parsed.accountDisplayName || undefined },
      thirdParty: false,
      publishedAt: (account.parsed.createdAt && archiveDate(account.parsed.createdAt)) || ctx.now().toISOString(),
      versions: [{ versionKey, versionAt: ctx.now().toISOString(), source: 'archive', payload, media }],
    };
  }
}
