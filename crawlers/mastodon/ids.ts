/**
 * Mastodon ids are opaque strings; the numeric ones exceed 2^53 and must never become JS numbers.
 * Order as the API documents: a shorter string is older, equal lengths compare lexically.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const maxId = (ids: string[]): string | undefined => ids.reduce<string | undefined>((m, id) => (m === undefined || compareIds(id, m) > 0 ? id : m), undefined);
export const minId = (ids: string[]): string | undefined => ids.reduce<string | undefined>((m, id) => (m === undefined || compareIds(id, m) < 0 ? id : m), undefined);
