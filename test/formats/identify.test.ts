import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyBytes, identifyFile } from '../../formats/identify/index.js';
import { buildCorpus, makeZip, type CorpusFile } from './corpus.js';

let dir: string;
let corpus: CorpusFile[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sa-identify-'));
  corpus = await buildCorpus(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('identification of a real corpus', () => {
  it('names every file by its bytes with the right PUID and status', () => {
    const got = corpus.map((f) => {
      const id = identifyFile(f.path);
      return { name: f.name, puid: id.puid, status: id.status, flags: id.flags.filter((x) => f.flags?.includes(x)) };
    });
    expect(got).toEqual(corpus.map((f) => ({ name: f.name, puid: f.puid, status: f.status, flags: f.flags ?? [] })));
  });

  it('raises no unexpected flag on well-formed files', () => {
    for (const f of corpus) {
      const extra = identifyFile(f.path).flags.filter((x) => !(f.flags ?? []).includes(x));
      expect({ name: f.name, extra }).toEqual({ name: f.name, extra: [] });
    }
  });

  it('reports the PDF/A claim of Ghostscript output and the version of plain PDF', () => {
    const a = identifyFile(join(dir, 'doc-a.pdf'));
    expect(a.facts.pdfa).toEqual({ part: 2, conformance: 'B' });
    expect(a.name).toBe('Acrobat PDF/A - Portable Document Format');
    expect(identifyFile(join(dir, 'doc.pdf')).version).toBe('1.4');
  });
});

describe('contradictions and hostile files are flagged, not guessed', () => {
  it('flags a JPEG named .png and still names it JPEG', async () => {
    const jpeg = await readFile(join(dir, 'raw.jpg'));
    const id = identifyBytes(jpeg, { name: 'foto.png' });
    expect(id.mime).toBe('image/jpeg');
    expect(id.flags).toContain('extension-mismatch');
    expect(id.notes.join(' ')).toMatch(/\.png/);
  });

  it('flags a zip appended to a JPEG', async () => {
    const jpeg = await readFile(join(dir, 'raw.jpg'));
    const id = identifyBytes(Buffer.concat([jpeg, makeZip('secret.txt', Buffer.from('payload'))]), { name: 'foto.jpg' });
    expect(id.puid).toBe('fmt/41');
    expect(id.flags).toEqual(expect.arrayContaining(['embedded-zip', 'trailing-data']));
  });

  it('flags a truncated JPEG and a truncated PNG', async () => {
    const jpeg = await readFile(join(dir, 'raw.jpg'));
    expect(identifyBytes(jpeg.subarray(0, jpeg.length - 100)).flags).toContain('truncated');
    const png = await readFile(join(dir, 'plain.png'));
    expect(identifyBytes(png.subarray(0, png.length - 20)).flags).toContain('truncated');
  });

  it('flags script in an SVG and external references', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><image href="https://evil.example/x.png"/></svg>');
    expect(identifyBytes(svg).flags).toEqual(expect.arrayContaining(['active-content', 'external-references']));
    const onload = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect(identifyBytes(onload).flags).toContain('active-content');
  });

  it('reads PNG dimensions from the header without decoding', () => {
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(png);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(50_000, 16);
    png.writeUInt32BE(50_000, 20);
    const id = identifyBytes(png);
    expect(id.facts).toMatchObject({ width: 50_000, height: 50_000 });
    expect(id.flags).toContain('truncated');
  });

  it('marks unknown bytes unknown', () => {
    const id = identifyBytes(Buffer.from([0, 1, 2, 3, 4, 5, 250, 251]), { name: 'x.bin' });
    expect(id).toMatchObject({ puid: null, status: 'neither', flags: ['unknown-format'] });
  });

  it('reads a bounded prefix and suffix of a large file', async () => {
    // 8 MiB of text with a JSON start: identified from the head without reading it all.
    const big = join(dir, 'big.json');
    await writeFile(big, '[' + '1,'.repeat(4 * 1024 * 1024 - 1) + '1]');
    const id = identifyFile(big);
    expect(id.puid).toBe('fmt/817');
    expect(id.notes.join(' ')).toMatch(/only the start/);
  });
});
