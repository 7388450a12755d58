import type { StoredFile } from '../domain/types.js';

// The durable-formats part of the store (SPEC §4): what every stored file is, the preferred
// derivatives made from files not on the list, and the renditions of threads. Reached as
// `store.formats`; every method is atomic.

/** What the identifier said about one stored file (by hash), and whether it could be handled. */
export interface FileIdentificationRecord {
  sha256: string;
  size: number;
  /** PRONOM PUID; null when the format has none or was not recognised. */
  puid: string | null;
  /** PRONOM format name. */
  formatName: string;
  formatVersion?: string | undefined;
  mime: string;
  /** On the preferred-formats list: `preferred`, `acceptable` or `neither`. */
  status: string;
  /** Identification flags (`extension-mismatch`, `embedded-zip`, ...). */
  flags: string[];
  notes: string[];
  /** The identifier and its version, e.g. `socialarchive 0.1.0 identify (DROID V118 PUIDs)`. */
  identifier: string;
  identifiedAt: string;
  /** Why the file could not be handled completely (unidentifiable, refused, tool missing); absent when all went well. */
  problem?: { code: string; message: string } | undefined;
}

/** A preferred-format file made from a stored original; it maps onto an MDTO event "Conversie". */
export interface DerivativeRecord {
  sourceSha256: string;
  sha256: string;
  size: number;
  puid: string | null;
  mime: string;
  /** File extension of the derivative, without dot. */
  extension: string;
  tool: { name: string; version: string };
  /** The settings that decide the output, so the conversion can be repeated. */
  parameters: Record<string, string | number | boolean>;
  /** What a person should know: frames dropped, colours reduced, orientation applied, ... */
  notes: string[];
  madeAt: string;
}

/** One item as a rendition shows it. */
export interface RenderedItem {
  platformId: string;
  versionKey: string;
  payloadSha256: string;
  /** When the item was first found missing on the platform, or null. */
  foundDeletedAt: string | null;
  /** Stored media of the version, in order; null where the download failed. */
  media: (string | null)[];
}

export interface RenditionRecord {
  id: number;
  accountId: string;
  rootPlatformId: string;
  /** SHA-256 over exactly what is shown (`shows`, the layout and the language): same fingerprint, same rendition. */
  fingerprint: string;
  /** Root first, then the replies. */
  shows: RenderedItem[];
  pdf: StoredFile & { puid: string | null };
  png: StoredFile & { puid: string | null };
  lang: string;
  /** Programs and versions that made it. */
  renderer: string;
  /** Media not shown, and why. */
  notes: string[];
  renderedAt: string;
}

export type NewRendition = Omit<RenditionRecord, 'id'>;

/** Why a thread could not be rendered (the last attempt); retried by the next stage call. */
export interface RenditionProblem {
  accountId: string;
  rootPlatformId: string;
  fingerprint: string;
  code: string;
  message: string;
  at: string;
}

/** A stored file nobody has identified yet, with what the archive knows about where it came from. */
export interface PendingFile {
  sha256: string;
  size: number;
  /** When the file was first stored; with the hash, the position in the queue of pending files. */
  storedAt: string;
  origin: 'media' | 'warc' | 'other';
  /** A name to check the bytes against (the media URL's last segment, `<run>-<seq>.warc`). */
  name?: string | undefined;
}

/** One member of a thread (the root or a reply) at its newest stored version. */
export interface ThreadMember {
  platformId: string;
  kind: string;
  authorId: string;
  versionId: number;
  versionKey: string;
  source: string;
  payloadSha256: string;
  capturedAt: string;
  foundDeletedAt: string | null;
  /** How many versions the item has (this one is the last). */
  versionCount: number;
  media: { platformId: string | null; url: string; sha256: string | null; size: number | null; error: string | null }[];
}

export interface FormatsStore {
  /** Up to `limit` stored files without an identification, oldest first, after `after` (a page's last file). */
  pendingFiles(after: Pick<PendingFile, 'storedAt' | 'sha256'> | null, limit: number): Promise<PendingFile[]>;
  /**
   * Records a file's identification, and its derivative (whose bytes are already in the file
   * store) with the derivative's own identification, in one transaction.
   */
  recordFile(file: FileIdentificationRecord, derivative?: { record: DerivativeRecord; identification: FileIdentificationRecord }): Promise<void>;
  identification(sha256: string): Promise<FileIdentificationRecord | null>;
  identifications(sha256s: string[]): Promise<Map<string, FileIdentificationRecord>>;
  derivativesOf(sha256: string): Promise<DerivativeRecord[]>;
  /** Files whose handling ran into a problem. */
  fileProblems(): Promise<FileIdentificationRecord[]>;

  /** Roots of the account's threads (its own posts that root a thread), by platform id, after `after`, at most `limit`. */
  threadRoots(accountId: string, after: string | null, limit: number): Promise<string[]>;
  /** The root and every reply of a thread (deleted ones too), each at its newest version; root first. */
  threadMembers(accountId: string, rootPlatformId: string): Promise<ThreadMember[]>;
  /** Payloads of versions by version id. */
  versionPayloads(versionIds: number[]): Promise<Map<number, string>>;
  /** The account's own id on its platform (the author id of its own items), once anything of it is stored. */
  ownAuthorId(accountId: string): Promise<string | null>;
  /** The newest `source = 'status'` payload of an item (what a history entry belongs to). */
  latestStatusPayload(accountId: string, platformId: string): Promise<string | null>;

  /** Records a rendition whose PDF and PNG are already in the file store; a second one with the same fingerprint is ignored. */
  recordRendition(r: NewRendition, pdf: FileIdentificationRecord, png: FileIdentificationRecord): Promise<void>;
  hasRendition(accountId: string, rootPlatformId: string, fingerprint: string): Promise<boolean>;
  latestRendition(accountId: string, rootPlatformId: string): Promise<RenditionRecord | null>;
  /** Every rendition of a thread, oldest first. */
  renditions(accountId: string, rootPlatformId: string): Promise<RenditionRecord[]>;
  countRenditions(accountId?: string): Promise<number>;
  recordRenditionProblem(p: RenditionProblem): Promise<void>;
  renditionProblems(accountId?: string): Promise<RenditionProblem[]>;
}
