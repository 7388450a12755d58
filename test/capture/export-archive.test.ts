import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_LIMITS, openExport } from '../../src/capture/export-archive.js';
import { buildZip, type TestZipEntry } from '../helpers/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'export-'));
let n = 0;
function zip(entries: TestZipEntry[]): string {
  const file = join(dir, `${n++}.zip`);
  writeFileSync(file, buildZip(entries));
  return file;
}
const text = (s: string) => Buffer.from(s, 'utf8');

describe('reading an export archive', () => {
  it('lists and reads a well-formed export, with UTF-8 names', async () => {
    const a = await openExport(zip([
      { name: 'data/tweets.js', data: text('window.YTD.tweets.part0 = []'), deflate: true },
      { name: 'data/tweets_media/1-Één.jpg', data: Buffer.alloc(10, 1) },
      { name: 'data/', data: Buffer.alloc(0) },
    ]));
    expect(a.entries.map((e) => e.name)).toEqual(['data/tweets.js', 'data/tweets_media/1-Één.jpg']);
    expect((await a.read('data/tweets.js')).toString()).toBe('window.YTD.tweets.part0 = []');
    await expect(a.read('data/tweets.js', 5)).rejects.toThrow(/larger than 5 bytes/);
    a.close();
  });

  const hostile: [string, TestZipEntry[], RegExp, typeof DEFAULT_EXPORT_LIMITS?][] = [
    ['zip-slip', [{ name: '../../etc/cron.d/evil', data: text('x') }], /climbs out of the archive/],
    ['a nested zip-slip', [{ name: 'data/../../evil', data: text('x') }], /climbs out of the archive/],
    ['an absolute path', [{ name: '/etc/passwd', data: text('x') }], /absolute path/],
    ['a drive letter', [{ name: 'C:/Windows/evil.dll', data: text('x') }], /absolute path/],
    ['a backslash path', [{ name: 'data\\..\\evil', data: text('x') }], /backslash/],
    ['a symlink', [{ name: 'data/link', data: text('/etc/passwd'), mode: 0o120777 }], /symbolic link/],
    ['a zip bomb (ratio)', [{ name: 'data/big.bin', data: Buffer.alloc(30 * 1024 * 1024), deflate: true }], /expands \d+ times/],
    ['too much in all', [{ name: 'a', data: Buffer.alloc(600) }, { name: 'b', data: Buffer.alloc(600) }], /more than 1000 bytes uncompressed/, { ...DEFAULT_EXPORT_LIMITS, maxTotalBytes: 1000 }],
    ['a duplicate name', [{ name: 'data/a.js', data: text('1') }, { name: 'data/a.js', data: text('2') }], /appears twice/],
    ['names differing only in case', [{ name: 'data/A.js', data: text('1') }, { name: 'data/a.js', data: text('2') }], /appears twice/],
    ['a name that is not UTF-8', [{ name: Buffer.from([0x64, 0x2f, 0xe9, 0x2e, 0x6a, 0x73]), data: text('x'), utf8: false }], /not UTF-8/],
    ['a name flagged UTF-8 that is not', [{ name: Buffer.from([0x64, 0x2f, 0xff, 0xfe]), data: text('x'), utf8: true }], /not UTF-8/],
    ['a control character in a name', [{ name: 'data/a\u0007b', data: text('x') }], /control characters/],
  ];
  for (const [what, entries, message, limits] of hostile) {
    it(`refuses ${what} before reading anything`, async () => {
      await expect(openExport(zip(entries), limits)).rejects.toThrow(message);
      await expect(openExport(zip(entries), limits)).rejects.toThrow(/nothing was imported/);
    });
  }

  it('refuses a file that is not a zip, and an entry whose bytes exceed its declared size', async () => {
    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'PK but not really');
    await expect(openExport(notZip)).rejects.toThrow(/not a readable zip archive/);
    const a = await openExport(zip([{ name: 'data/x.bin', data: Buffer.alloc(5000, 7), deflate: true, declaredSize: 10 }]));
    await expect(a.read('data/x.bin')).rejects.toThrow();
    a.close();
  });
});
