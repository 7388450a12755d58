// SHA-256 of a file while it is being written, computed by a worker thread that reads what the
// writer has already written (from the page cache, in practice). The main thread only tells it how
// far the file has got; no bytes cross between threads.
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const buf = Buffer.allocUnsafe(1 << 20);
let fd;
let pos = 0;
parentPort.on('message', (m) => {
  if (fd === undefined) fd = openSync(workerData, 'r');
  // Hash up to the length the writer reports as written.
  while (pos < m.upTo) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, m.upTo - pos), pos);
    if (n === 0) throw new Error('the container is shorter than written');
    hash.update(buf.subarray(0, n));
    pos += n;
  }
  if (m.end) {
    closeSync(fd);
    parentPort.postMessage({ sha256: hash.digest('hex'), size: pos });
  }
});
`;

export class FollowingHash {
  private readonly worker: Worker;
  private result: Promise<{ sha256: string; size: number }>;
  private reported = 0;

  /** `path` must exist (opened for writing) before the first `progress`. */
  constructor(path: string) {
    this.worker = new Worker(WORKER, { eval: true, workerData: path, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.result = new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
    });
    this.result.catch(() => undefined);
  }

  /** The writer has written `bytes` bytes; tells the worker every `step` bytes. */
  progress(bytes: number, step = 8 << 20): void {
    if (bytes - this.reported >= step) {
      this.reported = bytes;
      this.worker.postMessage({ upTo: bytes });
    }
  }

  /** All `bytes` are written: the file's SHA-256. */
  async finish(bytes: number): Promise<{ sha256: string; size: number }> {
    this.worker.postMessage({ upTo: bytes, end: true });
    try {
      return await this.result;
    } finally {
      await this.worker.terminate();
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
