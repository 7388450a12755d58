// Thread walks as Mastodon's Status::ThreadingConcern does them
// (app/models/concerns/status/threading_concern.rb, Api::V1::Statuses::ContextsController).
import type { FakeDataset } from './store.js';

/** Caps of `/context` without a user token, and with one. */
export const ANONYMOUS_LIMITS = { ancestors: 40, descendants: 60, depth: 20 } as const;
export const CONTEXT_LIMIT = 4096;

export interface ContextLimits {
  ancestors: number;
  descendants: number;
  /** Deepest level returned (a direct reply is depth 1); null = unlimited. */
  depth: number | null;
}

export function contextLimits(authenticated: boolean): ContextLimits {
  return authenticated ? { ancestors: CONTEXT_LIMIT, descendants: CONTEXT_LIMIT, depth: null } : { ...ANONYMOUS_LIMITS };
}

/**
 * Descendant ids in Mastodon's order: the recursive query sorts by path (depth first, siblings by
 * id), keeps the first `limit`, then the author's replies to themselves are moved to the front.
 */
export function descendantIds(ds: FakeDataset, id: string, limits: ContextLimits): string[] {
  const out: string[] = [];
  const walk = (parent: string, depth: number): void => {
    for (const child of ds.children(parent)) {
      if (out.length >= limits.descendants) return;
      out.push(child);
      if (limits.depth === null || depth < limits.depth) walk(child, depth + 1);
    }
  };
  walk(id, 1);
  return promoteSelfReplies(ds, out);
}

/** The chain above a status, root first; with a cap, the nearest `limit` are kept. */
export function ancestorIds(ds: FakeDataset, id: string, limits: ContextLimits): string[] {
  const chain: string[] = [];
  const seen = new Set<string>([id]);
  let parentId = ds.status(id)?.inReplyToId ?? null;
  while (parentId !== null && chain.length < limits.ancestors && !seen.has(parentId)) {
    const parent = ds.status(parentId);
    if (!parent) break;
    seen.add(parentId);
    chain.push(parentId);
    parentId = parent.inReplyToId;
  }
  return chain.reverse();
}

function promoteSelfReplies(ds: FakeDataset, ids: string[]): string[] {
  const isSelf = (id: string): boolean => {
    const s = ds.status(id);
    return s !== undefined && s.inReplyToAccountId === s.accountId;
  };
  return [...ids.filter(isSelf), ...ids.filter((id) => !isSelf(id))];
}
