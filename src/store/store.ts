import type {
  CaptureBatch,
  CaptureStats,
  KnownItem,
  Registry,
  RunAccountResult,
  RunStatus,
  StopInfo,
  StoredFile,
} from '../domain/types.js';
import type { FormatsStore } from './formats-store.js';
import type { PrivacyStore } from './privacy-store.js';
import type { SearchStore } from './search-store.js';
import type { ScheduleStore } from './schedule-store.js';
import type { TransfersStore } from './transfers-store.js';
import type { UsersStore } from './users-store.js';

/** What one committed batch added, for the run summary. */
export type BatchResult = Pick<
  CaptureStats,
  'newItems' | 'newPosts' | 'newReplies' | 'newVersions' | 'edited' | 'deleted' | 'media' | 'mediaBytes' | 'threadsCut'
>;

export interface RegistryVersion {
  id: number;
  sha256: string;
  loadedAt: string;
  actor: string;
  changes: string[];
}

export interface RunRecord {
  id: string;
  startedAt: string;
  finishedAt?: string | undefined;
  status: RunStatus;
  operator: string;
  pid: number;
  host: string;
  accounts: RunAccountResult[];
}

export interface WarcFileRecord {
  runId: string;
  seq: number;
  file: StoredFile;
  records: number;
  recovered: boolean;
}

export interface ImportFileRecord {
  runId: string;
  accountId: string;
  file: StoredFile;
  /** The file's name as given to the import command. */
  name: string;
  /** What the importer recognised it as ("X account archive"). */
  format: string;
}

export interface ItemVersionRecord {
  versionKey: string;
  versionAt: string;
  source: string;
  payload: string;
  payloadSha256: string;
  runId: string;
  capturedAt: string;
  media: { platformId?: string | undefined; type: string; url: string; remoteUrl?: string | undefined; sha256?: string | undefined; size?: number | undefined; error?: string | undefined }[];
}

export interface ItemRecord extends KnownItem {
  accountId: string;
  uri: string;
  url?: string | undefined;
  authorId: string;
  authorHandle: string;
  authorName?: string | undefined;
  firstCapturedAt: string;
  threadCut?: string | undefined;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

export interface StoreIntegrity {
  files: Map<string, { size: number | null; where: string }>;
  problems: string[];
}

/** Held while one process captures one account; released at the end, taken over when its holder died. */
export interface AccountLock {
  accountId: string;
  runId: string;
  pid: number;
  host: string;
}

/**
 * The one interface to the archive's database. Crawlers never see it: they get a capture context
 * (src/capture/crawler.ts) that reads and commits through it. Every method is atomic.
 */
export interface Store {
  // Registry and its history.
  recordRegistry(registry: Registry, source: string, actor: string, changes: string[]): Promise<RegistryVersion | null>;
  latestRegistry(): Promise<{ version: RegistryVersion; registry: Registry } | null>;
  registryHistory(): Promise<RegistryVersion[]>;

  // Runs.
  beginRun(run: { id: string; operator: string; pid: number; host: string; startedAt: string }): Promise<void>;
  /** Takes the account's lock and returns when its current capture cycle started (inherited from an unfinished run). */
  beginAccount(runId: string, accountId: string, at: string, isAlive: (l: AccountLock) => boolean): Promise<{ cycleStartedAt: string }>;
  finishAccount(runId: string, accountId: string, status: RunStatus, stats: CaptureStats, at: string, stop?: StopInfo): Promise<void>;
  /** Records that an account of the run was not captured at all, and why. */
  skipAccount(runId: string, accountId: string, status: 'skipped' | 'stopped', reason: string, at: string): Promise<void>;
  finishRun(runId: string, status: RunStatus, at: string): Promise<void>;
  /** Marks runs whose process is gone as interrupted; returns their ids. */
  markInterruptedRuns(isAlive: (run: { pid: number; host: string }) => boolean, at: string): Promise<string[]>;
  listRuns(limit: number): Promise<RunRecord[]>;
  getRun(id: string): Promise<RunRecord | null>;

  // Capture.
  commitBatch(accountId: string, runId: string, at: string, batch: CaptureBatch): Promise<BatchResult>;
  getCursor(accountId: string, key: string): Promise<string | null>;
  getItems(accountId: string, platformIds: string[]): Promise<Map<string, KnownItem>>;
  /** The account's own items (not third-party, not profile) published at or after `since` (all when null), not deleted. */
  listOwnItems(accountId: string, since: string | null): Promise<KnownItem[]>;
  /** Replies stored for a thread, not deleted. */
  listThreadReplies(accountId: string, rootPlatformId: string): Promise<KnownItem[]>;
  /** Thread roots flagged for a replies check, oldest first. */
  listDueThreads(accountId: string): Promise<string[]>;
  /** Number of stored, undeleted replies per thread root. */
  countThreadReplies(accountId: string, rootPlatformIds: string[]): Promise<Map<string, number>>;
  /** Own items not (yet) placed in a thread: the account's replies into conversations. */
  listUnplacedOwnReplies(accountId: string): Promise<KnownItem[]>;
  recordProfileSnapshot(runId: string, accountId: string, profilePlatformId: string, versionKey: string): Promise<void>;
  latestProfile(accountId: string): Promise<{ payload: string; capturedAt: string } | null>;

  // Reading the archive.
  listItems(accountId: string): Promise<ItemRecord[]>;
  listVersions(accountId: string, platformId: string): Promise<ItemVersionRecord[]>;
  countItems(accountId?: string): Promise<{ posts: number; replies: number; profiles: number; versions: number; media: number; deleted: number }>;

  // Files the run produced.
  recordWarc(w: WarcFileRecord, at: string): Promise<void>;
  listWarcs(runId?: string): Promise<WarcFileRecord[]>;
  /** The manifest of an owner's export a run imported (its checksum and entries). */
  recordImportFile(f: ImportFileRecord, at: string): Promise<void>;
  listImportFiles(accountId?: string): Promise<ImportFileRecord[]>;
  /** Every sha256 the database refers to (media, WARC), for integrity checks. */
  referencedFiles(): Promise<Map<string, number>>;
  /**
   * What the database itself can say about its integrity: every file any table refers to (with the
   * size recorded and where the reference is), and the problems found in the rows (payload checksums,
   * rows pointing at rows that do not exist, the engine's own check). The files are checked by
   * `checkStore` (src/store/check.ts).
   */
  integrity(): Promise<StoreIntegrity>;

  // Append-only audit trail with a hash chain.
  audit(actor: string, action: string, subject: string, details: unknown, at: string): Promise<AuditEntry>;
  /** The whole trail, or only the entries about these subjects (`finding:F12`, `item:<account>/<id>`), oldest first. */
  auditTrail(filter?: { subjects: string[] }): Promise<AuditEntry[]>;

  /** Durable formats: identifications, derivatives, renditions (formats-store.ts). */
  readonly formats: FormatsStore;

  /** Personal data: scans, findings, decisions, public copies (privacy-store.ts). */
  readonly privacy: PrivacyStore;

  /** Transfer packages: paged reads for the packager, packages sent and receipts (transfers-store.ts). */
  readonly transfers: TransfersStore;

  /** Full-text search over every version's text, kept current by commitBatch (search-store.ts). */
  readonly search: SearchStore;
  /** Console users and their sessions (users-store.ts). */
  readonly users: UsersStore;

  /** The scheduler's last fire, run and failure per account (schedule-store.ts). */
  readonly schedule: ScheduleStore;

  /**
   * Runs `read` on one consistent view of the store: what other processes commit meanwhile is not
   * seen (a package built during a run). Reads only; writes belong after it.
   */
  snapshot<T>(read: (store: Store) => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
