// A package source hands verify its entries one by one, in container order. Stored bytes are hashed
// on a worker thread (see archive/container/file-hash-worker.ts) while the main thread reads what it
// must see itself: sidecars, tag files, and deflated entries.
import type { Readable } from 'node:stream';
import type { PieceDigests } from '../container/file-hash-worker.js';
import type { Findings } from './problems.js';
import type { RandomAccess } from './stream-util.js';

export interface EntryMeta {
  /** Path inside the container or folder, `/`-separated. */
  path: string;
  size: number;
  /** Random access to the entry's bytes, when they lie contiguous and uncompressed on disk. */
  randomAccess?: RandomAccess | undefined;
}

/**
 * An entry's bytes: either a stream to read (deflated entries), or digests computed by the worker,
 * with the bytes themselves reachable through `randomAccess`.
 */
export type EntryBody = { kind: 'stream'; stream: Readable } | { kind: 'hashed'; digests: Promise<PieceDigests> };

/** Handles one entry; a stream body must be read to its end before the promise settles. */
export type EntryHandler = (meta: EntryMeta, body: EntryBody) => Promise<void>;

export interface ReadOptions {
  /** Compute SHA-512 of hashed entries too (BagIt manifests). */
  sha512: boolean;
}

export interface SourceResult {
  /** SHA-256 and size of the container file; absent for a folder. */
  container?: { sha256: string; size: number } | undefined;
  /** Number of regular files seen. */
  files: number;
}

export interface PackageSource {
  /** Shown in problem paths, e.g. the container's file name. */
  label: string;
  /** Every entry path, known before reading; undefined when the container cannot be listed. */
  listing(): Promise<string[] | undefined>;
  read(onEntry: EntryHandler, findings: Findings, options: ReadOptions): Promise<SourceResult>;
}
