import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FILE_SIDECAR_SUFFIX, NameRegistry, OBJECT_SIDECAR_SUFFIX, nameProblems, safeName } from '../../archive/names.js';
import { loadArchiveProfile, parseSize } from '../../archive/profile.js';

const work = mkdtempSync(join(tmpdir(), 'sa-names-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('safe names', () => {
  it('any input gives a name that breaks no rule, also with its sidecar suffix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const names = new NameRegistry();
        for (const [name, suffix] of [
          [names.object(raw), OBJECT_SIDECAR_SUFFIX],
          [names.file(raw), FILE_SIDECAR_SUFFIX],
        ] as const) {
          expect(nameProblems(name)).toEqual([]);
          expect(nameProblems(`${name}${suffix}`)).toEqual([]);
          expect(name.endsWith('.mdto.xml') || name.endsWith('.MDTO.xml')).toBe(false);
        }
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('stays unique in the package after truncation, ignoring case, and is deterministic', () => {
    const long = `${'é'.repeat(300)}.jpg`;
    const run = (): string[] => {
      const names = new NameRegistry();
      return [names.file(long), names.file(long), names.file(long.toUpperCase()), names.file('A.json'), names.file('a.JSON'), names.object('A.json')];
    };
    const got = run();
    expect(new Set(got.map((n) => n.toLowerCase())).size).toBe(got.length);
    for (const n of got) expect(n.length + FILE_SIDECAR_SUFFIX.length).toBeLessThanOrEqual(255);
    expect(got[1]).toMatch(/-2\.jpg$/);
    expect(got[4]).toBe('a-2.JSON');
    expect(run()).toEqual(got);
  });

  it('rewrites what Windows or a receiving archive would refuse', () => {
    expect(safeName('CON.txt')).toBe('CON_.txt');
    expect(safeName('.hidden')).toBe('hidden');
    expect(safeName('-rf')).toBe('rf');
    expect(safeName('a b<c>:d"e|f?g*h#i&j\u0001')).toBe('a_b_c_d_e_f_g_h_i_j_');
    expect(safeName('ends.')).toBe('ends');
    expect(safeName('x.MDTO.xml')).toBe('x_mdto.xml');
    expect(safeName('日本語')).toBe('naamloos');
    expect(nameProblems('a b#')).toEqual(['contains a forbidden character " "']);
    expect(nameProblems('nul.json')).toEqual(['is a reserved Windows device name']);
  });
});

describe('receiving-archive profile', () => {
  it('the example in config/ loads', async () => {
    const p = await loadArchiveProfile(join(import.meta.dirname, '../../config/archive-profile.yaml'));
    expect(p).toMatchObject({ container: 'zip', bagit: false, volume: { maxBytes: 4e9, maxFiles: 10000 }, target: { collection: 'NL-VbsRA-0999' } });
  });

  it('sizes take units', () => {
    expect(parseSize('1 MB')).toBe(1e6);
    expect(parseSize('500MiB')).toBe(500 * 1024 * 1024);
    expect(parseSize(1234)).toBe(1234);
    expect(parseSize('lots')).toBeUndefined();
    expect(parseSize(-1)).toBeUndefined();
  });

  it('a bad profile is refused with every problem, its line and field', async () => {
    const file = join(work, 'bad.yaml');
    writeFileSync(
      file,
      ['receiver: { name: RA }', 'target: { collection: x, name: y, source: z }', 'container: rar', 'volume:', '  maxBytes: lots', '  maxFiles: 10', 'contact: { name: A, email: not-an-email }', 'extra: 1', ''].join('\n'),
    );
    const error = await loadArchiveProfile(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ARCHIVE_PROFILE' });
    const details = (error as { details: string[] }).details.join('\n');
    expect(details).toMatch(new RegExp(`${file}:3: container: `));
    expect(details).toMatch(new RegExp(`${file}:5: volume.maxBytes: "lots" is not a size`));
    expect(details).toMatch(new RegExp(`${file}:7: contact.email: `));
    expect(details).toMatch(/extra/);
  });
});
