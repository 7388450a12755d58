// Volumes at the receiving archive's limits, identical bytes for identical input, and no partial
// output when a file turns out different from what the store recorded.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../archive/build.js';
import type { PackagePlan } from '../../archive/plan.js';
import { verifyPackage } from '../../archive/verify/index.js';
import { profile, socialPlan } from './helpers/fixture.js';

const work = mkdtempSync(join(tmpdir(), 'sa-vol-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let plan: PackagePlan;
let whole: string[];

const entries = (zip: string): string[] => execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');

beforeAll(async () => {
  plan = await socialPlan(join(work, 'store'), { threads: 8, replies: 5, mediaPixels: 400 });
  const single = await buildPackage({ plan, profile: profile(), outDir: join(work, 'single') });
  whole = entries(single.volumes[0]!.container).sort();
});

describe('volumes', () => {
  for (const [label, limits] of [
    ['1 MB', { maxBytes: 1_000_000, maxFiles: 10_000 }],
    ['50 files', { maxBytes: 4e9, maxFiles: 50 }],
  ] as const) {
    it(`a limit of ${label} gives several volumes, each verifiable alone, together complete`, async () => {
      const out = join(work, label.replace(' ', '-'));
      const built = await buildPackage({ plan, profile: profile({ volume: limits }), outDir: out });
      expect(built.volumes.length).toBeGreaterThan(2);
      const union: string[] = [];
      for (const v of built.volumes) {
        expect(v.size).toBeLessThanOrEqual(limits.maxBytes);
        const names = entries(v.container);
        expect(names.length).toBeLessThanOrEqual(limits.maxFiles);
        expect(v.counts.bestandenInContainer).toBe(names.length);
        union.push(...names);
        const alone = await verifyPackage([v.pakbon]);
        expect(alone.problems, v.name).toEqual([]);
      }
      expect(union.sort()).toEqual(whole);
      const together = await verifyPackage([out]);
      expect(together.problems).toEqual([]);
      expect(together.notes).toEqual([]);
      expect(readdirSync(out).filter((f) => f.endsWith('.pakbon.xml'))).toHaveLength(built.volumes.length);
      // A volume missing from the set is no longer "together complete": only each alone is checked.
      const partial = await verifyPackage(built.volumes.slice(1).map((v) => v.pakbon));
      expect(partial.notes.join('\n')).toMatch(new RegExp(`${built.volumes.length - 1} of ${built.volumes.length} volumes checked`));
    });
  }

  it('a file larger than a volume is refused before anything is written', async () => {
    const out = join(work, 'too-small');
    await expect(buildPackage({ plan, profile: profile({ volume: { maxBytes: 50_000, maxFiles: 100 } }), outDir: out })).rejects.toMatchObject({ code: 'PACKAGE_LIMITS' });
    expect(existsSync(out)).toBe(false);
  });
});

describe('determinism', () => {
  it('the same plan and creation time give byte-identical containers and pakbons (zip, tar, BagIt)', async () => {
    for (const [i, p] of [profile(), profile({ container: 'tar', bagit: true }), profile({ bagit: true, volume: { maxBytes: 1_000_000, maxFiles: 10_000 } })].entries()) {
      const a = await buildPackage({ plan, profile: p, outDir: join(work, `det-${i}-a`) });
      const b = await buildPackage({ plan, profile: p, outDir: join(work, `det-${i}-b`) });
      expect(b.volumes.map((v) => v.sha256)).toEqual(a.volumes.map((v) => v.sha256));
      for (const [j, v] of a.volumes.entries()) {
        expect(readFileSync(b.volumes[j]!.container).equals(readFileSync(v.container))).toBe(true);
        expect(readFileSync(b.volumes[j]!.pakbon, 'utf8')).toBe(readFileSync(v.pakbon, 'utf8'));
      }
    }
    const later = await buildPackage({ plan: { ...plan, created: '2024-05-03T10:00:00Z' }, profile: profile(), outDir: join(work, 'det-later') });
    expect(later.volumes[0]!.sha256).not.toBe(readFileSync(join(work, 'det-0-a', 'voorbeeldstad-2024-04.pakbon.xml'), 'utf8').match(/[0-9a-f]{64}/)![0]);
  });
});

describe('checking files against the store', () => {
  it('a file whose bytes differ from the recorded SHA-256 stops the build with a clear error and leaves nothing', async () => {
    const small = await socialPlan(join(work, 'store2'), { threads: 1, replies: 1, mediaPixels: 0 });
    const victim = small.roots[0]!.children![0]!.files![0]!;
    // The store's copy changed after capture (same size, different bytes).
    const original = readFileSync(join(work, 'store2', victim.sha256));
    original[0] = original[0]! ^ 1;
    writeFileSync(join(work, 'store2', victim.sha256), original);
    const out = join(work, 'mismatch');
    const error = await buildPackage({ plan: small, profile: profile(), outDir: out }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PACKAGE_FILE_MISMATCH' });
    expect((error as Error).message).toMatch(new RegExp(`${victim.name}: the bytes differ .*SHA-256`));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
