// Our zip and tar writers, read back by independent readers (unzip, Python, Java) and by verify's own
// readers: every entry's bytes, the fixed time and mode, zip64 (with its limits lowered, since a real
// 4 GiB entry is too slow for CI), and the size bounds that volume planning relies on.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../archive/build.js';
import { containerOverhead, entryBound, type ContainerFormat } from '../../archive/container/format.js';
import { openContainer, type PositionalRead } from '../../archive/container/writer.js';
import type { Zip64Limits } from '../../archive/container/zip-records.js';
import type { PackagePlan, PlanObject } from '../../archive/plan.js';
import { verifyPackage } from '../../archive/verify/index.js';
import { Findings } from '../../archive/verify/problems.js';
import type { EntryBody, EntryMeta } from '../../archive/verify/source.js';
import { tarSource } from '../../archive/verify/tar-source.js';
import { zipSource } from '../../archive/verify/zip-source.js';
import { profile, random, socialPlan } from './helpers/fixture.js';
import { javaMissing, javaZip, pythonTar, pythonZip, unzipTest, type ReadEntry } from './helpers/readers.js';

const work = mkdtempSync(join(tmpdir(), 'sa-container-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CREATED = new Date('2024-05-02T10:00:06Z');
const rand = random(11);
const text = (bytes: number): Buffer => Buffer.from('WARC/1.1\r\nWARC-Type: response\r\n\r\n{"content":"Bericht"}\r\n'.repeat(Math.ceil(bytes / 60))).subarray(0, bytes);

interface Spec {
  name: string;
  data: Buffer;
  /** From memory, from a file stream, or read from a file into the writer's own buffers. */
  via: 'buffer' | 'stream' | 'file';
  deflate: boolean;
}

/**
 * Entries that reach every path of the writers: empty, tiny, a header patched in the queue and one
 * patched on disk (data larger than a write batch), deflated from memory and from a stream, a
 * non-ASCII name, names that need a ustar prefix or a pax header in a tar.
 */
const SPECS: Spec[] = [
  { name: 'a/empty.txt', data: Buffer.alloc(0), via: 'buffer', deflate: false },
  { name: 'a/a.MDTO.xml', data: Buffer.from('<?xml version="1.0"?><MDTO/>'), via: 'buffer', deflate: false },
  { name: 'a/payload.json', data: text(100_000), via: 'buffer', deflate: true },
  { name: 'b/media.mp4', data: rand(5 * 1024 * 1024 + 3), via: 'stream', deflate: false },
  { name: 'b/run.warc', data: text(3_000_000), via: 'stream', deflate: true },
  { name: 'b/tiny.json', data: Buffer.from('{"a":1}'), via: 'stream', deflate: false },
  { name: 'b/empty.bin', data: Buffer.alloc(0), via: 'stream', deflate: false },
  { name: 'c/café-ü.txt', data: Buffer.from('Ünïcode'), via: 'stream', deflate: false },
  { name: 'c/video.mp4', data: rand(6 * 1024 * 1024 + 5), via: 'file', deflate: false },
  { name: 'c/photo.jpg', data: rand(70_000), via: 'file', deflate: false },
  { name: 'c/empty.jpg', data: Buffer.alloc(0), via: 'file', deflate: false },
  { name: `${'d'.repeat(90)}/${'e'.repeat(60)}/status.json`, data: Buffer.from('{}'), via: 'file', deflate: false },
  { name: `f/${'g'.repeat(150)}.json`, data: Buffer.from('[]'), via: 'buffer', deflate: false },
];

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const expected: ReadEntry[] = SPECS.map((s) => ({ name: s.name, size: s.data.length, sha256: sha256(s.data) }));

/** Reads a file at a position, in small reads (so chunks do not line up with the writer's buffers). */
function reader(file: string): PositionalRead {
  const bytes = readFileSync(file);
  return async (into, at) => bytes.copy(into, 0, at, Math.min(bytes.length, at + 100_000));
}

let n = 0;
async function write(format: ContainerFormat, zip64?: Zip64Limits): Promise<string> {
  const path = join(work, `c${++n}.${format}`);
  const writer = openContainer(path, format, CREATED, { zip64 });
  for (const s of SPECS) {
    if (s.via === 'buffer') {
      await writer.addBuffer(s.name, s.data, s.deflate);
      continue;
    }
    const file = join(work, `src-${n}-${sha256(Buffer.from(s.name)).slice(0, 8)}`);
    writeFileSync(file, s.data);
    if (s.via === 'stream') await writer.addStream(s.name, createReadStream(file, { highWaterMark: 64 * 1024 }), s.data.length, s.deflate);
    else await writer.addFile(s.name, reader(file), s.data.length);
  }
  const written = await writer.finish();
  expect(readdirSync(work).filter((f) => f.startsWith(`c${n}.`))).toEqual([`c${n}.${format}`]);
  expect(written.size).toBe(statSync(path).size);
  expect(written.sha256).toBe(sha256(readFileSync(path)));
  return path;
}

/** What verify's own reader sees: every entry's bytes and the problems it finds. */
async function verifyReads(path: string, format: ContainerFormat): Promise<{ entries: ReadEntry[]; findings: Findings }> {
  const findings = new Findings();
  const entries: ReadEntry[] = [];
  const source = format === 'zip' ? zipSource(path, 'c') : tarSource(path, 'c');
  await source.read(
    async (meta: EntryMeta, body: EntryBody) => {
      let digest: string;
      if (body.kind === 'hashed') digest = (await body.digests).sha256;
      else {
        const hash = createHash('sha256');
        for await (const chunk of body.stream) hash.update(chunk as Buffer);
        digest = hash.digest('hex');
      }
      entries.push({ name: meta.path, size: meta.size, sha256: digest });
    },
    findings,
    { sha512: false },
  );
  return { entries, findings };
}

const names = (entries: { name: string; size: number; sha256: string }[]): ReadEntry[] => entries.map(({ name, size, sha256 }) => ({ name, size, sha256 }));

describe('zip writer', () => {
  const javaSkip = javaMissing();
  const cases: [string, Zip64Limits | undefined][] = [
    ['a zip', undefined],
    // Every size and offset above 1000 bytes, and more than 3 entries, take the zip64 paths.
    ['a zip64 (limits lowered)', { bytes: 1000, entries: 3 }],
  ];

  for (const [label, limits] of cases) {
    it(`${label} reads back byte for byte with unzip, Python, and verify's reader`, async () => {
      const zip = await write('zip', limits);
      const unzip = unzipTest(zip);
      expect(unzip.output).toMatch(/No errors detected/);
      expect(unzip.ok).toBe(true);
      const py = pythonZip(zip);
      expect(py.bad).toBeNull();
      expect(names(py.entries)).toEqual(expected);
      for (const e of py.entries) {
        // The package's creation time in UTC (to the 2-second step of the format), mode 0644.
        expect(e.time).toEqual([2024, 5, 2, 10, 0, 6]);
        expect(e.mode).toBe(0o100644);
      }
      expect(py.entries.map((e) => e.method)).toEqual(SPECS.map((s) => (s.deflate ? 8 : 0)));
      const ours = await verifyReads(zip, 'zip');
      expect(ours.findings.problems).toEqual([]);
      expect(ours.entries).toEqual(expected);

      const bytes = readFileSync(zip);
      // No data descriptors: flag bit 3 is clear in the directory and in every local header.
      for (const e of py.entries) {
        expect(e.flags & 0x08).toBe(0);
        expect(bytes.readUInt16LE(e.offset + 6) & 0x08).toBe(0);
      }
      expect(bytes.includes(Buffer.from('PK\x06\x06', 'latin1'))).toBe(limits !== undefined);
    });

    it.skipIf(javaSkip !== undefined)(`${label} reads back with Java's ZipInputStream and ZipFile${javaSkip ? ` (skipped: ${javaSkip})` : ''}`, async () => {
      const zip = await write('zip', limits);
      const java = javaZip(zip, work);
      expect(java.stream).toEqual(expected);
      expect(java.file).toEqual(expected);
    });
  }

  it('a zip of 3000 entries (its directory passes through the spool file) lists every entry in order', async () => {
    const path = join(work, 'many.zip');
    const writer = openContainer(path, 'zip', CREATED);
    const many = Array.from({ length: 3000 }, (_, i) => ({ name: `objecten/object-${String(i).padStart(5, '0')}/object.MDTO.xml`, data: Buffer.from(`<x>${i}</x>`) }));
    for (const e of many) await writer.addBuffer(e.name, e.data, false);
    await writer.finish();
    expect(existsSync(`${path}.directory`)).toBe(false);
    const py = pythonZip(path);
    expect(py.bad).toBeNull();
    expect(names(py.entries)).toEqual(many.map((e) => ({ name: e.name, size: e.data.length, sha256: sha256(e.data) })));
  });

  it('refuses a source that gives fewer or more bytes than announced', async () => {
    const short = join(work, 'short.bin');
    writeFileSync(short, Buffer.alloc(10));
    for (const format of ['zip', 'tar'] as const) {
      const writer = openContainer(join(work, `sizes-${++n}.${format}`), format, CREATED);
      await expect(writer.addStream('x.bin', Readable.from([Buffer.alloc(10)]), 11, false)).rejects.toThrow(/gave 10 bytes, 11 were announced/);
      await expect(writer.addStream('y.bin', Readable.from([Buffer.alloc(12)]), 11, false)).rejects.toThrow(/more than the 11 bytes/);
      await expect(writer.addFile('z.bin', reader(short), 11)).rejects.toThrow(/gave 10 bytes, 11 were announced/);
      await expect(writer.addFile('w.bin', reader(short), 9)).rejects.toThrow(/more than the 9 bytes/);
      await writer.abort();
    }
  });
});

describe('tar writer', () => {
  it("a tar (ustar prefixes and pax names) reads back byte for byte with Python's tarfile and verify's reader", async () => {
    const tar = await write('tar');
    const py = pythonTar(tar);
    expect(names(py)).toEqual(expected);
    for (const e of py) {
      expect(e).toMatchObject({ mtime: CREATED.getTime() / 1000, mode: 0o644, type: '0' });
    }
    const ours = await verifyReads(tar, 'tar');
    expect(ours.findings.problems).toEqual([]);
    expect(ours.entries).toEqual(expected);
  });
});

describe('size bounds for volume planning', () => {
  for (const [format, limits] of [['zip', undefined], ['zip', { bytes: 1000, entries: 3 }], ['tar', undefined]] as const) {
    it(`hold for what the ${format} writer writes${limits ? ' (zip64)' : ''}`, async () => {
      const path = await write(format, limits);
      // Worst case for deflate: incompressible bytes marked for deflating are bounded too.
      const bound = SPECS.reduce((sum, s) => sum + entryBound(format, s.name, s.data.length, s.deflate), containerOverhead(format));
      expect(statSync(path).size).toBeLessThanOrEqual(bound);
      const incompressible = join(work, `incompressible-${++n}.${format}`);
      const writer = openContainer(incompressible, format, CREATED, { zip64: limits });
      const data = rand(300_000);
      await writer.addStream('x.bin', Readable.from([data]), data.length, true);
      const written = await writer.finish();
      expect(written.size).toBeLessThanOrEqual(entryBound(format, 'x.bin', data.length, true) + containerOverhead(format));
    });
  }
});

describe('plan files with a local path (read into the writer\'s own buffers)', () => {
  /** The plan with every file's path in the fixture store (files are stored under their SHA-256). */
  const withPaths = (plan: PackagePlan, store: string): PackagePlan => {
    const map = (o: PlanObject): PlanObject => ({ ...o, files: o.files?.map((f) => ({ ...f, path: join(store, f.sha256) })), children: o.children?.map(map) });
    return { ...plan, roots: plan.roots.map(map) };
  };

  it('give the same container as through open(), and a changed, cut or missing file stops the build', async () => {
    const store = join(work, 'store');
    const plan = await socialPlan(store, { threads: 1, replies: 3, mediaPixels: 200 });
    const local = withPaths(plan, store);
    for (const container of ['zip', 'tar'] as const) {
      const streamed = await buildPackage({ plan, profile: profile({ container }), outDir: join(work, `open-${container}`) });
      const read = await buildPackage({ plan: local, profile: profile({ container }), outDir: join(work, `path-${container}`) });
      expect(read.volumes[0]!.sha256).toBe(streamed.volumes[0]!.sha256);
      expect((await verifyPackage([read.dir])).problems).toEqual([]);
    }

    const victim = plan.roots[0]!.children![0]!.files![0]!;
    const file = join(store, victim.sha256);
    const original = readFileSync(file);
    const attempt = async (label: string): Promise<unknown> => {
      const out = join(work, `broken-${label}`);
      const error = await buildPackage({ plan: local, profile: profile(), outDir: out }).catch((e: unknown) => e);
      expect(existsSync(out)).toBe(false);
      return error;
    };
    const changed = Buffer.from(original);
    changed[0] = changed[0]! ^ 1;
    writeFileSync(file, changed);
    expect(await attempt('changed')).toMatchObject({ code: 'PACKAGE_FILE_MISMATCH', message: expect.stringMatching(new RegExp(`${victim.name}: the bytes differ .*SHA-256`)) });
    truncateSync(file, original.length - 1);
    expect(await attempt('cut')).toMatchObject({ code: 'PACKAGE_FILE_MISMATCH', message: expect.stringMatching(`${original.length - 1} bytes instead of the recorded ${original.length}`) });
    writeFileSync(file, Buffer.concat([original, Buffer.from('x')]));
    expect(await attempt('longer')).toMatchObject({ code: 'PACKAGE_FILE_MISMATCH', message: expect.stringMatching(`more than the recorded ${original.length} bytes`) });
    rmSync(file);
    expect(await attempt('missing')).toMatchObject({ code: 'PACKAGE_FILE_UNREADABLE', message: expect.stringMatching(`${victim.name}: cannot read the file from the store`) });
    expect(readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
