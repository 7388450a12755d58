import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A small S3-compatible server on loopback for the object-store tests: path-style buckets,
// PutObject, GetObject, HeadObject, DeleteObject and the multipart calls, with S3's rules that the
// tests rely on: a request whose x-amz-checksum-sha256 does not match its body is refused with
// BadDigest and stores nothing; parts other than the last must be at least 5 MiB; an object appears
// only when its PUT or CompleteMultipartUpload finishes. Requests must carry a SigV4 Authorization
// header with the expected access key (the signature itself is not recomputed).

export const MIN_PART = 5 * 1024 * 1024;

interface Upload {
  key: string;
  parts: Map<number, { bytes: Buffer; etag: string }>;
  metadata: Record<string, string>;
}

export interface FakeS3 {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { bytes: Buffer; metadata: Record<string, string> }>;
  stats: { puts: number; multipartCompleted: number; partsUploaded: number; gets: number; badDigest: number };
  /** Flip one byte of the next request body before the server checks it (a transfer error). */
  corruptNextBody(): void;
  close(): Promise<void>;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const etagOf = (b: Buffer) => `"${createHash('md5').update(b).digest('hex')}"`;

export async function startFakeS3(opts: { bucket?: string } = {}): Promise<FakeS3> {
  const bucket = opts.bucket ?? 'archief';
  const accessKeyId = 'FAKEACCESSKEY0000001';
  const secretAccessKey = randomBytes(20).toString('hex');
  const objects: FakeS3['objects'] = new Map();
  const uploads = new Map<string, Upload>();
  const stats = { puts: 0, multipartCompleted: 0, partsUploaded: 0, gets: 0, badDigest: 0 };
  let corrupt = false;

  const fail = (res: http.ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(xml(`<Error><Code>${code}</Code><Message>${message}</Message></Error>`));
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    if (corrupt && body.length > 0) {
      corrupt = false;
      body = Buffer.from(body);
      body[0] = body[0]! ^ 0xff;
    }
    const url = new URL(req.url!, 'http://x');
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('AWS4-HMAC-SHA256 ') || !auth.includes(`Credential=${accessKeyId}/`)) return fail(res, 403, 'AccessDenied', 'Access Denied');
    const [, b, ...rest] = url.pathname.split('/');
    if (b !== bucket) return fail(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    const metadata = Object.fromEntries(Object.entries(req.headers).filter(([h]) => h.startsWith('x-amz-meta-')).map(([h, v]) => [h, String(v)]));

    const checksum = req.headers['x-amz-checksum-sha256'];
    if (typeof checksum === 'string' && createHash('sha256').update(body).digest('base64') !== checksum) {
      stats.badDigest++;
      return fail(res, 400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
    }

    if (req.method === 'POST' && q.has('uploads')) {
      const id = randomBytes(12).toString('hex');
      uploads.set(id, { key, parts: new Map(), metadata });
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(xml(`<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`));
    }
    if (q.has('uploadId')) {
      const upload = uploads.get(q.get('uploadId')!);
      if (!upload || upload.key !== key) return fail(res, 404, 'NoSuchUpload', 'The specified upload does not exist');
      if (req.method === 'PUT') {
        const n = Number(q.get('partNumber'));
        const etag = etagOf(body);
        upload.parts.set(n, { bytes: body, etag });
        stats.partsUploaded++;
        res.writeHead(200, { etag, ...(checksum ? { 'x-amz-checksum-sha256': checksum } : {}) });
        return res.end();
      }
      if (req.method === 'DELETE') {
        uploads.delete(q.get('uploadId')!);
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'POST') {
        const listed = [...body.toString().matchAll(/<Part>[\s\S]*?<\/Part>/g)].map((m) => ({
          n: Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(m[0])?.[1]),
          etag: /<ETag>(.*?)<\/ETag>/.exec(m[0])?.[1]?.replace(/&quot;/g, '"'),
        }));
        const parts = listed.map((p) => upload.parts.get(p.n));
        if (listed.length === 0 || parts.some((p, i) => !p || p.etag !== listed[i]!.etag)) return fail(res, 400, 'InvalidPart', 'One or more of the specified parts could not be found');
        if (listed.some((p, i) => i > 0 && p.n <= listed[i - 1]!.n)) return fail(res, 400, 'InvalidPartOrder', 'The list of parts was not in ascending order');
        if (parts.slice(0, -1).some((p) => p!.bytes.length < MIN_PART)) return fail(res, 400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size');
        const bytes = Buffer.concat(parts.map((p) => p!.bytes));
        objects.set(key, { bytes, metadata: upload.metadata });
        uploads.delete(q.get('uploadId')!);
        stats.multipartCompleted++;
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(xml(`<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"${createHash('md5').update(bytes).digest('hex')}-${parts.length}"</ETag></CompleteMultipartUploadResult>`));
      }
    }
    if (req.method === 'PUT') {
      objects.set(key, { bytes: body, metadata });
      stats.puts++;
      res.writeHead(200, { etag: etagOf(body) });
      return res.end();
    }
    const object = objects.get(key);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!object) {
        if (req.method === 'HEAD') {
          res.writeHead(404);
          return res.end();
        }
        return fail(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      if (req.method === 'GET') stats.gets++;
      res.writeHead(200, { 'content-length': object.bytes.length, etag: etagOf(object.bytes), 'content-type': 'application/octet-stream', ...object.metadata });
      return res.end(req.method === 'GET' ? object.bytes : undefined);
    }
    if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    return fail(res, 405, 'MethodNotAllowed', 'The specified method is not allowed');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    objects,
    stats,
    corruptNextBody: () => {
      corrupt = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
