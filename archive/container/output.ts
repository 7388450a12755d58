// The container file as it is written: bytes are appended to a queue and written in batches of about
// 1 MiB with one writev, one batch on its way to disk while the next fills. Files are read into a
// small pool of the output's own buffers, each reused once written: reading 2 GB through fresh
// buffers instead costs V8 a major garbage collection every few megabytes. A header whose CRC and
// sizes are known only after its data can be patched in place afterwards (in the queue, or on disk
// with a positional write). The container's SHA-256 is computed meanwhile on a worker thread that
// reads back what is final: everything written, up to a header still waiting for its patch.
import { closeSync, openSync, write, writev } from 'node:fs';
import { promisify } from 'node:util';
import { FollowingHash } from './follow-hash.js';

const BATCH_BYTES = 1 << 20;
/** Buffers files are read into: one being read while the others wait in the queue or are written. */
const SLOT_BYTES = 1 << 20;
const SLOTS = 4;
/** Stay well under IOV_MAX (1024 on Linux) buffers per writev. */
const BATCH_BUFFERS = 512;

const writevAsync = promisify(writev);
const writeAsync = promisify(write);

/** Writes all of `buffers` at `position`, continuing after a short write. */
async function writeAll(fd: number, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers;
  let at = position;
  while (rest.length > 0) {
    let n = (await writevAsync(fd, rest, at)).bytesWritten;
    at += n;
    while (rest.length > 0 && n >= rest[0]!.length) n -= rest.shift()!.length;
    if (n > 0) rest = [rest[0]!.subarray(n), ...rest.slice(1)];
  }
}

/** Reads up to `into.length` bytes of a source at `position` into `into`; how many (0 at its end). */
export type PositionalRead = (into: Buffer, position: number) => Promise<number>;

export class ContainerOutput {
  private readonly fd: number;
  private readonly hash: FollowingHash;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  /** Offset of the first queued byte: everything before it is written or being written. */
  private queueStart = 0;
  /** The batch being written, if any; it rejects with the write's error. */
  private writing: Promise<void> = Promise.resolve();
  /** Bytes on disk, from the start of the file. */
  private written = 0;
  /** A header at this offset still waits for its patch: the container's hash must not pass it. */
  private hold: number | undefined;
  private closed = false;
  /** Read buffers, each with the offset after which it is free again (everything before it written). */
  private slots: { buffer: Buffer; until: number }[] | undefined;

  /** Creates `path`, which must not exist. */
  constructor(path: string) {
    this.fd = openSync(path, 'wx');
    this.hash = new FollowingHash(path);
  }

  /** Bytes appended so far: the offset of the next byte. */
  get position(): number {
    return this.queueStart + this.queuedBytes;
  }

  /** Appends `bytes` (which must not change afterwards); returns a promise when the caller must wait. */
  append(bytes: Buffer): Promise<void> | undefined {
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    if (this.queuedBytes >= BATCH_BYTES || this.queue.length >= BATCH_BUFFERS) return this.flush();
    return undefined;
  }

  /** Sends the queue to disk once the batch before it is written; does not wait for this one. */
  private async flush(): Promise<void> {
    await this.writing;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    const at = this.queueStart;
    const end = at + this.queuedBytes;
    this.queue = [];
    this.queueStart = end;
    this.queuedBytes = 0;
    this.writing = writeAll(this.fd, batch, at).then(() => {
      this.written = end;
      this.hash.progress(Math.min(this.hold ?? end, end));
    });
    this.writing.catch(() => undefined);
  }

  /** Resolves once every byte before `offset` is on disk. */
  private async writtenTo(offset: number): Promise<void> {
    while (this.written < offset) {
      if (offset > this.queueStart) await this.flush();
      else await this.writing;
    }
  }

  /**
   * Appends everything `read` gives, read into the output's own buffers; `onChunk` sees each chunk
   * before it is appended (a returned promise: wait; a throw: stop). Returns the bytes appended.
   */
  async appendFrom(read: PositionalRead, onChunk: (chunk: Buffer) => Promise<void> | undefined): Promise<number> {
    this.slots ??= Array.from({ length: SLOTS }, () => ({ buffer: Buffer.allocUnsafeSlow(SLOT_BYTES), until: 0 }));
    let total = 0;
    for (let i = 0; ; i = (i + 1) % SLOTS) {
      const slot = this.slots[i]!;
      await this.writtenTo(slot.until);
      const n = await read(slot.buffer, total);
      if (n === 0) return total;
      const chunk = slot.buffer.subarray(0, n);
      await onChunk(chunk);
      total += n;
      slot.until = this.position + n;
      await this.append(chunk);
    }
  }

  /** Keeps the container's hash before `offset` until `release`: a header there will be patched. */
  holdAt(offset: number): void {
    this.hold = offset;
  }

  release(): void {
    this.hold = undefined;
    this.hash.progress(this.written);
  }

  /**
   * Replaces the bytes of `placeholder`, appended at `offset`, with `bytes` of the same length: in
   * the queue while it is there, else on disk.
   */
  async patch(offset: number, placeholder: Buffer, bytes: Buffer): Promise<void> {
    if (bytes.length !== placeholder.length) throw new Error('a patch must keep the length of what it replaces');
    if (offset >= this.queueStart) {
      bytes.copy(placeholder);
      return;
    }
    await this.writing;
    let done = 0;
    while (done < bytes.length) done += (await writeAsync(this.fd, bytes, done, bytes.length - done, offset + done)).bytesWritten;
  }

  /** Writes what is left and closes the file: its size and SHA-256. */
  async finish(): Promise<{ size: number; sha256: string }> {
    await this.flush();
    await this.writing;
    this.close();
    const { sha256, size } = await this.hash.finish(this.written);
    if (size !== this.written) throw new Error(`the container hash covered ${size} of ${this.written} bytes`);
    return { size, sha256 };
  }

  /** Stops after a failure; the caller removes the file. */
  async abort(): Promise<void> {
    await this.writing.catch(() => undefined);
    this.close();
    await this.hash.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
