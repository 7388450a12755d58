// GET /api/v1/accounts/:id/statuses: filters, id pagination and the Link header, as Mastodon's
// AccountStatusesFilter, Paginable#to_a_paginated_by_id and Api::V1::Accounts::StatusesController.
import { compareIds } from './ids.js';
import type { FakeDataset, FakeStatus } from './store.js';

export const DEFAULT_STATUSES_LIMIT = 20;
/** The filter keys Mastodon copies into the Link header (AccountStatusesFilter::KEYS). */
const FILTER_KEYS = ['pinned', 'tagged', 'only_media', 'exclude_replies', 'exclude_reblogs'] as const;

export interface TimelineQuery {
  limit: number;
  maxId: string | null;
  sinceId: string | null;
  minId: string | null;
  pinned: boolean;
  tagged: string | null;
  onlyMedia: boolean;
  excludeReplies: boolean;
  excludeReblogs: boolean;
}

/** ActiveModel::Type::Boolean: empty is unset; "0", "f", "false", "off" (any case) are false. */
export function truthy(v: string | null): boolean {
  if (v === null || v === '') return false;
  return !['0', 'f', 'false', 'off'].includes(v.toLowerCase());
}

/** Api::BaseController#limit_param: absolute integer value, at most twice the default. */
export function limitParam(v: string | null, dflt: number): number {
  if (v === null) return dflt;
  const n = Math.abs(Number.parseInt(v, 10));
  return Math.min(Number.isNaN(n) ? 0 : n, dflt * 2);
}

export function parseTimelineQuery(q: URLSearchParams): TimelineQuery {
  const id = (k: string): string | null => {
    const v = q.get(k);
    return v === null || v === '' ? null : v;
  };
  return {
    limit: limitParam(q.get('limit'), DEFAULT_STATUSES_LIMIT),
    maxId: id('max_id'),
    sinceId: id('since_id'),
    minId: id('min_id'),
    pinned: truthy(q.get('pinned')),
    tagged: id('tagged'),
    onlyMedia: truthy(q.get('only_media')),
    excludeReplies: truthy(q.get('exclude_replies')),
    excludeReblogs: truthy(q.get('exclude_reblogs')),
  };
}

function keep(ds: FakeDataset, s: FakeStatus, q: TimelineQuery): boolean {
  if (q.pinned && !s.pinned) return false;
  // Boosts carry no media of the account and no tags of their own.
  if (q.onlyMedia && s.media.length === 0) return false;
  if (q.tagged !== null && !s.tags.includes(q.tagged.toLowerCase())) return false;
  // Status.without_replies: a reply to oneself (a thread) is not "a reply".
  if (q.excludeReplies && s.inReplyToId !== null && s.inReplyToAccountId !== s.accountId) return false;
  if (q.excludeReblogs && s.reblogOfId !== null) return false;
  return ds.status(s.id) !== undefined;
}

/** One page of ids, newest first. `min_id` walks forward in time and wins over `since_id`. */
export function pageTimeline(ds: FakeDataset, accountId: string, q: TimelineQuery): string[] {
  if (q.limit === 0) return [];
  const ids = ds.timeline(accountId).filter((id) => {
    const s = ds.status(id);
    return s !== undefined && keep(ds, s, q);
  });
  const below = (id: string): boolean => q.maxId === null || compareIds(id, q.maxId) < 0;
  if (q.minId !== null) {
    const minId = q.minId;
    const asc = ids.filter((id) => compareIds(id, minId) > 0 && below(id)).reverse();
    return asc.slice(0, q.limit).reverse();
  }
  const sinceId = q.sinceId;
  return ids.filter((id) => below(id) && (sinceId === null || compareIds(id, sinceId) > 0)).slice(0, q.limit);
}

/**
 * The Link header: `next` (older, max_id = last id) only for a full page, `prev` (newer, min_id =
 * first id) for any non-empty page, none for an empty page. Rails' `to_query` sorts the
 * parameters, and only the filter keys the client sent are copied.
 */
export function timelineLink(endpoint: string, q: URLSearchParams, page: string[], limit: number): string | null {
  if (page.length === 0) return null;
  const copied: [string, string][] = [];
  for (const k of ['limit', ...FILTER_KEYS]) {
    const v = q.get(k);
    if (v !== null) copied.push([k, v]);
  }
  const url = (extra: [string, string]): string => {
    const pairs = [...copied, extra].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `${endpoint}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  };
  const links: string[] = [];
  if (page.length === limit) links.push(`<${url(['max_id', page[page.length - 1] as string])}>; rel="next"`);
  links.push(`<${url(['min_id', page[0] as string])}>; rel="prev"`);
  return links.join(', ');
}
