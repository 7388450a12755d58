// Small helpers shared by the package sources.
import { readSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ByteSource } from '../../formats/identify/bytes.js';

/** Random access that can also read into a buffer the caller owns. */
export interface RandomAccess extends ByteSource {
  /** Reads up to `target.length` bytes from `at` into `target`; returns how many. */
  readInto(at: number, target: Uint8Array): number;
}

/** Random access to `size` bytes of an open file from `offset`. */
export function rangeSource(fd: number, offset: number, size: number): RandomAccess {
  const readInto = (at: number, target: Uint8Array): number => {
    const n = Math.max(0, Math.min(target.length, size - at));
    return n > 0 ? readSync(fd, target, 0, n, offset + at) : 0;
  };
  return {
    size,
    readInto,
    read(at, length) {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
      return buf.subarray(0, readInto(at, buf));
    },
  };
}

/** The bytes of a random-access source as a stream of 1 MiB chunks. */
export function streamOf(source: ByteSource): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (at >= source.size) {
        this.push(null);
        return;
      }
      const chunk = source.read(at, Math.min(1 << 20, source.size - at));
      at += chunk.length;
      this.push(chunk.length > 0 ? chunk : null);
    },
  });
}
