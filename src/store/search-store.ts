import type { ItemKind } from '../domain/types.js';
import type { Snippet } from '../search/snippet.js';

// Full-text search over the archive (issue 7): the text of every version of every post, reply and
// profile snapshot, with its author's name and handle. Reached as `store.search`; the index is kept
// current by `commitBatch` in the same transaction, so what is stored is findable.

export interface SearchQuery {
  /** Words to find (all of them, in one version, any order; case and accents folded). Query syntax is never interpreted. */
  text?: string | undefined;
  accountIds?: string[] | undefined;
  /** Published on or after (`YYYY-MM-DD` or ISO date-time). */
  from?: string | undefined;
  /** Published on or before (`YYYY-MM-DD`: the whole day, UTC; or an ISO date-time). */
  to?: string | undefined;
  /** Only items found deleted (true) or only items not found deleted (false). */
  deleted?: boolean | undefined;
  /** Only items with more than one version (true) or with one (false). */
  edited?: boolean | undefined;
  kind?: ItemKind | undefined;
  limit: number;
  offset: number;
}

export interface SearchHit {
  accountId: string;
  platformId: string;
  kind: ItemKind;
  threadRootPlatformId: string | null;
  createdAt: string;
  author: { handle: string; name: string | null };
  /** From the newest version that matches (the newest version without search text). */
  snippet: Snippet;
  deleted: boolean;
  edited: boolean;
  versionCount: number;
}

export interface SearchResult {
  /** Items that match, over all pages. */
  total: number;
  /** Newest first. */
  hits: SearchHit[];
}

export interface VersionText {
  versionKey: string;
  /** When the version came into being on the platform. */
  versionAt: string;
  capturedAt: string;
  source: string;
  text: string;
}

export interface SearchStore {
  search(q: SearchQuery): Promise<SearchResult>;
  /** Every version of an item with its text, oldest first; empty when the item is unknown. */
  versions(accountId: string, platformId: string): Promise<VersionText[]>;
}
