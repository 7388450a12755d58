// CRC-32 (as zip uses it): zlib's native one where Node has it (20.15 and later), a table otherwise.
import * as zlib from 'node:zlib';

let table: Int32Array | undefined;

function tableCrc32(data: Uint8Array, previous = 0): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = ~previous;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export const crc32: (data: Uint8Array, previous?: number) => number = native ?? tableCrc32;

/** The same choice as JavaScript source, for code that runs in a worker. */
export const CRC32_SOURCE = `
const crc32 = require('node:zlib').crc32 || (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; t[n] = c; }
  return (d, p = 0) => { let c = ~p; for (let i = 0; i < d.length; i++) c = t[(c ^ d[i]) & 0xff] ^ (c >>> 8); return ~c >>> 0; };
})();
`;
