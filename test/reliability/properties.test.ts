// Property-based tests (issue 8, item 4) for the parsers of outside data that have none elsewhere:
// the registry loader, the Link header, pagination cursors, the export (zip) reader and the text
// detector's offsets. MDTO text and safe names have theirs in test/archive (mdto, names-profile).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrawlStopped } from '../../src/capture/crawler.js';
import { CursorGuard } from '../../src/capture/cursor-guard.js';
import { openExport, unsafeName } from '../../src/capture/export-archive.js';
import { parseLinkHeader } from '../../src/capture/http/link-header.js';
import { isUserError } from '../../src/domain/errors.js';
import { defaultDetectOptions } from '../../src/privacy/config.js';
import { createDetector } from '../../src/privacy/detect.js';
import { parseRegistry } from '../../src/registry/load.js';
import { registryYaml } from '../helpers/workspace.js';
import { buildZip } from '../helpers/zip.js';

const SEED = { seed: 8, numRuns: 200 };

describe('registry loader', () => {
  const valid = registryYaml('https://social.example.nl', [
    { id: 'voorbeeldstad', handle: 'voorbeeldstad' },
    { id: 'burgemeester-x', handle: 'burgemeester', platform: 'x', instance: null },
  ]);

  it('the registry the mutations start from loads', () => {
    expect(parseRegistry(valid, 'accounts.yaml').accounts.map((a) => a.id)).toEqual(['voorbeeldstad', 'burgemeester-x']);
  });

  it('any text, and any damage to a valid registry, loads whole or is refused with a located UserError', () => {
    const damaged = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.tuple(fc.nat(valid.length), fc.nat(40), fc.string({ unit: 'binary', maxLength: 12 })).map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut)),
      fc.array(fc.nat(40), { maxLength: 4 }).map((drop) => valid.split('\n').filter((_l, i) => !drop.includes(i)).join('\n')),
    );
    fc.assert(
      fc.property(damaged, (text) => {
        let loaded;
        try {
          loaded = parseRegistry(text, 'accounts.yaml');
        } catch (e) {
          expect(isUserError(e), String(e)).toBe(true);
          expect((e as Error).message).toContain('accounts.yaml');
          return;
        }
        for (const a of loaded.accounts) expect(a.id).toMatch(/^[a-z0-9-]{2,64}$/);
        expect(new Set(loaded.accounts.map((a) => a.id)).size).toBe(loaded.accounts.length);
      }),
      SEED,
    );
  });
});

describe('Link header', () => {
  const url = fc.webUrl({ withQueryParameters: true }).filter((u) => !/[<>]/.test(u));
  const rel = fc.constantFrom('next', 'prev', 'first', 'last', 'self', 'alternate');

  it('every link written as RFC 8288 is read back under each of its relations (the first wins)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(url, fc.uniqueArray(rel, { minLength: 1, maxLength: 2 }), fc.boolean()), { maxLength: 5 }), (links) => {
        const header = links.map(([u, rels, quoted]) => `<${u}>; ${quoted || rels.length > 1 ? `rel="${rels.join(' ')}"` : `rel=${rels[0]}`}`).join(', ');
        const want: Record<string, string> = {};
        for (const [u, rels] of links) for (const r of rels) want[r] ??= u;
        expect(parseLinkHeader(header)).toEqual(want);
      }),
      SEED,
    );
  });

  it('any header parses without throwing, to URLs that were in it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (header) => {
        for (const u of Object.values(parseLinkHeader(header))) expect(header).toContain(u);
      }),
      SEED,
    );
  });
});

describe('pagination cursors', () => {
  it('a walk stops exactly at the first cursor handed out twice, with a reason', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ maxLength: 6 }), { nil: undefined }), { maxLength: 30 }), (cursors) => {
        const guard = new CursorGuard('timeline');
        const seen = new Set<string>();
        for (const c of cursors) {
          const repeat = c !== undefined && seen.has(c);
          if (repeat) {
            expect(() => guard.next(c)).toThrow(CrawlStopped);
            return;
          }
          expect(guard.next(c)).toBe(c);
          if (c !== undefined) seen.add(c);
        }
      }),
      SEED,
    );
  });
});

describe('export (zip) reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socialarchive-prop-zip-'));
  let n = 0;
  const file = (bytes: Buffer) => {
    const p = join(dir, `${n++}.zip`);
    writeFileSync(p, bytes);
    return p;
  };
  const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
  const name = fc.oneof(
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
    fc.constantFrom('../evil.txt', '/etc/passwd', 'a\\b.txt', 'C:/x.txt', 'aux.txt', 'data/../../x', 'ok/./y', ''),
  );

  it('any archive of entries is read back exactly, or refused whole with a UserError; unsafe names never pass', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.record({ name, data: fc.uint8Array({ maxLength: 64 }), deflate: fc.boolean() }), { selector: (e) => e.name.toLowerCase(), minLength: 1, maxLength: 5 }), async (entries) => {
        const p = file(buildZip(entries.map((e) => ({ ...e, data: Buffer.from(e.data) }))));
        const anyUnsafe = entries.some((e) => unsafeName(e.name) !== undefined);
        let archive;
        try {
          archive = await openExport(p);
        } catch (e) {
          expect(isUserError(e), String(e)).toBe(true);
          return;
        }
        try {
          expect(anyUnsafe, 'an unsafe name was let through').toBe(false);
          expect(archive.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
          for (const e of entries) expect(await archive.read(e.name)).toEqual(Buffer.from(e.data));
        } finally {
          archive.close();
        }
      }),
      { seed: 8, numRuns: 100 },
    );
  });

  it('any bytes, or a real archive cut or flipped anywhere, open or are refused with a UserError; never a crash', async () => {
    const real = buildZip([
      { name: 'data/tweets.js', data: Buffer.from('window.YTD.tweets.part0 = []'), deflate: true },
      { name: 'manifest.js', data: Buffer.from('window.__THAR_CONFIG = {}') },
    ]);
    const damaged = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.nat(real.length).map((at) => real.subarray(0, at)),
      fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
        const b = Buffer.from(real);
        b[at] = b[at]! ^ x;
        return b;
      }),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        try {
          const archive = await openExport(file(bytes));
          try {
            for (const e of archive.entries) await archive.read(e.name).catch((err: unknown) => expect(err instanceof Error, String(err)).toBe(true));
          } finally {
            archive.close();
          }
        } catch (e) {
          expect(isUserError(e), String(e)).toBe(true);
        }
      }),
      { seed: 8, numRuns: 150 },
    );
  });
});

describe('text detector offsets', () => {
  const detector = createDetector(defaultDetectOptions());
  const pii = fc.constantFrom('jan.jansen@gmail.com', 'NL91ABNA0417164300', '06-12345678', '111222333', '1234 AB', 'Piet de Vries', '192.168.1.20', 'geboren op 12-03-1987');
  const noise = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('\u200B', '\u00AD', '👍🏽', '\ud800', '\udc00', 'ﬁ', 'ｃ\u0301', '\n', ' '));
  const text = fc.array(fc.oneof(noise, pii), { maxLength: 8 }).map((parts) => parts.join(''));
  const lone = (s: string, i: number) => /[\uDC00-\uDFFF]/.test(s[i] ?? '') && /[\uD800-\uDBFF]/.test(s[i - 1] ?? '');

  it('every finding lies inside the text as given and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const f of detector.detect(t)) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(t.length);
          expect(f.start).toBeLessThan(f.end);
          expect(lone(t, f.start), `start ${f.start} splits a pair`).toBe(false);
          expect(lone(t, f.end), `end ${f.end} splits a pair`).toBe(false);
          expect(f.confidence).toBeGreaterThanOrEqual(0);
          expect(f.confidence).toBeLessThanOrEqual(1);
        }
      }),
      SEED,
    );
  });

  it('an e-mail address in any surroundings is found, and its span is that address in the original text', () => {
    fc.assert(
      fc.property(noise, noise, (before, after) => {
        const t = `${before} jan.jansen@gmail.com ${after}`;
        const spans = detector.detect(t).filter((f) => f.category === 'email').map((f) => t.slice(f.start, f.end));
        expect(spans).toContain('jan.jansen@gmail.com');
      }),
      SEED,
    );
  });
});
