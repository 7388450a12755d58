import { UserError } from '../../src/domain/errors.js';
import type { ExportArchive } from '../../src/capture/export-archive.js';
import type { ExportImporter, ImportContext } from '../../src/capture/importer.js';
import type { CaptureBatch, ItemObservation, KnownItem } from '../../src/domain/types.js';
import { CURSOR, isExportId } from '../meta-graph/account-crawl.js';
import { contentKey, mediaKindOf, type ContentFields } from '../meta-graph/content-key.js';
import { ExportMatcher, ExportMedia, findParts, isoFromUnix, readExportJson } from '../meta-graph/export-import.js';
import { fbCommentUri, fbPostUri } from './observe.js';

// The Page's "Download your information" export (JSON), platforms.md §4.5. Layouts differ by year
// and by profile kind; the files are found by name, under any top folder:
//   this_profile's_activity_across_facebook/posts/profile_posts_1.json   (Pages, New Pages Experience)
//   your_facebook_activity/posts/profile_posts_1.json                     (profiles, 2024–)
//   posts/your_posts_1.json                                               (older exports)
// with comments in …/comments_and_reactions/comments.json (`comments_v2`) and media paths relative
// to the export's root. Text is repaired (mojibake, ../meta-graph/mojibake.ts); the payload keeps
// the entry as it stands in the file.

const POSTS = /^(.*?)(?:(?:this_profile's_activity_across_facebook|your_facebook_activity)\/)?posts\/(?:profile_posts|your_posts)_(\d+)\.json$/;
const COMMENTS = /^(.*?)(?:(?:this_profile's_activity_across_facebook|your_facebook_activity)\/)?comments(?:_and_reactions)?\/comments(?:_(\d+))?\.json$/;
const PROFILE = /(?:^|\/)profile_information\.json$/;

/** What an imported version stores: the export entry as it stands, with where it came from and what it became. */
export interface FacebookExportPayload {
  export: 'facebook';
  file: string;
  index: number;
  kind: 'post' | 'comment';
  id: string;
  uri: string;
  owner: { id: string; name: string };
  entry: unknown;
}

export const fbExportUri = (ownerId: string, id: string): string => `urn:socialarchive:facebook-export:${ownerId}:${id}`;

/** The URI the item has in the archive: the API's for items the API captured, ours for export-only ones. */
function uriOf(ownerId: string, id: string, known: KnownItem | undefined): string {
  if (!known || isExportId(id)) return fbExportUri(ownerId, id);
  return known.kind === 'reply' && known.threadRootPlatformId ? fbCommentUri(known.threadRootPlatformId, id) : fbPostUri(id);
}

interface ExportAttachmentData {
  media?: { uri?: unknown };
  external_context?: { url?: unknown };
}
interface ExportEntry {
  timestamp?: unknown;
  data?: { post?: unknown; update_timestamp?: unknown; comment?: { comment?: unknown; timestamp?: unknown; author?: unknown } }[];
  attachments?: { data?: ExportAttachmentData[] }[];
}

/** Text, media paths and shared link of an exported post or comment (already repaired). */
export function exportedContent(e: ExportEntry, kind: 'post' | 'comment'): { content: ContentFields; uris: string[] } {
  const data = Array.isArray(e.data) ? e.data : [];
  const text = kind === 'post' ? data.find((d) => typeof d?.post === 'string')?.post : data.find((d) => typeof d?.comment?.comment === 'string')?.comment?.comment;
  const parts = (Array.isArray(e.attachments) ? e.attachments : []).flatMap((a) => (Array.isArray(a?.data) ? a.data : []));
  const uris = parts.map((p) => p?.media?.uri).filter((u): u is string => typeof u === 'string' && mediaKindOf(u) !== undefined);
  const link = parts.map((p) => p?.external_context?.url).find((u): u is string => typeof u === 'string') ?? null;
  return { content: { text: typeof text === 'string' ? text : '', media: uris.map((u) => mediaKindOf(u)!), link }, uris };
}

export function exportedTimes(e: ExportEntry, kind: 'post' | 'comment'): { published?: string | undefined; updated?: string | undefined } {
  const data = Array.isArray(e.data) ? e.data : [];
  const published = isoFromUnix(e.timestamp) ?? (kind === 'comment' ? isoFromUnix(data.find((d) => d?.comment)?.comment?.timestamp) : undefined);
  return { published, updated: isoFromUnix(data.find((d) => d?.update_timestamp !== undefined)?.update_timestamp) };
}

export const facebookImporter: ExportImporter = {
  platform: 'facebook',
  name: 'Facebook export ("Download your information", JSON)',

  recognises: (archive) => archive.entries.some((e) => POSTS.test(e.name)),

  async read(ctx: ImportContext): Promise<CaptureBatch> {
    const { archive, account } = ctx;
    const owner = { id: (await ctx.state.getCursor(CURSOR.ownId)) ?? account.handle, name: (await profileName(archive)) ?? account.handle };
    const matcher = await ExportMatcher.forAccount(ctx);
    const items: ItemObservation[] = [];
    let skipped = 0;

    const importFile = async (file: string, root: string, kind: 'post' | 'comment', list: (doc: unknown) => unknown[] | undefined) => {
      const { raw, repaired } = await readExportJson(archive, file);
      const entries = list(repaired);
      const rawEntries = list(raw);
      if (!entries || !rawEntries) throw new UserError('export.layout', `${archive.file}: "${file}" does not hold a list of ${kind}s as a Facebook export does; nothing was imported`);
      const media = new ExportMedia(ctx, root);
      for (let index = 0; index < entries.length; index++) {
        ctx.signal.throwIfAborted();
        const e = entries[index] as ExportEntry;
        const { published, updated } = e && typeof e === 'object' ? exportedTimes(e, kind) : {};
        if (!published) {
          skipped++;
          continue;
        }
        const { content, uris } = exportedContent(e, kind);
        const key = contentKey(content);
        const known = matcher.take(kind, published, key);
        const id = known?.platformId ?? matcher.newId(kind, published);
        const uri = uriOf(owner.id, id, known);
        const payload: FacebookExportPayload = { export: 'facebook', file, index, kind, id, uri, owner, entry: rawEntries[index] };
        const fresh = !known?.versionKeys.includes(key);
        items.push({
          kind: known?.kind ?? 'post',
          platformId: id,
          uri,
          parentPlatformId: known?.parentPlatformId,
          threadRootPlatformId: known ? known.threadRootPlatformId : id,
          author: { id: owner.id, handle: owner.name, displayName: owner.name },
          thirdParty: false,
          publishedAt: known?.publishedAt ?? published,
          versions: fresh
            ? [{ versionKey: key, versionAt: known ? (updated ?? ctx.now().toISOString()) : (updated ?? published), source: 'export', payload: JSON.stringify(payload), media: await media.files(uris) }]
            : [],
        });
      }
    };

    for (const { name, root } of findParts(archive, POSTS)) {
      ctx.progress('posts', name);
      await importFile(name, root, 'post', (doc) => (Array.isArray(doc) ? doc : undefined));
    }
    for (const { name, root } of findParts(archive, COMMENTS)) {
      ctx.progress('comments', name);
      await importFile(name, root, 'comment', (doc) => {
        const list = (doc as { comments_v2?: unknown; comments?: unknown } | null)?.comments_v2 ?? (doc as { comments?: unknown } | null)?.comments;
        return Array.isArray(list) ? list : Array.isArray(doc) ? doc : undefined;
      });
    }
    if (skipped) ctx.log.warn({ skipped }, 'export entries without a time were skipped');
    return { items };
  },
};

/** The Page's name as the export gives it (`profile_v2.name.full_name`, or `profile_v2.name`). */
async function profileName(archive: ExportArchive): Promise<string | undefined> {
  const entry = archive.entries.find((e) => PROFILE.test(e.name));
  if (!entry) return undefined;
  const { repaired } = await readExportJson(archive, entry.name);
  const name = (repaired as { profile_v2?: { name?: { full_name?: unknown } | string } } | null)?.profile_v2?.name;
  const full = typeof name === 'string' ? name : name?.full_name;
  return typeof full === 'string' && full.trim() ? full : undefined;
}
