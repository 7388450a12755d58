// Domain types shared by the pipeline, the store and every crawler.
// Transport types (a platform's own JSON) stay inside their crawler folder.

export const PLATFORMS = [
  'mastodon',
  'bluesky',
  'x',
  'facebook',
  'instagram',
  'youtube',
  'linkedin',
  'tiktok',
  'web',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export type AccountStatus = 'active' | 'dormant' | 'closed';
export type Waardering = 'B' | 'V' | 'N';

export interface Organisation {
  name: string;
  /** TOOI URI; becomes the MDTO archiefvormer. */
  id: string;
}

export interface Manager {
  name: string;
  email?: string | undefined;
}

export interface Selection {
  list: string;
  category: string;
  label: string;
  waardering: Waardering;
  /** ISO 8601 duration, only with waardering V. */
  bewaartermijn?: string | undefined;
}

export interface CaptureOptions {
  replies: boolean;
  media: boolean;
  render: boolean;
}

/** One registered account, as the records manager wrote it in the registry. */
export interface Account {
  id: string;
  platform: Platform;
  handle: string;
  instance?: string | undefined;
  status: AccountStatus;
  opened?: string | undefined;
  closed?: string | null | undefined;
  managers: Manager[];
  purpose?: string | undefined;
  justification?: string | undefined;
  selection: Selection;
  schedule?: string | undefined;
  capture: CaptureOptions;
  /** A reference such as `env:NAME`; the secret itself never lives in the registry. */
  credentials?: string | undefined;
}

export interface Registry {
  organisation: Organisation;
  accounts: Account[];
}

export type ItemKind = 'profile' | 'post' | 'reply';

export interface Author {
  /** The platform's stable id of the author. */
  id: string;
  /** The handle as the platform spells it (Mastodon `acct`). */
  handle: string;
  displayName?: string | undefined;
}

/** A media file referenced by one version of an item. */
export interface MediaObservation {
  /** The platform's id of the attachment, when it has one. */
  platformId?: string | undefined;
  type: string;
  /** Where the original was downloaded from. */
  url: string;
  /** Where the platform says the original lives (Mastodon `remote_url`), kept as provenance. */
  remoteUrl?: string | undefined;
  description?: string | undefined;
  /** Set when the bytes were stored; absent when the download failed (see `error`). */
  file?: StoredFile | undefined;
  error?: string | undefined;
}

/** One version of a post, reply or profile, exactly as the platform delivered it. */
export interface VersionObservation {
  /** Identifies the version within its item; the same key is never stored twice. */
  versionKey: string;
  /** When this version came into being on the platform (publication or edit time). */
  versionAt: string;
  /** Where the payload came from, e.g. `status` or `history`. */
  source: string;
  /** The platform's JSON for this version, serialised. */
  payload: string;
  media: MediaObservation[];
}

/** What a crawler saw of one post, reply or profile in this run. */
export interface ItemObservation {
  kind: ItemKind;
  platformId: string;
  /** Canonical URI (Mastodon `uri`, Bluesky `at://`, ...). */
  uri: string;
  url?: string | undefined;
  parentPlatformId?: string | undefined;
  /** The platform id of the account's post that roots the thread this item belongs to. */
  threadRootPlatformId?: string | undefined;
  author: Author;
  /** True when the author is not the registered account. */
  thirdParty: boolean;
  publishedAt: string;
  /** Versions seen now; versions already stored are ignored. */
  versions: VersionObservation[];
}

export interface StoredFile {
  sha256: string;
  size: number;
}

/** A batch of observations that the store commits atomically, together with the cursors it covers. */
export interface CaptureBatch {
  items?: ItemObservation[];
  /** Items first found missing now (platform ids), with the evidence. */
  deletions?: { platformId: string; evidence: string }[];
  /** Crawl cursors to set (null clears). */
  cursors?: Record<string, string | null>;
  /** Threads (by root platform id) whose replies must be (re)checked. */
  threadsDue?: string[];
  /** Threads whose replies were checked now; `cut` says why the thread may be incomplete. */
  threadsChecked?: { rootPlatformId: string; cut?: string | undefined }[];
  /** Thread roots to (re)assign: items that turned out to belong to another thread. */
  threadAssignments?: { platformId: string; kind: ItemKind; threadRootPlatformId: string }[];
  /**
   * Media files that reach a stored version later, without changing its content (the owner's export
   * brings the video file the API never serves). Appended after the version's media; a file already
   * attached to that version is not added again; an unknown item or version adds nothing.
   */
  mediaAdded?: { platformId: string; versionKey: string; media: MediaObservation[] }[];
}

/** What the store knows about one item, as a crawler needs it. */
export interface KnownItem {
  platformId: string;
  kind: ItemKind;
  thirdParty: boolean;
  threadRootPlatformId?: string | undefined;
  parentPlatformId?: string | undefined;
  publishedAt: string;
  versionKeys: string[];
  deletedAt?: string | undefined;
  repliesCheckedAt?: string | undefined;
}

export type RunStatus = 'running' | 'completed' | 'skipped' | 'stopped' | 'failed' | 'interrupted';

/** Counts a run reports per account; summed for the run. */
export interface CaptureStats {
  newItems: number;
  newPosts: number;
  newReplies: number;
  newVersions: number;
  edited: number;
  deleted: number;
  media: number;
  mediaBytes: number;
  requests: number;
  threadsCut: number;
}

export const emptyStats = (): CaptureStats => ({
  newItems: 0,
  newPosts: 0,
  newReplies: 0,
  newVersions: 0,
  edited: 0,
  deleted: 0,
  media: 0,
  mediaBytes: 0,
  requests: 0,
  threadsCut: 0,
});

export function addStats(a: CaptureStats, b: Partial<CaptureStats>): CaptureStats {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof CaptureStats)[]) out[k] += b[k] ?? 0;
  return out;
}

/** Why and where a run (or one account in it) stopped before finishing. */
export interface StopInfo {
  reason: string;
  where: string;
}

export interface RunAccountResult {
  accountId: string;
  status: RunStatus;
  stats: CaptureStats;
  stop?: StopInfo | undefined;
  startedAt: string;
  finishedAt?: string | undefined;
}

export interface Run {
  id: string;
  startedAt: string;
  finishedAt?: string | undefined;
  status: RunStatus;
  operator: string;
  accounts: RunAccountResult[];
}

// ---- Personal data: findings, decisions and public copies (SPEC section 5) ----
// The detector's own finding (a span in a text it was given) lives in src/privacy/types.ts; these
// are the findings as the archive keeps them: tied to an item version, with a stable identity.

/** What the privacy officer decides about a finding. */
export const DECISION_ACTIONS = ['keep', 'restrict', 'redact'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/**
 * Why the use of an original is restricted; each becomes an MDTO `beperkingGebruik` (type `Overig`
 * with this ground as its description) when the item is packaged. Documented in docs/privacy-review.md.
 */
export const RESTRICTION_TYPES = ['privacy', 'special_category_data', 'identification_number', 'portrait_right', 'other'] as const;
export type RestrictionType = (typeof RESTRICTION_TYPES)[number];

/** How long a restriction lasts: a duration (ISO 8601, `P75Y`) or an end date, counted from `from`. */
export interface RestrictionTerm {
  /** ISO 8601 duration such as `P75Y` or `P10Y6M`; absent when `until` is given. */
  duration?: string | undefined;
  /** Last day of the restriction (`YYYY-MM-DD`); absent when `duration` is given. */
  until?: string | undefined;
  /** The date the term starts: the item's publication date (MDTO trigger `Publicatie`). */
  from: string;
}

export interface Restriction {
  type: RestrictionType;
  term: RestrictionTerm;
}

/** One piece of possible personal data in one version of an item, or in one of its images. */
export interface Finding {
  id: number;
  /** Stable identity: the same finding found again (by any detector version) keeps its id and decisions. */
  key: string;
  accountId: string;
  itemPlatformId: string;
  itemKind: ItemKind;
  versionKey: string;
  /** Where: `text.plain`, `text.summary`, `media.<n>.description`, `poll.options.<n>.title`, or `media.<n>` for an image. */
  field: string;
  /** A text category of SPEC section 5, or `face`, `gps`, `image_metadata` for images. */
  category: string;
  /** UTF-16 offsets into the field's text, `end` exclusive (text findings). */
  span?: { start: number; end: number } | undefined;
  /** The flagged text itself (text findings). */
  text?: string | undefined;
  /** The stored image (image findings). */
  media?: { position: number; sha256: string } | undefined;
  /** Face region in displayed-image pixels. */
  region?: { x: number; y: number; w: number; h: number } | undefined;
  /** GPS coordinates, metadata blocks present, ... */
  detail?: Record<string, string | number | boolean> | undefined;
  confidence: number;
  rule: string;
  /** What the policy suggests: `review`, `redact` or `keep`. */
  suggested: string;
  /** The detector (configuration) that last reported it. */
  detector: string;
  firstFoundAt: string;
  lastFoundAt: string;
  /** False when the latest scan of its version no longer reports it; decisions on it still hold. */
  reported: boolean;
}

/** A decision on one finding. Never changed: a later decision on the same finding supersedes it. */
export interface Decision {
  id: number;
  findingId: number;
  action: DecisionAction;
  /** For `restrict` and `redact` (the original is then access-restricted). */
  restriction?: Restriction | undefined;
  reason: string;
  actor: string;
  at: string;
  /** How it was made: `finding`, `item`, `bulk` or `file:<name>`. */
  via: string;
  /** The audit-trail entry that records it. */
  auditSeq: number;
}

/** One text span removed from a public copy, and where its marker stands in the public text. */
export interface Redaction {
  findingId: number;
  field: string;
  category: string;
  /** In the original field text. */
  start: number;
  end: number;
  /** The marker (`[verwijderd: telefoonnummer]`) in the public field text. */
  publicStart: number;
  publicEnd: number;
}

/** The redacted public version of one item version, beside the untouched original. */
export interface PublicCopy {
  id: number;
  accountId: string;
  itemPlatformId: string;
  versionKey: string;
  /** Over the version and the redact decisions it reflects: a later decision makes a new copy. */
  fingerprint: string;
  /** The redact decisions reflected (ids). */
  decisionIds: number[];
  redactions: Redaction[];
  /** The redacted normalised JSON. */
  json: StoredFile;
  /** PDF/A and PNG of the redacted item; absent when no renderer was available (see notes). */
  pdf?: StoredFile | undefined;
  png?: StoredFile | undefined;
  /** Images without metadata, decided faces blurred; by media position. */
  images: { position: number; sourceSha256: string; file: StoredFile; format: string; blurred: number }[];
  notes: string[];
  madeAt: string;
  tool: string;
}
