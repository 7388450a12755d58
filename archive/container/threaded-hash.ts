// Hashes streams on a worker thread: the main thread copies the bytes into 1 MiB buffers and hands
// them over (cheap) instead of hashing them (not cheap), so checking files and hashing the container
// leave the main thread free to pack. The buffers travel back and are reused, so memory stays at a
// fixed pool; when all are away, `update` asks the caller to wait. One instance hashes one stream at
// a time; `digest` ends that stream and the next `update` starts a new one.
import { Worker } from 'node:worker_threads';

const BUFFER = 2 << 20;
const POOL = 4;

export type HashAlgorithm = 'sha256' | 'sha512';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fresh = () => workerData.map((a) => createHash(a));
let hashes = fresh();
parentPort.on('message', (m) => {
  if (m === 'digest') {
    parentPort.postMessage({ digests: hashes.map((h) => h.digest('hex')) });
    hashes = fresh();
    return;
  }
  const bytes = new Uint8Array(m.buffer, 0, m.length);
  for (const h of hashes) h.update(bytes);
  parentPort.postMessage({ buffer: m.buffer }, [m.buffer]);
});
`;

export class ThreadedHash {
  private readonly worker: Worker;
  private readonly free: ArrayBuffer[] = [];
  private created = 0;
  private current: Uint8Array | undefined;
  private filled = 0;
  private waiting: (() => void) | undefined;
  /** Streams ended but not yet digested by the worker, oldest first. */
  private readonly pending: { resolve: (digests: string[]) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(private readonly algorithms: HashAlgorithm[] = ['sha256']) {
    this.worker = new Worker(WORKER, { eval: true, workerData: algorithms, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker.on('message', (m: { buffer?: ArrayBuffer; digests?: string[] }) => {
      if (m.digests) this.pending.shift()?.resolve(m.digests);
      if (m.buffer) {
        this.free.push(m.buffer);
        const w = this.waiting;
        this.waiting = undefined;
        w?.();
      }
    });
    this.worker.on('error', (e) => {
      this.failure = e;
      for (const p of this.pending.splice(0)) p.reject(e);
      this.waiting?.();
    });
  }

  private send(): void {
    if (!this.current || this.filled === 0) return;
    const buffer = this.current.buffer as ArrayBuffer;
    this.worker.postMessage({ buffer, length: this.filled }, [buffer]);
    this.current = undefined;
    this.filled = 0;
  }

  private take(): boolean {
    const buffer = this.free.pop() ?? (this.created < POOL ? (this.created++, new ArrayBuffer(BUFFER)) : undefined);
    if (!buffer) return false;
    this.current = new Uint8Array(buffer);
    return true;
  }

  /** Copies `chunk` for hashing; returns a promise when the caller must wait before giving more. */
  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    let at = 0;
    while (at < chunk.length) {
      if (!this.current && !this.take()) {
        const rest = chunk.subarray(at);
        return new Promise<void>((resolve) => {
          this.waiting = resolve;
        }).then(() => this.update(rest));
      }
      const n = Math.min(chunk.length - at, BUFFER - this.filled);
      this.current!.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === BUFFER) this.send();
    }
    return undefined;
  }

  /**
   * Ends the current stream: the hex digests (one per algorithm) of everything given since the last
   * digest. Returns at once; the next stream can start before this one's digest is ready.
   */
  digest(): Promise<Record<HashAlgorithm, string>> {
    if (this.failure) return Promise.reject(this.failure);
    this.send();
    const digests = new Promise<string[]>((resolve, reject) => this.pending.push({ resolve, reject }));
    this.worker.postMessage('digest');
    return digests.then((values) => Object.fromEntries(this.algorithms.map((a, i) => [a, values[i]!])) as Record<HashAlgorithm, string>);
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
