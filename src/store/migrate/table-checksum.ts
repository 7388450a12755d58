import { createHash } from 'node:crypto';

/**
 * A table's content as a count and a checksum that do not depend on row order or on the database:
 * each row is hashed as the JSON of its values in column-name order, and the table's checksum is
 * the hash of the sorted row hashes (a multiset, so a missing, extra or changed row shows).
 */
export class TableChecksum {
  private readonly rows: Buffer[] = [];

  constructor(private readonly columns: readonly string[]) {}

  add(row: Record<string, unknown>): void {
    const values = this.columns.map((c) => canonicalValue(row[c]));
    this.rows.push(createHash('sha256').update(JSON.stringify(values)).digest());
  }

  get count(): number {
    return this.rows.length;
  }

  digest(): string {
    const h = createHash('sha256');
    for (const r of [...this.rows].sort(Buffer.compare)) h.update(r);
    return h.digest('hex');
  }
}

function canonicalValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('hex') };
  if (typeof v === 'bigint') return { int: v.toString() };
  return v;
}
