// The records of a POSIX tar (ustar, with a pax extended header where ustar falls short) as bytes.
// Pure: facts in, bytes out. Every entry is a regular file with mode 0644, owner 0, and the
// package's creation time, so the same entries give the same bytes.

export const BLOCK = 512;

/** Largest size the 11 octal digits of a ustar size field hold (8 GiB - 1). */
const USTAR_MAX_SIZE = 0o77777777777;

/** The end of a tar: two zero blocks. */
export const TAR_END = Buffer.alloc(2 * BLOCK);

export const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

const isPlainAscii = (name: string): boolean => /^[\x20-\x7e]*$/.test(name);

/** Splits a name over ustar's prefix (155 bytes) and name (100 bytes) fields at a slash, if it can. */
function ustarSplit(name: string): { prefix: string; name: string } | undefined {
  if (!isPlainAscii(name)) return undefined;
  if (name.length <= 100) return { prefix: '', name };
  for (let at = name.indexOf('/'); at >= 0 && at <= 155; at = name.indexOf('/', at + 1)) {
    if (name.length - at - 1 <= 100 && at > 0) return { prefix: name.slice(0, at), name: name.slice(at + 1) };
  }
  return undefined;
}

/** Whether an entry needs a pax header: a name ustar cannot hold, or a size its field cannot. */
export const needsPax = (name: string, size: number): boolean => size > USTAR_MAX_SIZE || ustarSplit(name) === undefined;

/** Upper bound on the bytes of a pax header (header block and records) for a name of `nameBytes`. */
export const paxBound = (nameBytes: number): number => BLOCK + Math.ceil((nameBytes + 64) / BLOCK) * BLOCK;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function headerBlock(fields: { name: string; prefix: string; size: number; mtime: number; type: '0' | 'x' }): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(fields.name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(fields.size, 12), 124, 'ascii');
  h.write(octal(fields.mtime, 12), 136, 'ascii');
  h.write(' '.repeat(8), 148, 'ascii');
  h.write(fields.type, 156, 'ascii');
  h.write('ustar\x0000', 257, 'ascii');
  h.write(octal(0, 8), 329, 'ascii');
  h.write(octal(0, 8), 337, 'ascii');
  h.write(fields.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** A pax record `<length> <key>=<value>\n`, where the length counts the record itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bytes = Buffer.byteLength(body, 'utf8');
  let length = bytes + 1;
  while (bytes + String(length).length !== length) length++;
  return `${length}${body}`;
}

/**
 * The header blocks of a regular file of `size` bytes (its data follows, padded to a block): one
 * ustar block, preceded by a pax header when the name or size does not fit ustar.
 */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const seconds = Math.max(0, Math.floor(mtime.getTime() / 1000));
  const split = ustarSplit(name);
  if (split && size <= USTAR_MAX_SIZE) return headerBlock({ ...split, size, mtime: seconds, type: '0' });
  const records = Buffer.from(
    (split ? '' : paxRecord('path', name)) + (size > USTAR_MAX_SIZE ? paxRecord('size', String(size)) : ''),
    'utf8',
  );
  // The ustar fields get what fits; readers take the name and size from the pax records.
  const fallback = split ?? { prefix: '', name: name.replace(/[^\x20-\x7e]/g, '_').slice(-100) };
  return Buffer.concat([
    headerBlock({ name: '././@PaxHeader', prefix: '', size: records.length, mtime: seconds, type: 'x' }),
    records,
    Buffer.alloc(padding(records.length)),
    headerBlock({ ...fallback, size: Math.min(size, USTAR_MAX_SIZE), mtime: seconds, type: '0' }),
  ]);
}
