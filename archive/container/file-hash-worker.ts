// Hashes bytes on a second thread while the main thread works through a package's entries: the
// whole container (SHA-256, for the pakbon) and each stored entry in it (SHA-256, optionally SHA-512
// and CRC-32), in one sequential read; or, for an unpacked package, each file. The worker reads the
// files itself (from the page cache, in practice), so no bytes cross between threads. Its code is
// plain JavaScript evaluated in the worker, so it runs the same from the sources and from dist/.
import { Worker } from 'node:worker_threads';
import { CRC32_SOURCE } from './crc32.js';

/** A stretch of bytes to hash: `length` bytes of `path` from `offset`. */
export interface Piece {
  path: string;
  offset: number;
  length: number;
  crc?: boolean | undefined;
  sha512?: boolean | undefined;
}

export interface PieceDigests {
  sha256: string;
  sha512?: string | undefined;
  crc?: number | undefined;
}

export interface HashJob {
  /** A file to hash whole; pieces inside it are hashed in the same read. */
  container?: string | undefined;
  /** Sorted by offset within each path, not overlapping. */
  pieces: Piece[];
}

export interface HashResult {
  container?: { sha256: string; size: number } | undefined;
  pieces: PieceDigests[];
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
${CRC32_SOURCE}
const { container, pieces } = workerData;
const buf = Buffer.allocUnsafe(1 << 20);
const state = pieces.map((p) => ({
  sha256: createHash('sha256'),
  sha512: p.sha512 ? createHash('sha512') : null,
  crc: p.crc ? 0 : null,
}));
function feed(i, bytes) {
  const s = state[i];
  s.sha256.update(bytes);
  if (s.sha512) s.sha512.update(bytes);
  if (s.crc !== null) s.crc = crc32(bytes, s.crc);
}
// Reads [from, to) of one file (to = Infinity: to its end), handing each chunk to onChunk.
function scan(path, from, to, onChunk) {
  const fd = openSync(path, 'r');
  let pos = from;
  try {
    while (pos < to) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, to - pos), pos);
      if (n === 0) break;
      onChunk(buf.subarray(0, n), pos);
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return pos;
}
let whole;
const inContainer = [];
const byPath = new Map();
pieces.forEach((p, i) => {
  if (p.path === container) inContainer.push(i);
  else byPath.set(p.path, [...(byPath.get(p.path) || []), i]);
});
if (container !== undefined) {
  const hash = createHash('sha256');
  let r = 0;
  const size = scan(container, 0, Infinity, (chunk, pos) => {
    hash.update(chunk);
    const end = pos + chunk.length;
    while (r < inContainer.length) {
      const p = pieces[inContainer[r]];
      if (p.offset >= end) break;
      const a = Math.max(p.offset, pos);
      const b = Math.min(p.offset + p.length, end);
      if (b > a) feed(inContainer[r], chunk.subarray(a - pos, b - pos));
      if (p.offset + p.length <= end) r++;
      else break;
    }
  });
  whole = { sha256: hash.digest('hex'), size };
}
for (const [path, list] of byPath) {
  for (const i of list) scan(path, pieces[i].offset, pieces[i].offset + pieces[i].length, (chunk) => feed(i, chunk));
}
parentPort.postMessage({
  container: whole,
  pieces: state.map((s) => ({
    sha256: s.sha256.digest('hex'),
    sha512: s.sha512 ? s.sha512.digest('hex') : undefined,
    crc: s.crc === null ? undefined : s.crc >>> 0,
  })),
});
`;

/** Runs `job` on a worker thread. */
export function hashInWorker(job: HashJob): Promise<HashResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.once('message', (m: HashResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`hash worker stopped with code ${code}`));
    });
  });
}

/**
 * Splits a job over two workers, one per core: the container's own hash in one and the pieces in the
 * other, or (without a container) the pieces in two halves of about equal bytes.
 */
function split(job: HashJob): HashJob[] {
  if (job.container !== undefined) {
    return job.pieces.length === 0 ? [job] : [{ container: job.container, pieces: [] }, { pieces: job.pieces }];
  }
  const total = job.pieces.reduce((n, p) => n + p.length, 0);
  let sum = 0;
  let cut = 0;
  while (cut < job.pieces.length && sum < total / 2) sum += job.pieces[cut++]!.length;
  return cut === 0 || cut === job.pieces.length ? [job] : [{ pieces: job.pieces.slice(0, cut) }, { pieces: job.pieces.slice(cut) }];
}

/** A running job whose per-piece results can be awaited one by one. */
export class HashJobRun {
  readonly result: Promise<HashResult>;
  constructor(job: HashJob) {
    const parts = split(job);
    this.result = Promise.all(parts.map(hashInWorker)).then((results) => ({
      container: results.find((r) => r.container)?.container,
      pieces: results.flatMap((r) => r.pieces),
    }));
    this.result.catch(() => undefined);
  }
  piece(index: number): Promise<PieceDigests> {
    return this.result.then((r) => r.pieces[index]!);
  }
}
