// Content identifiers (CIDv1, base32) as AT Protocol uses them: records are `dag-cbor`, blobs `raw`,
// both hashed with SHA-256. A blob's CID carries the SHA-256 of its bytes, so a downloaded original
// can be checked against the record that references it.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
export const CODEC = { raw: 0x55, dagCbor: 0x71 } as const;
const SHA2_256 = 0x12;

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(s: string): Uint8Array | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of s) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** `b` + base32 of `[version 1, codec, sha2-256, 32, digest]`. */
export function cidV1(codec: number, sha256: Uint8Array): string {
  if (sha256.length !== 32) throw new Error('a SHA-256 digest has 32 bytes');
  return `b${base32(Uint8Array.from([1, codec, SHA2_256, 32, ...sha256]))}`;
}

/** The SHA-256 (hex) a CIDv1 names, or null when it is not a base32 CIDv1 over SHA-256. */
export function cidSha256(cid: string): string | null {
  if (!/^b[a-z2-7]{58,}$/.test(cid)) return null;
  const bytes = unbase32(cid.slice(1));
  if (!bytes || bytes.length !== 36 || bytes[0] !== 1 || bytes[2] !== SHA2_256 || bytes[3] !== 32) return null;
  return Buffer.from(bytes.subarray(4)).toString('hex');
}
