// Checks a file while it is packaged: the bytes must be exactly as many, and hash to exactly the
// SHA-256, that the store recorded at capture. The hashing itself runs on a worker thread
// (ThreadedHash), shared by the files of one volume, one file at a time. FileCheck sees the chunks a
// writer reads itself; CheckedStream is the same check as a pass-through stream.
import { Transform, type TransformCallback } from 'node:stream';
import { UserError } from '../../src/domain/errors.js';
import type { HashAlgorithm, ThreadedHash } from './threaded-hash.js';

export class FileMismatchError extends UserError {
  constructor(label: string, detail: string) {
    super('PACKAGE_FILE_MISMATCH', `${label}: the bytes differ from what was recorded at capture (${detail}); nothing was written`);
  }
}

export type FileDigests = Partial<Record<HashAlgorithm, string>> & { sha256: string };

/** What a writer tells about an entry's bytes as it reads them (see ContainerWriter.addFile). */
export interface ChunkCheck {
  /** The next chunk, before it is written; a returned promise means: wait before the next. Throws to stop. */
  update(chunk: Uint8Array): Promise<void> | undefined;
  /** All chunks given. Throws to stop. */
  end(): void;
}

export class FileCheck implements ChunkCheck {
  private seen = 0;
  /**
   * The file's digests once the worker has them; rejects with FileMismatchError when the SHA-256
   * differs. Set by `end` (the next file need not wait for it).
   */
  digests: Promise<FileDigests> | undefined;

  constructor(
    private readonly label: string,
    private readonly expected: { size: number; sha256: string },
    private readonly hasher: ThreadedHash,
  ) {}

  update(chunk: Uint8Array): Promise<void> | undefined {
    this.seen += chunk.length;
    if (this.seen > this.expected.size) throw new FileMismatchError(this.label, `more than the recorded ${this.expected.size} bytes`);
    return this.hasher.update(chunk);
  }

  end(): void {
    if (this.seen !== this.expected.size) throw new FileMismatchError(this.label, `${this.seen} bytes instead of the recorded ${this.expected.size}`);
    this.digests = this.hasher.digest().then((d) => {
      if (d.sha256 !== this.expected.sha256) throw new FileMismatchError(this.label, `SHA-256 ${d.sha256} instead of the recorded ${this.expected.sha256}`);
      return d;
    });
    this.digests.catch(() => undefined);
  }
}

export class CheckedStream extends Transform {
  private readonly check: FileCheck;

  constructor(label: string, expected: { size: number; sha256: string }, hasher: ThreadedHash) {
    super();
    this.check = new FileCheck(label, expected, hasher);
  }

  /** See FileCheck.digests; set when the stream ends. */
  get digests(): Promise<FileDigests> | undefined {
    return this.check.digests;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let wait: Promise<void> | undefined;
    try {
      wait = this.check.update(chunk);
    } catch (e) {
      done(e as Error);
      return;
    }
    if (wait) wait.then(() => done(null, chunk), done);
    else done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.check.end();
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}
