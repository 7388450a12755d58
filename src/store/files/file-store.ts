import type { Readable } from 'node:stream';
import type { StoredFile } from '../../domain/types.js';

/** Content-addressed file storage: a file is named by its SHA-256 and never changes once stored. */
export interface FileStore {
  /** Streams bytes in; the file appears under its hash only once complete. */
  putStream(source: AsyncIterable<Uint8Array> | Readable, maxBytes?: number): Promise<StoredFile>;
  putBuffer(bytes: Uint8Array): Promise<StoredFile>;
  /** Adopts a finished local file whose hash the caller computed while writing it (the file is moved). */
  adopt(path: string, file: StoredFile): Promise<void>;
  has(sha256: string): Promise<boolean>;
  open(sha256: string): Readable;
  /** A scratch directory on the same filesystem, for files that will be adopted. */
  readonly tmpDir: string;
}
