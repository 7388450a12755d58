import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_BYTES, S3FileStore } from '../../src/store/files/s3-file-store.js';
import { startFakeS3, type FakeS3 } from '../helpers/fake-s3.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { openWorkspace } from '../../src/workspace.js';
import { makeWorkspaceDirs, openTestWorkspace } from '../helpers/workspace.js';
import { cli } from '../helpers/cli.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('files on S3-compatible object storage', () => {
  let s3: FakeS3;
  let store: S3FileStore;
  let tmp: string;
  beforeAll(async () => {
    s3 = await startFakeS3();
    tmp = mkdtempSync(join(tmpdir(), 's3-store-'));
    const client = new S3Client({
      endpoint: s3.url,
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    store = new S3FileStore({ client, bucket: s3.bucket, prefix: 'gm9999/', tmpDir: tmp, partBytes: MIN_PART_BYTES });
  });
  afterAll(async () => s3.close());

  it('stores a file under its SHA-256 and gives the same bytes back', async () => {
    const bytes = randomBytes(100_000);
    const file = await store.putBuffer(bytes);
    expect(file).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect([...s3.objects.keys()]).toContain(`gm9999/sha256/${file.sha256.slice(0, 2)}/${file.sha256.slice(2, 4)}/${file.sha256}`);
    expect(await store.has(file.sha256)).toBe(true);
    expect((await buffer(store.open(file.sha256))).equals(bytes)).toBe(true);
    // The same bytes again: nothing uploaded twice.
    const puts = s3.stats.puts;
    await store.putStream((async function* () {
      yield bytes.subarray(0, 10);
      yield bytes.subarray(10);
    })());
    expect(s3.stats.puts).toBe(puts);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('sends a large file in parts, each checked by the server, and it reads back whole', async () => {
    const bytes = randomBytes(2 * MIN_PART_BYTES + 12_345);
    const before = { ...s3.stats };
    const file = await store.putStream((async function* () {
      for (let i = 0; i < bytes.length; i += 1_000_000) yield bytes.subarray(i, i + 1_000_000);
    })());
    expect(file.sha256).toBe(sha(bytes));
    expect(s3.stats.multipartCompleted - before.multipartCompleted).toBe(1);
    expect(s3.stats.partsUploaded - before.partsUploaded).toBe(3);
    expect(sha(await buffer(store.open(file.sha256)))).toBe(file.sha256);
  });

  it('refuses bytes changed on the way in, and keeps nothing of them', async () => {
    const bytes = randomBytes(5_000);
    s3.corruptNextBody();
    await expect(store.putBuffer(bytes)).rejects.toThrow(/SHA256 you specified did not match|BadDigest/);
    expect(await store.has(sha(bytes))).toBe(false);
    const big = randomBytes(MIN_PART_BYTES + 10);
    const path = join(tmp, 'big.part');
    writeFileSync(path, big);
    s3.corruptNextBody();
    await expect(store.adopt(path, { sha256: sha(big), size: big.length })).rejects.toThrow();
    expect(await store.has(sha(big))).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('fails a read whose bytes are not the ones named, and a read of a file it does not have', async () => {
    const bytes = randomBytes(3_000);
    const file = await store.putBuffer(bytes);
    const object = s3.objects.get(store.keyOf(file.sha256))!;
    object.bytes = Buffer.from(object.bytes);
    object.bytes[100] = object.bytes[100]! ^ 1;
    await expect(buffer(store.open(file.sha256))).rejects.toThrow(new RegExp(`stored file ${file.sha256} came back with SHA-256`));
    await expect(buffer(store.open('0'.repeat(64)))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => store.open('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});

describe('a workspace with its files on S3 (files: s3 in socialarchive.yaml)', () => {
  let s3: FakeS3;
  let fake: FakeMastodon;
  beforeAll(async () => {
    s3 = await startFakeS3();
    fake = await startFakeMastodon({ tokens: [] });
    process.env.S3_TEST_ACCESS_KEY = s3.accessKeyId;
    process.env.S3_TEST_SECRET_KEY = s3.secretAccessKey;
  });
  afterAll(async () => {
    await s3.close();
    await fake.close();
  });
  const s3Settings = (bucket: string) =>
    `files:\n  s3:\n    endpoint: ${s3.url}\n    bucket: ${bucket}\n    prefix: gm9999/\n    accessKeyId: env:S3_TEST_ACCESS_KEY\n    secretAccessKey: env:S3_TEST_SECRET_KEY\nprivacy:\n  faces: false\n`;

  it('captures, identifies and scans with every file in the bucket, none on disk; the package is built from the bucket and verifies', async () => {
    const { ws, registry, dirs } = await openTestWorkspace(fake.url, [{ id: 'voorbeeldstad', handle: 'voorbeeldstad', render: false }], s3Settings(s3.bucket));
    try {
      const { run } = await runPipeline(ws, registry, { now: () => new Date(fake.dataset.now) });
      expect(run.status).toBe('completed');
      const referenced = [...(await ws.store.referencedFiles()).keys()];
      expect(referenced.length).toBeGreaterThan(2);
      for (const h of referenced) expect(s3.objects.has(`gm9999/sha256/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`), h).toBe(true);
      expect(existsSync(join(ws.dataDir, 'files', 'sha256'))).toBe(false);
      expect(readdirSync(join(ws.dataDir, 'files', 'tmp'))).toEqual([]);
      // The formats stage read the media back from the bucket to identify them.
      expect(s3.stats.gets).toBeGreaterThan(0);
      expect((await ws.store.formats.identifications(referenced)).size).toBe(referenced.length);
    } finally {
      await ws.close();
    }
    const out = join(dirs.root, 'pakket');
    copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(dirs.config, 'archive-profile.yaml'));
    const pkg = await cli(['--config', dirs.config, '--data', dirs.data, 'package', '--from', '2000-01-01', '--to', '2099-12-31', '--allow-unreviewed', '--out', out]);
    expect(pkg.code, pkg.stderr).toBe(0);
    const verify = await cli(['verify', out]);
    expect(verify.code, verify.stdout).toBe(0);
  }, 120_000);

  it('refuses keys written in the file, and says which variable is missing', async () => {
    const dirs = makeWorkspaceDirs(fake.url, [], s3Settings(s3.bucket).replace('env:S3_TEST_SECRET_KEY', 'geheim-sleutel-123'));
    const err = (await openWorkspace({ configDir: dirs.config, dataDir: dirs.data }).catch((e: Error) => e)) as Error & { details?: string[] };
    expect(`${err.message} ${err.details?.join(' ')}`).toMatch(/secretAccessKey: env:NAME \(never the key itself\)/);
    expect(`${err.message} ${err.details?.join(' ')}`).not.toContain('geheim-sleutel-123');
    const unset = makeWorkspaceDirs(fake.url, [], s3Settings(s3.bucket).replace('S3_TEST_SECRET_KEY', 'S3_TEST_UNSET_KEY'));
    await expect(openWorkspace({ configDir: unset.config, dataDir: unset.data })).rejects.toThrow(/S3_TEST_UNSET_KEY.*not set/);
  });
});
