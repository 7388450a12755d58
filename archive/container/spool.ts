// Records that belong at the end of a container (a zip's central directory) kept in a temporary file
// beside it until then, so memory does not grow with the number of entries: they are gathered in a
// 256 KiB buffer and written out whenever it fills.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { PositionalRead } from './output.js';

const CHUNK = 256 * 1024;

export class Spool {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafeSlow(CHUNK);
  private used = 0;
  private onDisk = 0;
  private closed = false;

  /** Creates `path`, which must not exist. */
  constructor(private readonly path: string) {
    this.fd = openSync(path, 'wx+');
  }

  /** Bytes added so far. */
  get size(): number {
    return this.onDisk + this.used;
  }

  add(record: Buffer): void {
    if (this.used + record.length > CHUNK) this.spill();
    if (record.length > CHUNK) {
      this.write(record);
      return;
    }
    record.copy(this.buffer, this.used);
    this.used += record.length;
  }

  /** Everything added, in order, for ContainerOutput.appendFrom. */
  reader(): PositionalRead {
    this.spill();
    return async (into, at) => readSync(this.fd, into, 0, Math.min(into.length, this.onDisk - at), at);
  }

  /** Closes and removes the file. */
  discard(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }

  private spill(): void {
    this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private write(bytes: Buffer): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.onDisk + done);
    this.onDisk += bytes.length;
  }
}
