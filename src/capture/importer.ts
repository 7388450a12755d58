import type { Account, CaptureBatch, Platform, StoredFile } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { AccountState } from './crawler.js';
import type { ExportArchive } from './export-archive.js';

/** Everything an importer may touch: the checked archive, what the store knows, and the file store. */
export interface ImportContext {
  account: Account;
  runId: string;
  archive: ExportArchive;
  state: AccountState;
  /** Stores an entry's bytes (media) in the file store; bounded by the entry's checked size. */
  storeEntry(name: string): Promise<StoredFile>;
  progress(phase: string, detail?: string): void;
  now(): Date;
  log: Logger;
  signal: AbortSignal;
}

/**
 * Reads an owner's export of one platform (an X archive, a Facebook or Instagram download) into
 * the same observations its crawler makes, so the archive holds one item per post or reply
 * whichever route brought it. The importer returns one batch; the whole import commits at once.
 */
export interface ExportImporter {
  readonly platform: Platform;
  /** What the export is called, for messages ("X account archive"). */
  readonly name: string;
  /** True when the archive has this platform's export layout. */
  recognises(archive: ExportArchive): boolean;
  read(ctx: ImportContext): Promise<CaptureBatch>;
}
