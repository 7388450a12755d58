import type { Account, CaptureBatch, KnownItem, Platform, StoredFile } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { HttpRequest, HttpResponse, RateLimitPolicy } from './http/client.js';

/** Settings every crawler honours (from config/socialarchive.yaml, with these defaults). */
export interface CrawlSettings {
  /** Threads of posts published within this many days are re-checked every run (new replies, edits, deletions). */
  recheckWindowDays: number;
  /** Everything, however old, is re-checked this often (days). */
  fullSweepDays: number;
  /** How many threads are fetched at once. */
  threadConcurrency: number;
}

export const DEFAULT_CRAWL_SETTINGS: CrawlSettings = { recheckWindowDays: 30, fullSweepDays: 7, threadConcurrency: 4 };

/** What the store knows about this account's items, read-only. */
export interface AccountState {
  getCursor(key: string): Promise<string | null>;
  getItems(platformIds: string[]): Promise<Map<string, KnownItem>>;
  listOwnItems(since: string | null): Promise<KnownItem[]>;
  listThreadReplies(rootPlatformId: string): Promise<KnownItem[]>;
  listDueThreads(): Promise<string[]>;
  listUnplacedOwnReplies(): Promise<KnownItem[]>;
  /** Number of stored, undeleted replies per thread root. */
  countThreadReplies(rootPlatformIds: string[]): Promise<Map<string, number>>;
}

/** HTTP bound to one account: its credentials' rate budget, counted for its summary. */
export interface AccountHttp {
  getJson<T>(url: string, opts?: { rateLimit?: RateLimitPolicy; headers?: Record<string, string> }): Promise<{ status: number; data: T; headers: Record<string, string> }>;
  get(req: HttpRequest): Promise<HttpResponse>;
  /** Downloads a file into the file store; a failure is reported, not thrown, so one lost image does not stop a run. */
  download(url: string, opts?: { headers?: Record<string, string>; rateLimit?: RateLimitPolicy }): Promise<{ file?: StoredFile; error?: string }>;
}

/** Everything a crawler may touch. It never sees the database, the WARC or the file system directly. */
export interface CrawlContext {
  account: Account;
  runId: string;
  /** When the current capture cycle began (an interrupted run's cycle is continued). */
  cycleStartedAt: string;
  /** The account's secret, resolved from the environment; absent for anonymous capture. */
  token?: string | undefined;
  settings: CrawlSettings;
  http: AccountHttp;
  state: AccountState;
  /** Stores bytes the crawler made itself (a screenshot, a page's text) in the file store. */
  files: { put(bytes: Uint8Array): Promise<StoredFile> };
  /** Commits observations and the cursors that cover them in one transaction. */
  commit(batch: CaptureBatch): Promise<void>;
  /** Records which profile version this run saw. */
  profileSnapshot(profilePlatformId: string, versionKey: string): Promise<void>;
  /** Where the crawler is, for the progress display and for "where it stopped". */
  progress(phase: string, detail?: string): void;
  now(): Date;
  log: Logger;
  signal: AbortSignal;
}

export interface Crawler {
  readonly platform: Platform;
  crawl(ctx: CrawlContext): Promise<void>;
}

/** A crawler's way to stop a run with a reason a person can act on. */
export class CrawlStopped extends Error {
  constructor(
    readonly reason: string,
    readonly where: string,
  ) {
    super(reason);
    this.name = 'CrawlStopped';
  }
}
