import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { UserError } from '../../domain/errors.js';
import type { StoredFile } from '../../domain/types.js';
import type { FileStore } from './file-store.js';

const HEX64 = /^[0-9a-f]{64}$/;
/** S3's smallest part (all but the last). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface S3FileStoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix inside the bucket; objects are `<prefix>sha256/ab/cd/<hash>` like the disk store. */
  prefix?: string;
  /** Local scratch folder: incoming bytes are hashed there before they get their name. */
  tmpDir: string;
  /** Files above this go up in parts of this size (multipart upload). */
  partBytes?: number;
}

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const sha256hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Content-addressed files on S3-compatible object storage. A name is the SHA-256 of the bytes, so
 * the bytes are spooled to local scratch while hashed, then uploaded under their name with the
 * SHA-256 sent along (whole objects) or per part (multipart): the server refuses bytes that
 * arrive changed, and an object exists only once its upload completed. Reads are hashed as they
 * stream and fail at the end when the bytes are not the ones named.
 */
export class S3FileStore implements FileStore {
  readonly tmpDir: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partBytes: number;

  constructor(opts: S3FileStoreOptions) {
    this.client = opts.client;
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
    this.tmpDir = opts.tmpDir;
    this.partBytes = Math.max(MIN_PART_BYTES, opts.partBytes ?? 16 * 1024 * 1024);
    mkdirSync(this.tmpDir, { recursive: true });
  }

  keyOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new UserError('files.bad-hash', `not a SHA-256: ${sha256.slice(0, 80)}`);
    return `${this.prefix}sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async putStream(source: AsyncIterable<Uint8Array> | Readable, maxBytes = Number.MAX_SAFE_INTEGER): Promise<StoredFile> {
    const tmp = join(this.tmpDir, `${Date.now()}-${process.pid}-${randomBytes(6).toString('hex')}.part`);
    const fh = await open(tmp, 'wx');
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new UserError('files.too-large', `file larger than the limit of ${maxBytes} bytes`);
        hash.update(chunk);
        await fh.write(chunk);
      }
    } catch (e) {
      await fh.close();
      await rm(tmp, { force: true });
      throw e;
    }
    await fh.close();
    const file = { sha256: hash.digest('hex'), size };
    await this.adopt(tmp, file);
    return file;
  }

  async putBuffer(bytes: Uint8Array): Promise<StoredFile> {
    const file = { sha256: sha256hex(bytes), size: bytes.byteLength };
    if (!(await this.has(file.sha256))) {
      if (bytes.byteLength > this.partBytes) return this.putStream(Readable.from([bytes]));
      await this.putWhole(file, bytes);
    }
    return file;
  }

  async adopt(path: string, file: StoredFile): Promise<void> {
    try {
      if (await this.has(file.sha256)) return;
      if (file.size <= this.partBytes) {
        const bytes = await readFile(path);
        if (bytes.byteLength !== file.size || sha256hex(bytes) !== file.sha256) throw new Error(`${path} is not the file ${file.sha256} it was said to be`);
        await this.putWhole(file, bytes);
      } else {
        await this.putParts(path, file);
      }
    } finally {
      await rm(path, { force: true });
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  open(sha256: string): Readable {
    return Readable.from(this.verifiedBytes(sha256, this.keyOf(sha256)));
  }

  private async *verifiedBytes(sha256: string, key: string): AsyncGenerator<Uint8Array> {
    let body: AsyncIterable<Uint8Array>;
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      body = r.Body as AsyncIterable<Uint8Array>;
    } catch (e) {
      if (isNotFound(e)) throw Object.assign(new Error(`no stored file ${sha256}`), { code: 'ENOENT' });
      throw e;
    }
    const hash = createHash('sha256');
    for await (const chunk of body) {
      hash.update(chunk);
      yield chunk;
    }
    const got = hash.digest('hex');
    if (got !== sha256) throw Object.assign(new Error(`stored file ${sha256} came back with SHA-256 ${got}`), { code: 'files.checksum' });
  }

  private async putWhole(file: StoredFile, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(file.sha256),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ChecksumSHA256: b64(file.sha256),
        Metadata: { sha256: file.sha256 },
      }),
    );
  }

  private async putParts(path: string, file: StoredFile): Promise<void> {
    const Key = this.keyOf(file.sha256);
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ChecksumAlgorithm: 'SHA256', Metadata: { sha256: file.sha256 } }),
    );
    const parts: { PartNumber: number; ETag: string; ChecksumSHA256: string }[] = [];
    const whole = createHash('sha256');
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(this.partBytes);
      for (let n = 1, offset = 0; offset < file.size; n++) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(this.partBytes, file.size - offset), offset);
        if (bytesRead === 0) throw new Error(`${path} is shorter than its ${file.size} bytes`);
        const part = buf.subarray(0, bytesRead);
        whole.update(part);
        const ChecksumSHA256 = createHash('sha256').update(part).digest('base64');
        const r = await this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key, UploadId, PartNumber: n, Body: part, ContentLength: bytesRead, ChecksumSHA256 }));
        parts.push({ PartNumber: n, ETag: r.ETag!, ChecksumSHA256 });
        offset += bytesRead;
      }
      if (whole.digest('hex') !== file.sha256) throw new Error(`${path} is not the file ${file.sha256} it was said to be`);
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (e) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId })).catch(() => undefined);
      throw e;
    } finally {
      await fh.close();
    }
  }
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404;
}
