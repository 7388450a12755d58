// verify catches each kind of damage, one test per kind, on packages built from a synthetic plan.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, type BuildResult } from '../../archive/build.js';
import { verifyPackage, type Problem } from '../../archive/verify/index.js';
import { main } from '../../src/cli/main.js';
import { profile, socialPlan } from './helpers/fixture.js';

const work = mkdtempSync(join(tmpdir(), 'sa-verify-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let zip: BuildResult;
let bag: BuildResult;
let unpacked: string;
const POST = 'voorbeeldstad-mastodon/draad-11000000/status-11000000';

beforeAll(async () => {
  const plan = await socialPlan(join(work, 'store'), { threads: 2, replies: 4, mediaPixels: 96 });
  zip = await buildPackage({ plan, profile: profile(), outDir: join(work, 'zip') });
  bag = await buildPackage({ plan, profile: profile({ bagit: true, container: 'tar' }), outDir: join(work, 'bag') });
  unpacked = join(work, 'unpacked');
  execFileSync('unzip', ['-q', zip.volumes[0]!.container, '-d', unpacked]);
});

let n = 0;
/** A fresh copy of `dir` to damage. */
function copy(dir: string): string {
  const to = join(work, `case-${++n}`);
  cpSync(dir, to, { recursive: true });
  return to;
}

const codes = (problems: Problem[]): string[] => [...new Set(problems.map((p) => p.code))].sort();

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
}

describe('verify', () => {
  it('passes the untouched zip, tar bag and unpacked folder', async () => {
    for (const target of [zip.dir, bag.dir, unpacked]) expect((await verifyPackage([target])).problems).toEqual([]);
  });

  it('catches a flipped bit in a file inside the zip', async () => {
    const dir = copy(zip.dir);
    const container = join(dir, 'voorbeeldstad-2024-04.zip');
    const bytes = readFileSync(container);
    // Find the JPEG of the first post (stored, not deflated) and flip one bit in its middle.
    const at = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
    bytes[at + 400]! ^= 0x10;
    writeFileSync(container, bytes);
    const r = await verifyPackage([dir]);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'checksum-mismatch', path: `voorbeeldstad-2024-04.zip:${POST}/media-11000000.jpg` }));
    expect(codes(r.problems)).toEqual(['checksum-mismatch', 'pakbon-hash', 'zip-crc']);
  });

  it('catches a missing file', async () => {
    const dir = copy(unpacked);
    rmSync(join(dir, POST, 'status-11000000.png'));
    const r = await verifyPackage([dir]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'sidecar-without-file', path: `${dir}:${POST}/status-11000000.png.bestand.MDTO.xml` }));
    expect(codes(r.problems)).toEqual(['sidecar-without-file']);
  });

  it('catches an extra file', async () => {
    const dir = copy(unpacked);
    writeFileSync(join(dir, POST, 'extra.txt'), 'not in the package\n');
    const r = await verifyPackage([dir]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'file-without-sidecar', path: `${dir}:${POST}/extra.txt` })]);
  });

  it('catches a renamed file', async () => {
    const dir = copy(unpacked);
    renameSync(join(dir, POST, 'status-11000000.v1.json'), join(dir, POST, 'status-11000000.v9.json'));
    const r = await verifyPackage([dir]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'file-without-sidecar', path: `${dir}:${POST}/status-11000000.v9.json` }));
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'sidecar-without-file', path: `${dir}:${POST}/status-11000000.v1.json.bestand.MDTO.xml` }));
  });

  it('catches a sidecar that states a wrong size', async () => {
    const dir = copy(unpacked);
    edit(join(dir, POST, 'status-11000000.png.bestand.MDTO.xml'), /<omvang>(\d+)<\/omvang>/, '<omvang>1</omvang>');
    const r = await verifyPackage([dir]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'size-mismatch', path: `${dir}:${POST}/status-11000000.png` })]);
  });

  it('catches a sidecar that is not valid MDTO', async () => {
    const dir = copy(unpacked);
    const sidecar = join(dir, POST, 'status-11000000.MDTO.xml');
    edit(sidecar, /<waardering>[\s\S]*?<\/waardering>/, '');
    const r = await verifyPackage([dir]);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.code === 'schema' && p.path === `${dir}:${POST}/status-11000000.MDTO.xml`)).toBe(true);
    expect(r.problems[0]!.message).toMatch(/line \d+: .*(bewaartermijn|waardering)/);
  });

  it('catches a reference to an object that is not in the package', async () => {
    const dir = copy(unpacked);
    edit(join(dir, POST, 'status-11000000.MDTO.xml'), '<identificatieKenmerk>voorbeeldstad-mastodon/thread/11000000</identificatieKenmerk>', '<identificatieKenmerk>voorbeeldstad-mastodon/thread/99</identificatieKenmerk>');
    const r = await verifyPackage([dir]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'reference-missing', path: `${dir}:${POST}/status-11000000.MDTO.xml` })]);
    expect(r.problems[0]!.message).toMatch(/isOnderdeelVan refers to voorbeeldstad-mastodon\/thread\/99/);
  });

  it('catches a pakbon count that is off by one', async () => {
    const dir = copy(zip.dir);
    const pakbon = join(dir, 'voorbeeldstad-2024-04.pakbon.xml');
    edit(pakbon, /<bestanden>(\d+)<\/bestanden>/, `<bestanden>${zip.volumes[0]!.counts.bestanden + 1}</bestanden>`);
    const r = await verifyPackage([dir]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'pakbon-count', path: pakbon })]);
  });

  it('catches a changed line in a BagIt manifest', async () => {
    const dir = join(work, 'bag-unpacked');
    execFileSync('tar', ['-xf', bag.volumes[0]!.container, '-C', work.concat('/'), '--one-top-level=bag-unpacked']);
    const bagRoot = join(dir, readdirSync(dir)[0]!);
    expect((await verifyPackage([bagRoot])).problems).toEqual([]);
    const manifest = join(bagRoot, 'manifest-sha256.txt');
    const lines = readFileSync(manifest, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.endsWith('status-11000000.v1.json'));
    lines[i] = `${lines[i]![0] === '0' ? '1' : '0'}${lines[i]!.slice(1)}`;
    writeFileSync(manifest, lines.join('\n'));
    const r = await verifyPackage([bagRoot]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'bag-checksum', path: `${bagRoot}:data/${POST}/status-11000000.v1.json` }));
    // The tag manifest notices that the manifest itself changed.
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'bag-checksum', path: `${bagRoot}:manifest-sha256.txt` }));
    expect(codes(r.problems)).toEqual(['bag-checksum']);
  });

  it('reports a cut-off container and a tar with a link instead of failing', async () => {
    const dir = copy(zip.dir);
    const container = join(dir, 'voorbeeldstad-2024-04.zip');
    const bytes = readFileSync(container);
    writeFileSync(container, bytes.subarray(0, bytes.length >> 1));
    const cut = await verifyPackage([container]);
    expect(cut.problems).toContainEqual(expect.objectContaining({ code: 'zip-damaged', path: 'voorbeeldstad-2024-04.zip' }));
    expect(cut.problems).toContainEqual(expect.objectContaining({ code: 'pakbon-hash', path: join(dir, 'voorbeeldstad-2024-04.pakbon.xml') }));

    const linked = copy(unpacked);
    execFileSync('ln', ['-s', '/etc/passwd', join(linked, POST, 'passwd')]);
    const tar = join(work, 'linked.tar');
    execFileSync('tar', ['-cf', tar, '-C', linked, '.']);
    const r = await verifyPackage([tar]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'tar-type', path: `linked.tar:./${POST}/passwd` }));
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'pakbon-missing' }));
  });

  it('the command exits 0 on a good package and 1 on a damaged one, listing each problem', async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    try {
      process.exitCode = undefined;
      expect(await main(['node', 'socialarchive', '--lang', 'en', 'verify', zip.dir])).toBe(0);
      const dir = copy(unpacked);
      writeFileSync(join(dir, POST, 'extra.txt'), 'x');
      process.exitCode = undefined;
      expect(await main(['node', 'socialarchive', '--lang', 'en', 'verify', dir])).toBe(1);
    } finally {
      process.stdout.write = write;
      process.exitCode = undefined;
    }
    expect(out.join('')).toMatch(/OK: 1 volume\(s\), no problems/);
    expect(out.join('')).toMatch(/ERROR .*extra\.txt: no extra\.txt\.bestand\.MDTO\.xml beside the file \[file-without-sidecar\]/);
  });
});
