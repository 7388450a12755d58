// The seam between verify and format identification (formats/identify): verify hands over bounded
// random access to an entry's bytes and gets a PRONOM PUID back, or null when nothing matched.
import type { ByteSource } from '../../formats/identify/bytes.js';
import { HEAD_BYTES, TAIL_BYTES, identifySource } from '../../formats/identify/index.js';
import type { RandomAccess } from './stream-util.js';

/** How much of an entry verify keeps for identification when it cannot read the entry again. */
export const IDENTIFY_HEAD = HEAD_BYTES;
export const IDENTIFY_TAIL = TAIL_BYTES;

// Identification reads a head and a tail of every file. Reading them into one reused buffer, rather
// than a fresh one per file, keeps thousands of files from churning the allocator.
const scratch = Buffer.allocUnsafe(HEAD_BYTES + TAIL_BYTES + 64 * 1024);

function scratchBacked(source: RandomAccess): ByteSource {
  let used = 0;
  return {
    size: source.size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, source.size - offset));
      const target = used + n <= scratch.length ? scratch.subarray(used, used + n) : Buffer.allocUnsafe(n);
      if (target.buffer === scratch.buffer) used += n;
      return target.subarray(0, source.readInto(offset, target));
    },
  };
}

export function identifyPuid(source: ByteSource | RandomAccess, name: string): string | null {
  // The scratch buffer is only valid during this call; identifySource keeps nothing of it.
  return identifySource('readInto' in source ? scratchBacked(source) : source, { name }).puid;
}
