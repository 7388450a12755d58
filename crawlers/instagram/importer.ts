import { UserError } from '../../src/domain/errors.js';
import type { ExportArchive } from '../../src/capture/export-archive.js';
import type { ExportImporter, ImportContext } from '../../src/capture/importer.js';
import type { CaptureBatch, ItemObservation, KnownItem } from '../../src/domain/types.js';
import { CURSOR, isExportId } from '../meta-graph/account-crawl.js';
import { contentKey, mediaKindOf, type ContentFields } from '../meta-graph/content-key.js';
import { ExportMatcher, ExportMedia, findParts, isoFromUnix, readExportJson } from '../meta-graph/export-import.js';

// The Instagram "Download your information" export (JSON), platforms.md §5.2: the account's posts in
// your_instagram_activity/content/posts_1.json (older exports: content/posts_1.json), the files under
// media/posts/<YYYYMM>/, paths relative to the export's root. It holds no other people's comments.
// Text is repaired (mojibake); the payload keeps the entry as it stands in the file.

const POSTS = /^(.*?)(?:your_instagram_activity\/)?content\/posts_(\d+)\.json$/;
const PERSONAL = /(?:^|\/)personal_information\.json$/;

export interface InstagramExportPayload {
  export: 'instagram';
  file: string;
  index: number;
  kind: 'post';
  id: string;
  uri: string;
  owner: { id: string; username: string };
  entry: unknown;
}

export const igExportUri = (ownerId: string, id: string): string => `urn:socialarchive:instagram-export:${ownerId}:${id}`;

interface ExportedFile {
  uri?: unknown;
  creation_timestamp?: unknown;
  title?: unknown;
}
export interface InstagramExportEntry {
  media?: ExportedFile[];
  title?: unknown;
  creation_timestamp?: unknown;
}

/** Caption, files and time of an exported post (already repaired): a carousel's caption is on the entry, a single picture's on its media. */
export function exportedPost(e: InstagramExportEntry): { content: ContentFields; uris: string[]; published?: string | undefined } {
  const media = Array.isArray(e.media) ? e.media.filter((m) => m && typeof m === 'object') : [];
  const uris = media.map((m) => m.uri).filter((u): u is string => typeof u === 'string' && mediaKindOf(u) !== undefined);
  const caption = typeof e.title === 'string' && e.title !== '' ? e.title : media.length === 1 && typeof media[0]!.title === 'string' ? media[0]!.title : '';
  const published = isoFromUnix(e.creation_timestamp) ?? isoFromUnix(media[0]?.creation_timestamp);
  return { content: { text: caption, media: uris.map((u) => mediaKindOf(u)!), link: null }, uris, published };
}

export const instagramImporter: ExportImporter = {
  platform: 'instagram',
  name: 'Instagram export ("Download your information", JSON)',

  recognises: (archive) => archive.entries.some((e) => POSTS.test(e.name)),

  async read(ctx: ImportContext): Promise<CaptureBatch> {
    const { archive, account } = ctx;
    const owner = { id: (await ctx.state.getCursor(CURSOR.ownId)) ?? account.handle, username: (await username(archive)) ?? account.handle };
    const matcher = await ExportMatcher.forAccount(ctx);
    const items: ItemObservation[] = [];
    let skipped = 0;
    for (const { name, root } of findParts(archive, POSTS)) {
      ctx.progress('posts', name);
      const { raw, repaired } = await readExportJson(archive, name);
      if (!Array.isArray(repaired) || !Array.isArray(raw)) throw new UserError('export.layout', `${archive.file}: "${name}" does not hold a list of posts as an Instagram export does; nothing was imported`);
      const files = new ExportMedia(ctx, root);
      for (let index = 0; index < repaired.length; index++) {
        ctx.signal.throwIfAborted();
        const e = repaired[index] as InstagramExportEntry;
        const { content, uris, published } = e && typeof e === 'object' ? exportedPost(e) : { content: undefined, uris: [], published: undefined };
        if (!content || !published) {
          skipped++;
          continue;
        }
        const key = contentKey(content);
        const known = matcher.take('post', published, key);
        const id = known?.platformId ?? matcher.newId('post', published);
        const payload: InstagramExportPayload = { export: 'instagram', file: name, index, kind: 'post', id, uri: uriOf(owner.id, id, known), owner, entry: raw[index] };
        items.push({
          kind: known?.kind ?? 'post',
          platformId: id,
          uri: payload.uri,
          threadRootPlatformId: known ? known.threadRootPlatformId : id,
          author: { id: owner.id, handle: owner.username },
          thirdParty: false,
          publishedAt: known?.publishedAt ?? published,
          versions: known?.versionKeys.includes(key)
            ? []
            : [{ versionKey: key, versionAt: known ? ctx.now().toISOString() : published, source: 'export', payload: JSON.stringify(payload), media: await files.files(uris) }],
        });
      }
    }
    if (skipped) ctx.log.warn({ skipped }, 'export entries without a time were skipped');
    return { items };
  },
};

/** Posts the API captured keep their permalink as URI (the store keeps it); ours name export-only ones. */
function uriOf(ownerId: string, id: string, known: KnownItem | undefined): string {
  return known && !isExportId(id) ? `https://graph.facebook.com/${id}` : igExportUri(ownerId, id);
}

/** The user name as the export gives it (`profile_user[0].string_map_data.Username.value`). */
async function username(archive: ExportArchive): Promise<string | undefined> {
  const entry = archive.entries.find((e) => PERSONAL.test(e.name));
  if (!entry) return undefined;
  const { repaired } = await readExportJson(archive, entry.name);
  const map = (repaired as { profile_user?: { string_map_data?: Record<string, { value?: unknown }> }[] } | null)?.profile_user?.[0]?.string_map_data;
  const value = map?.Username?.value ?? map?.['Gebruikersnaam']?.value;
  return typeof value === 'string' && value.trim() ? value : undefined;
}
