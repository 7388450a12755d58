// A pass-through stream that checks a file while it is packaged: the bytes must be exactly as many,
// and hash to exactly the SHA-256, that the store recorded at capture. The hashing itself runs on a
// worker thread (ThreadedHash), shared by the files of one volume, one file at a time.
import { Transform, type TransformCallback } from 'node:stream';
import { UserError } from '../../src/domain/errors.js';
import type { HashAlgorithm, ThreadedHash } from './threaded-hash.js';

export class FileMismatchError extends UserError {
  constructor(label: string, detail: string) {
    super('PACKAGE_FILE_MISMATCH', `${label}: the bytes differ from what was recorded at capture (${detail}); nothing was written`);
  }
}

export class CheckedStream extends Transform {
  private seen = 0;
  /**
   * The file's digests once the worker has them; rejects with FileMismatchError when the SHA-256
   * differs. Set when the stream ends (the next file need not wait for it).
   */
  digests: Promise<Partial<Record<HashAlgorithm, string>> & { sha256: string }> | undefined;

  constructor(
    private readonly label: string,
    private readonly expected: { size: number; sha256: string },
    private readonly hasher: ThreadedHash,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.expected.size) {
      done(new FileMismatchError(this.label, `more than the recorded ${this.expected.size} bytes`));
      return;
    }
    const wait = this.hasher.update(chunk);
    if (wait) wait.then(() => done(null, chunk), done);
    else done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.seen !== this.expected.size) {
      done(new FileMismatchError(this.label, `${this.seen} bytes instead of the recorded ${this.expected.size}`));
      return;
    }
    this.digests = this.hasher.digest().then((d) => {
      if (d.sha256 !== this.expected.sha256) throw new FileMismatchError(this.label, `SHA-256 ${d.sha256} instead of the recorded ${this.expected.sha256}`);
      return d;
    });
    done();
  }
}
