import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { newRecordId, recordHeader, RECORD_END, sha256Digest, warcFields, type WarcType } from './record.js';

/** A body held in memory, or in a finished local file (large media) that is streamed into the WARC. */
export type Body = Buffer | { path: string; size: number };

export interface HttpExchange {
  targetUri: string;
  /** When the request was sent. */
  date: Date;
  ip?: string | undefined;
  /** Request line and headers, exactly as sent (secrets already redacted by the caller). */
  requestHead: Buffer;
  requestBody?: Buffer | undefined;
  /** Absent when no response arrived at all (connection refused, reset before headers). */
  response?:
    | {
        head: Buffer;
        body: Body;
        /** Set when the body is incomplete: `length` (cut short), `time` (stalled), `disconnect`. */
        truncated?: 'length' | 'time' | 'disconnect' | undefined;
      }
    | undefined;
}

export interface WarcFileDone {
  /** The finished file; the caller moves it into the file store. */
  path: string;
  seq: number;
  sha256: string;
  size: number;
  records: number;
}

export interface WarcWriterOptions {
  dir: string;
  /** File names are `<baseName>-<seq>.warc`; an unfinished file ends in `.open`. */
  baseName: string;
  /** The Nationaal Archief guideline: at most 1 GB per WARC file. */
  maxBytes?: number;
  /** warcinfo fields: software, operator, ... */
  info: Record<string, string>;
  onFileDone: (f: WarcFileDone) => Promise<void>;
}

const bodySize = (b: Body) => (Buffer.isBuffer(b) ? b.length : b.size);
const CHUNK = 1 << 20;

function* bodyChunks(b: Body): Generator<Buffer> {
  if (Buffer.isBuffer(b)) {
    if (b.length) yield b;
    return;
  }
  const fd = openSync(b.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let left = b.size;
    let pos = 0;
    while (left > 0) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, left), pos);
      if (n === 0) throw new Error(`WARC body file ${b.path} is shorter than ${b.size} bytes`);
      yield buf.subarray(0, n);
      left -= n;
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends request/response records of every HTTP exchange, uncompressed, rotating files before
 * they pass `maxBytes`. Each record is written with synchronous appends in one go, so records of
 * concurrent exchanges never interleave and a killed process leaves at most one torn record at
 * the end (which `recoverWarc` cuts off).
 */
export class WarcWriter {
  private fd: number | null = null;
  private path = '';
  private seq = 0;
  private size = 0;
  private records = 0;
  private hash = createHash('sha256');
  private warcinfoId = '';
  private pending: Promise<void> = Promise.resolve();
  readonly maxBytes: number;

  constructor(private readonly opts: WarcWriterOptions) {
    this.maxBytes = opts.maxBytes ?? 1_000_000_000;
  }

  /** Queues the exchange; resolves when it is on disk (not yet fsynced: see close()). */
  write(ex: HttpExchange): Promise<void> {
    const next = this.pending.then(() => this.writeNow(ex));
    // The caller gets this write's error; the queue itself carries on with the next write.
    this.pending = next.catch(() => undefined);
    return next;
  }

  private async writeNow(ex: HttpExchange): Promise<void> {
    const date = ex.date.toISOString();
    const requestId = newRecordId();
    const responseId = ex.response ? newRecordId() : undefined;
    const requestBlock = ex.requestBody ? Buffer.concat([ex.requestHead, ex.requestBody]) : ex.requestHead;
    const estimate = requestBlock.length + (ex.response ? ex.response.head.length + bodySize(ex.response.body) : 0) + 2048;
    if (this.fd !== null && this.records > 1 && this.size + estimate > this.maxBytes) await this.finishFile();
    if (this.fd === null) this.startFile();

    const common: [string, string][] = [
      ['WARC-Date', date],
      ['WARC-Target-URI', ex.targetUri],
      ['WARC-Warcinfo-ID', this.warcinfoId],
    ];
    if (ex.ip) common.push(['WARC-IP-Address', ex.ip]);
    const requestFields: [string, string][] = [
      ['WARC-Record-ID', requestId],
      ...common,
      ['Content-Type', 'application/http;msgtype=request'],
      ['WARC-Block-Digest', sha256Digest(createHash('sha256').update(requestBlock))],
    ];
    if (responseId) requestFields.push(['WARC-Concurrent-To', responseId]);
    this.append('request', requestFields, [requestBlock]);

    if (ex.response && responseId) {
      const { head, body, truncated } = ex.response;
      const block = createHash('sha256').update(head);
      const payload = createHash('sha256');
      for (const c of bodyChunks(body)) {
        block.update(c);
        payload.update(c);
      }
      const fields: [string, string][] = [
        ['WARC-Record-ID', responseId],
        ...common,
        ['WARC-Concurrent-To', requestId],
        ['Content-Type', 'application/http;msgtype=response'],
        ['WARC-Block-Digest', sha256Digest(block)],
        ['WARC-Payload-Digest', sha256Digest(payload)],
      ];
      if (truncated) fields.push(['WARC-Truncated', truncated]);
      this.append('response', fields, (function* () {
        yield head;
        yield* bodyChunks(body);
      })(), head.length + bodySize(body));
    }
  }

  private startFile(): void {
    this.path = join(this.opts.dir, `${this.opts.baseName}-${String(this.seq).padStart(5, '0')}.warc.open`);
    this.fd = openSync(this.path, 'wx');
    this.size = 0;
    this.records = 0;
    this.hash = createHash('sha256');
    this.warcinfoId = newRecordId();
    const filename = this.path.replace(/^.*[\\/]/, '').replace(/\.open$/, '');
    const block = warcFields({ ...this.opts.info, format: 'WARC File Format 1.1', conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/' });
    this.append(
      'warcinfo',
      [
        ['WARC-Record-ID', this.warcinfoId],
        ['WARC-Date', new Date().toISOString()],
        ['WARC-Filename', filename],
        ['Content-Type', 'application/warc-fields'],
        ['WARC-Block-Digest', sha256Digest(createHash('sha256').update(block))],
      ],
      [block],
    );
  }

  private append(type: WarcType, fields: [string, string][], parts: Iterable<Buffer>, length?: number): void {
    const buffered = length === undefined ? [...parts] : null;
    const contentLength = length ?? buffered!.reduce((n, p) => n + p.length, 0);
    const header = recordHeader(type, fields, contentLength);
    this.put(header);
    let written = 0;
    for (const p of buffered ?? parts) {
      this.put(p);
      written += p.length;
    }
    if (written !== contentLength) throw new Error(`WARC record body was ${written} bytes, expected ${contentLength}`);
    this.put(RECORD_END);
    this.records++;
  }

  private put(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd!, buf, off, buf.length - off);
    this.hash.update(buf);
    this.size += buf.length;
  }

  private async finishFile(): Promise<void> {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    const done = this.path.replace(/\.open$/, '');
    renameSync(this.path, done);
    const seq = this.seq++;
    await this.opts.onFileDone({ path: done, seq, sha256: this.hash.digest('hex'), size: this.size, records: this.records });
  }

  /** Flushes and hands over the current file. Safe to call more than once. */
  async close(): Promise<void> {
    await this.pending;
    await this.finishFile();
  }
}
