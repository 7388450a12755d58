// `socialarchive demo` end to end through the built binary: capture on two days, formats, privacy scan,
// the demo's decisions applied from a file in the demo folder, the transfer package, and verify.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'socialarchive-demo-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('socialarchive demo', () => {
  it('runs the whole pipeline and ends with a verified transfer package', async () => {
    const dir = join(root, 'demo');
    const r = await cli(['demo', '--dir', dir], { env: { SOCIALARCHIVE_LANG: '' } });
    expect(r.code, r.stderr).toBe(0);
    // The decisions a person can read, applied before the package was made.
    const decisions = readFileSync(join(dir, 'besluiten-privacy.yaml'), 'utf8');
    expect(decisions).toMatch(/^decisions:/m);
    expect(r.stdout).toMatch(/Besluiten uit .*besluiten-privacy\.yaml: [1-9]\d* vastgelegd, [1-9]\d* openbare versies gemaakt; open bevindingen over: 0/);
    expect(r.stdout).toMatch(/Pakket gemeente-voorbeeldstad-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d geschreven in .*overdracht \(overdracht 1\):/);
    expect(r.stdout).toMatch(/in orde: 1 volume\(s\), geen problemen/);
    // It ends by saying where the package is and that it verified.
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`Pakket: ${join(dir, 'overdracht')} (gecontroleerd: in orde)`);
    const files = readdirSync(join(dir, 'overdracht'));
    expect(files.filter((f) => f.endsWith('.zip'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.pakbon.xml'))).toHaveLength(1);

    // An independent check of what the demo left behind, and the transfer it recorded.
    const verify = await cli(['verify', join(dir, 'overdracht')]);
    expect(verify.code, verify.stdout).toBe(0);
    const list = await cli(['--config', join(dir, 'config'), '--data', join(dir, 'data'), 'transfer', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: 1, actor: 'demo', receipt: null, location: join(dir, 'overdracht') }]);
    expect(existsSync(join(dir, 'config', 'archive-profile.yaml'))).toBe(true);
  }, 300_000);
});
