// Pure mapping from the posts of an X account archive to the observations the API crawler makes for
// the same posts: the same item ids (the first id of an edit chain), the same version keys (each
// edit's id), the same kinds and media keys. Media bytes are attached by the importer.
import type { CaptureBatch, ItemObservation, KnownItem, MediaObservation, VersionObservation } from '../../../src/domain/types.js';
import { compareIds } from '../ids.js';
import { canonicalUri, publishedAt, webUrl } from '../observe.js';
import {
  archiveDate,
  archivedMedia,
  archiveItemId,
  archiveMediaKey,
  archiveMediaUrl,
  editChain,
  isArchivedRetweet,
  type ArchiveAccount,
  type ArchiveMedia,
  type ArchiveTweet,
} from './schema.js';

/** One post as the archive holds it: checked (`tweet`) and as found (`raw`, stored unchanged). */
export interface ArchivedPost {
  tweet: ArchiveTweet;
  raw: unknown;
  /** The data file it came from, for evidence. */
  file: string;
  deleted: boolean;
}

/** A media item to fill in: the observation and the archive entry holding its bytes, if any. */
export interface PlannedMedia {
  observation: MediaObservation;
  versionId: string;
  media: ArchiveMedia;
}

export interface ImportPlan {
  batch: Required<Pick<CaptureBatch, 'items' | 'deletions' | 'threadsChecked'>>;
  media: PlannedMedia[];
}

export const THIRD_PARTY_NOTE =
  "the X account archive holds only the account's own posts: replies by others are not in it; capture the account through the X API (socialarchive run) to archive them";

/**
 * Items, versions, deletions and thread notes for the archived posts. `known` is what the store
 * already holds (items by id): versions it has are left out, and a placement the API made (which
 * knows the conversation a reply is in) is kept.
 */
export function planImport(posts: ArchivedPost[], account: { parsed: ArchiveAccount; raw: unknown }, known: Map<string, KnownItem>): ImportPlan {
  const own = account.parsed;
  const itemOf = new Map<string, string>();
  const byItem = new Map<string, ArchivedPost[]>();
  for (const p of posts) {
    const id = archiveItemId(p.tweet);
    for (const v of editChain(p.tweet)) itemOf.set(v, id);
    itemOf.set(p.tweet.id_str, id);
    const list = byItem.get(id) ?? [];
    if (!list.some((q) => q.tweet.id_str === p.tweet.id_str)) list.push(p);
    byItem.set(id, list);
  }
  const item = (versionId: string) => itemOf.get(versionId) ?? versionId;
  const parentOf = (t: ArchiveTweet): string | undefined => (isArchivedRetweet(t) || !t.in_reply_to_status_id_str ? undefined : item(t.in_reply_to_status_id_str));

  // The thread an item belongs to: up through the archive's own posts; beyond them, what the store
  // knows; otherwise it answers a post that is not the account's and roots a thread of its own.
  const roots = new Map<string, string | null>();
  const rootOf = (id: string, guard = 0): string | null => {
    if (roots.has(id)) return roots.get(id)!;
    const k = known.get(id);
    let root: string | null;
    if (k?.threadRootPlatformId) root = k.threadRootPlatformId;
    else {
      const first = byItem.get(id)?.[0]?.tweet;
      const parent = first ? parentOf(first) : undefined;
      if (first && isArchivedRetweet(first)) root = null;
      else if (!parent) root = id;
      else if (byItem.has(parent) && guard < 10_000) root = rootOf(parent, guard + 1) ?? id;
      else root = known.get(parent)?.threadRootPlatformId ?? id;
    }
    roots.set(id, root);
    return root;
  };

  const plan: ImportPlan = { batch: { items: [], deletions: [], threadsChecked: [] }, media: [] };
  for (const id of [...byItem.keys()].sort(compareIds)) {
    const list = byItem.get(id)!;
    const chain = editChain(list[0]!.tweet);
    list.sort((a, b) => chain.indexOf(a.tweet.id_str) - chain.indexOf(b.tweet.id_str) || compareIds(a.tweet.id_str, b.tweet.id_str));
    const first = list[0]!.tweet;
    const k = known.get(id);
    const have = new Set(k?.versionKeys ?? []);
    const versions: VersionObservation[] = [];
    for (const p of list) {
      if (have.has(p.tweet.id_str)) continue;
      const media = archivedMedia(p.tweet).map((m) => {
        const observation: MediaObservation = { platformId: archiveMediaKey(m), type: m.type, url: archiveMediaUrl(m), description: m.ext_alt_text ?? undefined };
        plan.media.push({ observation, versionId: p.tweet.id_str, media: m });
        return observation;
      });
      const at = archiveDate(p.tweet.created_at)!;
      versions.push({ versionKey: p.tweet.id_str, versionAt: at, source: 'archive', payload: JSON.stringify({ tweet: p.raw, account: account.raw }), media });
    }
    const root = rootOf(id);
    const kind = k?.threadRootPlatformId ? k.kind : root !== null && root !== id ? 'reply' : 'post';
    const observation: ItemObservation = {
      kind,
      platformId: id,
      uri: canonicalUri(id),
      url: webUrl(own.username, id),
      parentPlatformId: parentOf(first),
      threadRootPlatformId: root ?? undefined,
      author: { id: own.accountId, handle: own.username, displayName: own.accountDisplayName || undefined },
      thirdParty: false,
      publishedAt: publishedAt(id, archiveDate(first.created_at)),
      versions,
    };
    plan.batch.items.push(observation);
    const gone = list.find((p) => p.deleted);
    if (gone) {
      const when = gone.tweet.deleted_at ? archiveDate(gone.tweet.deleted_at) ?? gone.tweet.deleted_at : 'an unknown time';
      plan.batch.deletions.push({ platformId: id, evidence: `listed in ${gone.file} of the X account archive as deleted (deleted at ${when})` });
    }
    // Threads only the archive knows get the note; those a capture knows keep what it found.
    if (root === id && !k) plan.batch.threadsChecked.push({ rootPlatformId: id, cut: THIRD_PARTY_NOTE });
  }
  return plan;
}

/** The file name the archive gives a media item: `<tweet id>-<last part of its URL>`, when that part is an ordinary name. */
export function archiveMediaName(versionId: string, m: ArchiveMedia): string | undefined {
  let path: string;
  try {
    path = new URL(m.type === 'photo' ? m.media_url_https : archiveMediaUrl(m)).pathname;
  } catch {
    return undefined;
  }
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9]{2,5}$/.test(base) ? `${versionId}-${base}` : undefined;
}
