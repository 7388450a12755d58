// What a complete capture of an account on the fake must contain, computed from the live dataset
// with the same rules the server applies (timeline contents, /context caps, /history lengths).
// Call it again after `nextDay()` and diff the two to get exactly what the next run must add.
import { renderAccount } from './entities.js';
import { compareIds } from './ids.js';
import { acctOf, type FakeDataset, type FakeStatus } from './store.js';
import { ANONYMOUS_LIMITS, CONTEXT_LIMIT, contextLimits, descendantIds } from './thread.js';

export interface ExpectedCapture {
  accountId: string;
  acct: string;
  /** Avatar and header URLs the account entity links to. */
  profileMedia: string[];
  /** The whole timeline as the API pages it, newest first: posts, own replies and boosts. */
  timeline: string[];
  /** Boosts in the timeline: boost id → id of the boosted status (which is embedded, not fetched). */
  reblogs: Record<string, string>;
  /** Per timeline status: the descendant ids `/context` returns in this mode, in served order. */
  descendants: Record<string, string[]>;
  /** Timeline statuses whose `/context` without a token misses descendants a token would show. */
  cutWithoutToken: string[];
  /** Timeline plus every descendant above, each once, ascending. */
  statusIds: string[];
  /** Those of `statusIds` written by another account (third-party replies). */
  thirdPartyIds: string[];
  /** Number of `/history` entries (1 for a status never edited), for `statusIds` and boosted statuses. */
  versions: Record<string, number>;
  /** Original media URLs (`url`), for `statusIds` and boosted statuses that have media. */
  media: Record<string, string[]>;
  /** Personal-data categories planted in the text, for `statusIds` that have any (demo only). */
  pii: Record<string, string[]>;
}

export interface CaptureDiff {
  /** Ids in `after` but not in `before` (new posts, replies and boosts, and previously cut replies). */
  added: string[];
  /** Ids in `before` that are gone (deleted; the API answers 404). */
  removed: string[];
  /** Ids in both with more versions after. */
  edited: string[];
}

export function expectedCapture(ds: FakeDataset, acct: string, opts: { token: boolean }): ExpectedCapture {
  const base = ds.baseUrl;
  if (base === null) throw new Error('expectedCapture: start a fake server with this dataset first (media URLs need its origin)');
  const account = ds.lookup(acct, new URL(base).host);
  if (!account) throw new Error(`expectedCapture: no account ${acct} in dataset "${ds.name}"`);
  const limits = contextLimits(opts.token);
  const full = { ancestors: CONTEXT_LIMIT, descendants: CONTEXT_LIMIT, depth: null };
  const timeline = [...ds.timeline(account.id)];
  const reblogs: Record<string, string> = {};
  const descendants: Record<string, string[]> = {};
  const cutWithoutToken: string[] = [];
  const all = new Set<string>(timeline);
  const embedded: string[] = [];
  for (const id of timeline) {
    const s = ds.status(id);
    if (s?.reblogOfId) {
      reblogs[id] = s.reblogOfId;
      embedded.push(s.reblogOfId);
    }
    const ids = descendantIds(ds, id, limits);
    descendants[id] = ids;
    for (const d of ids) all.add(d);
    const anonymous = opts.token ? descendantIds(ds, id, { ...ANONYMOUS_LIMITS }) : ids;
    if (anonymous.length < descendantIds(ds, id, full).length) cutWithoutToken.push(id);
  }
  const statusIds = [...all].sort(compareIds);
  const versions: Record<string, number> = {};
  const media: Record<string, string[]> = {};
  const pii: Record<string, string[]> = {};
  for (const id of [...statusIds, ...embedded]) {
    const s = ds.status(id) as FakeStatus;
    versions[id] = ds.versionCount(s);
    if (s.media.length > 0) media[id] = s.media.map((m) => `${base}${m.file.path}`);
    if (s.pii && s.pii.length > 0 && all.has(id)) pii[id] = [...s.pii];
  }
  const rendered = renderAccount(ds, account, { base, authenticated: opts.token });
  return {
    accountId: account.id,
    acct: acctOf(account),
    profileMedia: [String(rendered.avatar), String(rendered.header)],
    timeline,
    reblogs,
    descendants,
    cutWithoutToken,
    statusIds,
    thirdPartyIds: statusIds.filter((id) => ds.status(id)?.accountId !== account.id),
    versions,
    media,
    pii,
  };
}

export function diffCaptures(before: ExpectedCapture, after: ExpectedCapture): CaptureDiff {
  const had = new Set(before.statusIds);
  const has = new Set(after.statusIds);
  return {
    added: after.statusIds.filter((id) => !had.has(id)),
    removed: before.statusIds.filter((id) => !has.has(id)),
    edited: after.statusIds.filter((id) => had.has(id) && (after.versions[id] ?? 1) > (before.versions[id] ?? 1)),
  };
}
