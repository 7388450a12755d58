import { createHash, randomUUID } from 'node:crypto';

// WARC 1.1 record framing (ISO 28500:2017): header lines, CRLF, block, CRLF CRLF.

export const WARC_VERSION = 'WARC/1.1';
const CRLF = '\r\n';
export const RECORD_END = Buffer.from('\r\n\r\n');

export type WarcType = 'warcinfo' | 'request' | 'response' | 'metadata' | 'resource';

export const newRecordId = (): string => `<urn:uuid:${randomUUID()}>`;

/** RFC 4648 base32 with padding, the customary encoding of WARC digests. */
export function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

export const sha256Digest = (hash: ReturnType<typeof createHash>): string => `sha256:${base32(hash.digest())}`;

/** Serialises the header block of one record; header values must not contain CR or LF. */
export function recordHeader(type: WarcType, fields: [string, string][], contentLength: number): Buffer {
  const lines = [WARC_VERSION, `WARC-Type: ${type}`];
  for (const [name, value] of fields) {
    if (/[\r\n]/.test(value) || /[\r\n:]/.test(name)) throw new Error(`invalid WARC header ${name}`);
    lines.push(`${name}: ${value}`);
  }
  lines.push(`Content-Length: ${contentLength}`);
  return Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'utf8');
}

/** `application/warc-fields` body, as used by warcinfo and metadata records. */
export function warcFields(fields: Record<string, string>): Buffer {
  return Buffer.from(
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}${CRLF}`)
      .join(''),
    'utf8',
  );
}
