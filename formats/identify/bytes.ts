// Small helpers for reading structures out of byte arrays without copying.

/** Random access to a file or buffer; the identifier reads through this and nothing else. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the source). */
  read(offset: number, length: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(Math.max(0, offset), Math.max(0, Math.min(bytes.length, offset + length))),
  };
}

export const ascii = (b: Uint8Array, start = 0, end = b.length): string => {
  let s = '';
  for (let i = start; i < Math.min(end, b.length); i++) s += String.fromCharCode(b[i]!);
  return s;
};

export function startsWith(b: Uint8Array, sig: string | readonly number[], at = 0): boolean {
  const bytes = typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig;
  if (at + bytes.length > b.length) return false;
  for (let i = 0; i < bytes.length; i++) if (b[at + i] !== bytes[i]) return false;
  return true;
}

/** Index of the first occurrence of `sig` in `b` at or after `from`, or -1. */
export function indexOf(b: Uint8Array, sig: string | readonly number[], from = 0): number {
  const bytes = typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig;
  const first = bytes[0];
  outer: for (let i = Math.max(0, from); i <= b.length - bytes.length; i++) {
    if (b[i] !== first) continue;
    for (let j = 1; j < bytes.length; j++) if (b[i + j] !== bytes[j]) continue outer;
    return i;
  }
  return -1;
}

export function lastIndexOf(b: Uint8Array, sig: string | readonly number[]): number {
  const bytes = typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig;
  outer: for (let i = b.length - bytes.length; i >= 0; i--) {
    for (let j = 0; j < bytes.length; j++) if (b[i + j] !== bytes[j]) continue outer;
    return i;
  }
  return -1;
}

export const u16be = (b: Uint8Array, i: number): number => ((b[i]! << 8) | b[i + 1]!) >>> 0;
export const u16le = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8)) >>> 0;
export const u32be = (b: Uint8Array, i: number): number =>
  ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
export const u32le = (b: Uint8Array, i: number): number =>
  (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
