import type { ItemKind } from '../domain/types.js';
import type { ItemRecord, WarcFileRecord } from './store.js';

// The transfers part of the store (SPEC section 6): the paged reads a transfer package is built from,
// and the record of every package that went out (what, when, by whom, to whom) with the receiving
// archive's answer. Reached as `store.transfers`; every method is atomic.

/** A post or reply as the packager reads it. */
export interface PackageItemRecord extends ItemRecord {
  /** The store's id of the item. */
  itemId: number;
  /** What showed the item was gone from the platform (e.g. the HTTP 404), when it was. */
  deletionEvidence?: string | undefined;
}

/** Publications of one account in a period: `from` inclusive, `before` exclusive (ISO dates or date-times). */
export interface PeriodQuery {
  accountId: string;
  from: string;
  before: string;
}

/** A capture run in the period, with the WARC files that hold every HTTP exchange of it. */
export interface RunInPeriod {
  runId: string;
  startedAt: string;
  finishedAt?: string | undefined;
  /** Registry ids of every account the run captured, in id order. */
  accounts: string[];
  warcs: WarcFileRecord[];
}

/** A stored version of an account's profile that a run in the period saw. */
export interface ProfileSnapshotRecord {
  platformId: string;
  versionKey: string;
  versionAt: string;
  /** When the version was first stored. */
  capturedAt: string;
}

/** A root or reply of a thread, as the review of a selection reads it. */
export interface ThreadMemberRef {
  root: string;
  itemId: number;
  platformId: string;
  kind: ItemKind;
  publishedAt: string;
}

/** An item in the order it came into the archive. */
export interface ItemCaptureRef {
  id: number;
  accountId: string;
  platformId: string;
  firstCapturedAt: string;
}

/** What a package held, for the record and the transfer list. */
export interface TransferCounts {
  informatieobjecten: number;
  bestanden: number;
  /** Non-sidecar files and their bytes (as on the pakbon). */
  payloadFiles: number;
  payloadBytes: number;
  threads: number;
  posts: number;
  replies: number;
  publicCopies: number;
  /** Items packaged with open findings (`--allow-unreviewed`), marked "Nader te bepalen". */
  unreviewed: number;
}

export interface TransferVolumeRecord {
  number: number;
  /** Volume name (the container's and pakbon's file name without extension). */
  name: string;
  container: string;
  size: number;
  sha256: string;
  pakbonSha256: string;
  informatieobjecten: number;
  bestanden: number;
}

export interface TransferSelection {
  accounts: string[];
  /** First and last day of the period (YYYY-MM-DD, both included). */
  from: string;
  to: string;
  allowUnreviewed: boolean;
}

export type ReceiptStatus = 'accepted' | 'rejected';

export interface TransferReceipt {
  status: ReceiptStatus;
  note: string;
  /** When it was recorded, and by whom. */
  at: string;
  actor: string;
  /** The archive's own receipt, kept in the file store. */
  file?: { name: string; sha256: string; size: number } | undefined;
}

export interface NewTransfer {
  /** The package id (pakbon `aanlevering`). */
  packageId: string;
  title: string;
  /** The package's creation time (as written in it). */
  created: string;
  selection: TransferSelection;
  /** The receiving archive and the collection the package is for (receiving-archive profile). */
  receiver: string;
  target: { collection: string; name: string; source: string };
  container: 'zip' | 'tar';
  bagit: boolean;
  counts: TransferCounts;
  volumes: TransferVolumeRecord[];
  /** Where the package was written. */
  location: string;
}

export interface TransferRecord extends NewTransfer {
  id: number;
  builtAt: string;
  actor: string;
  receipt: TransferReceipt | null;
  /** The audit-trail entry of the package. */
  auditSeq: number;
}

export interface TransfersStore {
  // ---- reading the archive for a package, page by page ----
  /** Roots of the account's threads with an item published in the period, in platform-id order, after `after`. */
  threadRoots(q: PeriodQuery & { after: string | null; limit: number }): Promise<string[]>;
  /** One post or reply of the account. */
  item(accountId: string, platformId: string): Promise<PackageItemRecord | null>;
  /** The replies of a thread (deleted ones too), by publication, after `after`, at most `limit`. */
  threadReplies(accountId: string, rootPlatformId: string, after: { publishedAt: string; itemId: number } | null, limit: number): Promise<PackageItemRecord[]>;
  /** The roots and replies of these threads (deleted ones too), as ids with kind and publication time. */
  threadMembers(accountId: string, rootPlatformIds: string[]): Promise<ThreadMemberRef[]>;
  /** First and last publication in a thread and how many items it has; null when there is no such thread. */
  threadSpan(accountId: string, rootPlatformId: string): Promise<{ firstAt: string; lastAt: string; items: number } | null>;
  /** Items (posts, replies, profiles) of these accounts first stored at or before `upTo`, in that order, after `after`. */
  itemsByCapture(q: { accountIds: string[]; upTo: string; after: { capturedAt: string; id: number } | null; limit: number }): Promise<ItemCaptureRef[]>;
  /** Runs started in the period that captured any of these accounts, oldest first. */
  runsInPeriod(q: { accountIds: string[]; from: string; before: string }): Promise<RunInPeriod[]>;
  /** Profile versions seen by the runs started in the period, oldest first. */
  profileSnapshots(q: PeriodQuery): Promise<ProfileSnapshotRecord[]>;
  /** Canonical URIs that more than one of these accounts holds (a status seen from two accounts). */
  sharedUris(accountIds: string[]): Promise<Set<string>>;

  // ---- the record of transfers ----
  /** Records a package that was built, with its audit-trail entry `package.build`, in one transaction. */
  recordTransfer(t: NewTransfer, actor: string, at: string): Promise<TransferRecord>;
  /** Every transfer, newest first. */
  transfers(): Promise<TransferRecord[]>;
  transfer(id: number): Promise<TransferRecord | null>;
  /** Records the archive's answer, with its audit-trail entry `transfer.receipt`; a transfer has one answer. */
  recordReceipt(id: number, receipt: Omit<TransferReceipt, 'at' | 'actor'>, actor: string, at: string): Promise<TransferRecord>;
}
