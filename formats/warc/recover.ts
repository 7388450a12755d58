import { createHash } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, fsyncSync, openSync, readSync } from 'node:fs';

export interface RecoveredWarc {
  records: number;
  size: number;
  sha256: string;
  /** Bytes cut off the end (a record torn by a killed process). */
  cut: number;
}

const MAX_HEADER = 64 * 1024;

/**
 * Cuts a WARC file left by a killed process back to its last complete record and reports what
 * remains. Reads record by record (header, then skips Content-Length bytes), so memory stays flat.
 */
export function recoverWarc(path: string): RecoveredWarc {
  const fd = openSync(path, 'r+');
  try {
    const total = fstatSync(fd).size;
    let pos = 0;
    let records = 0;
    const hash = createHash('sha256');
    const head = Buffer.alloc(MAX_HEADER);
    for (;;) {
      const n = readSync(fd, head, 0, Math.min(MAX_HEADER, total - pos), pos);
      if (n === 0) break;
      const text = head.subarray(0, n).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (!text.startsWith('WARC/') || end < 0) break;
      const m = /\r\nContent-Length:\s*(\d+)\r\n/i.exec(text.slice(0, end + 2));
      if (!m) break;
      const recordEnd = pos + end + 4 + Number(m[1]) + 4;
      if (recordEnd > total) break;
      const tail = Buffer.alloc(4);
      readSync(fd, tail, 0, 4, recordEnd - 4);
      if (!tail.equals(Buffer.from('\r\n\r\n'))) break;
      pos = recordEnd;
      records++;
    }
    // Hash what stays, streaming.
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let off = 0; off < pos; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, pos - off), off);
      hash.update(buf.subarray(0, n));
      off += n;
    }
    if (pos < total) {
      ftruncateSync(fd, pos);
      fsyncSync(fd);
    }
    return { records, size: pos, sha256: hash.digest('hex'), cut: total - pos };
  } finally {
    closeSync(fd);
  }
}
