import type { Decision, DecisionAction, Finding, ItemKind, PublicCopy, Restriction } from '../domain/types.js';

// The personal-data part of the store (SPEC section 5): what was scanned by which detector, the
// findings with their stable identity, the privacy officer's decisions (append-only, each with an
// audit-trail entry) and the redacted public copies. Reached as `store.privacy`; every method is atomic.

/** A stored version of a post, reply or profile with what the scanner and the public copy need. */
export interface PrivacyVersion {
  versionId: number;
  itemId: number;
  accountId: string;
  platform: string;
  platformId: string;
  kind: ItemKind;
  uri: string;
  thirdParty: boolean;
  authorId: string;
  authorHandle: string;
  /** The registered account's own id on the platform, when anything of it is stored. */
  ownAuthorId: string | null;
  threadRootPlatformId: string | null;
  parentPlatformId: string | null;
  publishedAt: string;
  foundDeletedAt: string | null;
  versionKey: string;
  versionAt: string;
  source: string;
  payload: string;
  payloadSha256: string;
  capturedAt: string;
  /** Position among the item's versions (0 = oldest) and how many there are. */
  versionIndex: number;
  versionCount: number;
  /** For a history entry: the item's newest `status` payload, which a history entry is normalised with. */
  statusPayload: string | null;
  media: { position: number; platformId: string | null; type: string; url: string; sha256: string | null; size: number | null }[];
}

/** A finding as the scanner reports it, before the store gives it an id. */
export type NewFinding = Omit<Finding, 'id' | 'accountId' | 'itemPlatformId' | 'itemKind' | 'versionKey' | 'firstFoundAt' | 'lastFoundAt' | 'reported'>;

/** The result of scanning one version. */
export interface VersionScan {
  versionId: number;
  /** Every finding the scan reported (already matched to earlier identities where the same). */
  findings: NewFinding[];
  /** Categories the scan looked for: earlier findings of these categories that were not reported again are marked unreported. */
  scannedCategories: string[];
  /** Why (part of) the version could not be scanned; such a version counts as unreviewed. */
  problem?: string | undefined;
}

export interface ScanCounts {
  versions: number;
  newFindings: number;
  foundAgain: number;
  noLongerReported: number;
  problems: number;
}

/** A finding with the item it belongs to and its current decision. */
export interface FindingView extends Finding {
  itemId: number;
  versionId: number;
  authorHandle: string;
  authorName: string | null;
  thirdParty: boolean;
  publishedAt: string;
  /** The latest decision, or null while the finding is open. */
  decision: Decision | null;
}

export interface FindingFilter {
  accountIds?: string[] | undefined;
  /** Items published on or after this date (inclusive). */
  from?: string | undefined;
  /** Items published before this date-time (exclusive; pass the day after for an inclusive date). */
  before?: string | undefined;
  categories?: string[] | undefined;
  /** open: reported and undecided; decided: has a decision; all: both (findings no longer reported only when decided). */
  status?: 'open' | 'decided' | 'all' | undefined;
  /** Only findings whose latest decision is one of these. */
  actions?: DecisionAction[] | undefined;
  itemIds?: number[] | undefined;
  /** Exactly this flagged text. */
  text?: string | undefined;
  /** Only findings in items of these kinds. */
  kinds?: ItemKind[] | undefined;
}

/** An item in the review queue: how many of its findings match the filter, and their categories. */
export interface QueueItemRef {
  itemId: number;
  accountId: string;
  platformId: string;
  publishedAt: string;
  findings: number;
  categories: string[];
}

export interface ItemRef {
  itemId: number;
  accountId: string;
  platformId: string;
  kind: ItemKind;
  uri: string;
  publishedAt: string;
}

export interface NewDecision {
  findingId: number;
  action: DecisionAction;
  restriction?: Restriction | undefined;
  reason: string;
  via: string;
}

/** An effective restrict or redact decision, as the packager maps it onto MDTO beperkingGebruik. */
export interface EffectiveRestriction {
  decisionId: number;
  findingId: number;
  category: string;
  action: Exclude<DecisionAction, 'keep'>;
  restriction: Restriction;
  reason: string;
  versionKey: string;
}

/** Everything the packager needs to know about the privacy state of one item. */
export interface ItemPrivacy {
  accountId: string;
  platformId: string;
  /** Reported findings without a decision, over all versions. */
  openFindings: number;
  /** Versions not scanned yet, or whose scan ran into a problem: the item counts as unreviewed. */
  unscannedVersions: number;
  restrictions: EffectiveRestriction[];
  /** The public copy per version that has redact decisions; `null` where it still has to be made. */
  publicCopies: { versionKey: string; copy: PublicCopy | null }[];
}

/** A version whose redact decisions are not reflected by a public copy yet. */
export interface PublicCopyDue {
  versionId: number;
  itemId: number;
  accountId: string;
  platformId: string;
  versionKey: string;
  /** The effective redact decisions (ids, ascending). */
  decisionIds: number[];
}

export type NewPublicCopy = Omit<PublicCopy, 'id' | 'accountId' | 'itemPlatformId' | 'versionKey'> & { versionId: number };

export interface PrivacyStore {
  // ---- scanning ----
  /** Versions without a scan by `detector`, by version id after `afterVersionId`, at most `limit`. */
  pendingVersions(q: { detector: string; accountIds?: string[] | undefined; afterVersionId: number; limit: number }): Promise<PrivacyVersion[]>;
  countPending(q: { detector: string; accountIds?: string[] | undefined }): Promise<number>;
  versions(versionIds: number[]): Promise<PrivacyVersion[]>;
  /** Every version of an item, oldest first. */
  itemVersions(itemId: number): Promise<PrivacyVersion[]>;
  /** Findings of these versions, reported or not. */
  findingsOfVersions(versionIds: number[]): Promise<FindingView[]>;
  /** Records scans (findings upserted by key, scan marks set) in one transaction. */
  recordScans(scans: VersionScan[], detector: string, at: string): Promise<ScanCounts>;

  // ---- review ----
  listFindings(filter: FindingFilter, page: { limit: number; offset: number }): Promise<{ total: number; rows: FindingView[] }>;
  findings(ids: number[]): Promise<FindingView[]>;
  /** The items that have findings matching the filter, oldest item first (stable), paged by item. */
  listFindingItems(filter: FindingFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: QueueItemRef[] }>;
  countOpen(accountIds?: string[]): Promise<number>;
  /** Items by platform id (optionally within one account) or by canonical URI. */
  resolveItems(ref: { accountId?: string | undefined; platformId?: string | undefined; uri?: string | undefined }): Promise<ItemRef[]>;
  /**
   * Records decisions, each with its audit-trail entry, in one transaction; a finding's latest
   * decision becomes its current one. Throws when a finding does not exist.
   */
  decide(decisions: NewDecision[], actor: string, at: string): Promise<Decision[]>;
  /** Every decision on these findings, oldest first. */
  decisionHistory(findingIds: number[]): Promise<Decision[]>;

  // ---- for the packager ----
  /** Privacy state per item, keyed `<accountId>/<platformId>`. */
  itemPrivacy(items: { accountId: string; platformId: string }[]): Promise<Map<string, ItemPrivacy>>;

  // ---- public copies ----
  /** Versions with redact decisions whose current set of decisions has no public copy yet. */
  publicCopiesDue(q: { itemIds?: number[] | undefined; accountIds?: string[] | undefined }): Promise<PublicCopyDue[]>;
  /** Records a public copy whose files are already in the file store, with an audit-trail entry. */
  recordPublicCopy(copy: NewPublicCopy, actor: string): Promise<PublicCopy>;
  /** Public copies of one version, oldest first. */
  publicCopies(versionId: number): Promise<PublicCopy[]>;
}
