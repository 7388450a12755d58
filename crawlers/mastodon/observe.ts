import { createHash } from 'node:crypto';
import type { ItemKind, ItemObservation, MediaObservation, VersionObservation } from '../../src/domain/types.js';
import type { MastodonAccount, MastodonMediaAttachment, MastodonStatus, MastodonStatusEdit } from './api.js';

// Pure mapping from Mastodon payloads to observations. Media files are attached by the crawler.

/** A version of a status is named by the time it came into being: publication or the edit. */
export const statusVersionKey = (s: Pick<MastodonStatus, 'created_at' | 'edited_at'>): string => s.edited_at ?? s.created_at;

export interface Placement {
  kind: ItemKind;
  threadRootPlatformId?: string | undefined;
}

export function observeStatus(s: MastodonStatus, ownAccountId: string, placement: Placement, versions: VersionObservation[]): ItemObservation {
  return {
    kind: placement.kind,
    platformId: s.id,
    uri: s.uri,
    url: s.url ?? undefined,
    parentPlatformId: s.in_reply_to_id ?? undefined,
    threadRootPlatformId: placement.threadRootPlatformId,
    author: { id: s.account.id, handle: s.account.acct, displayName: s.account.display_name || undefined },
    thirdParty: s.account.id !== ownAccountId,
    publishedAt: s.created_at,
    versions,
  };
}

export function currentVersion(s: MastodonStatus, media: MediaObservation[]): VersionObservation {
  return { versionKey: statusVersionKey(s), versionAt: statusVersionKey(s), source: 'status', payload: JSON.stringify(s), media };
}

/** Earlier versions from `/history` (oldest first; its last entry is the current version). */
export function historyVersions(edits: MastodonStatusEdit[], mediaOf: (e: MastodonStatusEdit) => MediaObservation[]): VersionObservation[] {
  return edits.map((e) => ({ versionKey: e.created_at, versionAt: e.created_at, source: 'history', payload: JSON.stringify(e), media: mediaOf(e) }));
}

export const mediaUrl = (m: MastodonMediaAttachment): string | null => m.url ?? m.remote_url ?? null;

export function mediaObservation(m: MastodonMediaAttachment, stored: { file?: { sha256: string; size: number }; error?: string }): MediaObservation {
  return {
    platformId: m.id,
    type: m.type,
    url: mediaUrl(m) ?? '',
    remoteUrl: m.remote_url ?? undefined,
    description: m.description ?? undefined,
    file: stored.file,
    error: stored.error,
  };
}

// Counters and activity times change all the time; they do not make a new profile version.
const VOLATILE_PROFILE_FIELDS = new Set(['followers_count', 'following_count', 'statuses_count', 'last_status_at']);

export const profilePlatformId = (a: MastodonAccount): string => `account:${a.id}`;

export function profileVersionKey(a: MastodonAccount): string {
  const stable = Object.fromEntries(
    Object.entries(a)
      .filter(([k]) => !VOLATILE_PROFILE_FIELDS.has(k))
      .sort(([x], [y]) => (x < y ? -1 : 1)),
  );
  return `sha256:${createHash('sha256').update(JSON.stringify(stable)).digest('hex')}`;
}

export function observeProfile(a: MastodonAccount, capturedAt: string, media: MediaObservation[]): ItemObservation {
  return {
    kind: 'profile',
    platformId: profilePlatformId(a),
    uri: a.uri ?? a.url,
    url: a.url,
    author: { id: a.id, handle: a.acct, displayName: a.display_name || undefined },
    thirdParty: false,
    publishedAt: (a.created_at as string | undefined) ?? capturedAt,
    versions: [{ versionKey: profileVersionKey(a), versionAt: capturedAt, source: 'account', payload: JSON.stringify(a), media }],
  };
}

/** Depth of each status below the root, following `in_reply_to_id` (the reliable link, per the API docs). */
export function replyDepths(rootId: string, descendants: MastodonStatus[]): Map<string, number> {
  const parent = new Map(descendants.map((d) => [d.id, d.in_reply_to_id]));
  const depth = new Map<string, number>([[rootId, 0]]);
  const depthOf = (id: string, guard = 0): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const p = parent.get(id);
    const d = p && guard < 10_000 ? depthOf(p, guard + 1) + 1 : 1;
    depth.set(id, d);
    return d;
  };
  for (const d of descendants) depthOf(d.id);
  depth.delete(rootId);
  return depth;
}
