import type { Store } from '../../src/store/store.js';

/**
 * The archive's content for comparisons: items with their placement, versions by payload hash,
 * media by file hash, deletions (when first found missing is a time, so only whether).
 */
export async function dumpAccount(store: Store, accountId: string) {
  const items = await store.listItems(accountId);
  const out = [];
  for (const i of items) {
    const versions = await store.listVersions(accountId, i.platformId);
    out.push({
      id: i.platformId,
      kind: i.kind,
      thirdParty: i.thirdParty,
      root: i.threadRootPlatformId ?? null,
      parent: i.parentPlatformId ?? null,
      deleted: i.deletedAt !== undefined,
      cut: i.threadCut ?? null,
      versions: versions.map((v) => ({ key: v.versionKey, payload: i.kind === 'profile' ? v.versionKey : v.payloadSha256, media: v.media.map((m) => m.sha256 ?? m.error ?? null) })),
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
