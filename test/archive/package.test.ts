import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, type BuildResult } from '../../archive/build.js';
import { verifyPackage } from '../../archive/verify/index.js';
import type { PackagePlan } from '../../archive/plan.js';
import { profile, socialPlan } from './helpers/fixture.js';
import { OFFICIAL_XSD, xmllintSchema } from './helpers/xmllint.js';

const work = mkdtempSync(join(tmpdir(), 'sa-pkg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let plan: PackagePlan;
let built: BuildResult;

function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(dir, join(rel, d.name)) : [join(rel, d.name)],
  );
}

beforeAll(async () => {
  plan = await socialPlan(join(work, 'store'), { threads: 3, replies: 4, mediaPixels: 64 });
  built = await buildPackage({ plan, profile: profile(), outDir: join(work, 'out') });
});

describe('a transfer package built from a plan', () => {
  it('is one zip with its pakbon, and verify finds nothing wrong', async () => {
    expect(built.volumes).toHaveLength(1);
    expect(readdirSync(built.dir).sort()).toEqual(['voorbeeldstad-2024-04.pakbon.xml', 'voorbeeldstad-2024-04.zip']);
    const report = await verifyPackage([built.dir]);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('has the SIP layout of SPEC section 6, and every sidecar validates with Debian xmllint', () => {
    const unpacked = join(work, 'unzipped');
    execFileSync('unzip', ['-q', built.volumes[0]!.container, '-d', unpacked]);
    const files = walk(unpacked).sort();
    expect(files).toContain('voorbeeldstad-mastodon/voorbeeldstad-mastodon.MDTO.xml');
    expect(files).toContain('voorbeeldstad-mastodon/draad-11000000/draad-11000000.MDTO.xml');
    expect(files).toContain('voorbeeldstad-mastodon/draad-11000000/status-11000000/status-11000000.MDTO.xml');
    expect(files).toContain('voorbeeldstad-mastodon/draad-11000000/status-11000000/status-11000000.v1.json.bestand.MDTO.xml');
    expect(files).toContain('voorbeeldstad-mastodon/vastlegging-run-2024-04-02/run-2024-04-02.warc');
    expect(files).toContain('schema-genormaliseerde-json/item-schema-1.json');
    // Every file has its sidecar beside it; every folder its own informatieobject sidecar.
    for (const f of files.filter((f) => !f.endsWith('.MDTO.xml'))) expect(files).toContain(`${f}.bestand.MDTO.xml`);
    const sidecars = files.filter((f) => f.endsWith('.MDTO.xml'));
    const result = xmllintSchema(OFFICIAL_XSD, sidecars.map((f) => join(unpacked, f)));
    expect(result.output).not.toMatch(/fails to validate/);
    expect(result.ok).toBe(true);
    expect(sidecars.length).toBeGreaterThan(60);
    // Names: no spaces or forbidden characters, at most 255 characters.
    for (const f of files) for (const seg of f.split('/')) expect(seg).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/);
    // The unpacked folder verifies too.
    return verifyPackage([unpacked]).then((r) => expect(r.problems).toEqual([]));
  });

  it('maps the social-media cases into MDTO', () => {
    const dir = join(work, 'unzipped', 'voorbeeldstad-mastodon', 'draad-11000000');
    const root = readFileSync(join(dir, 'status-11000000', 'status-11000000.MDTO.xml'), 'utf8');
    expect(root).toMatch(/<begripLabel>Wijziging<\/begripLabel>/);
    expect(root).toMatch(/<aanvullendeMetagegevens>\s*<verwijzingNaam>status-11000000.normalised.json<\/verwijzingNaam>/);
    expect(root).toMatch(/<begripLabel>Refereert aan<\/begripLabel>/);
    expect(root).toMatch(/<begripLabel>Geen beperking<\/begripLabel>/);
    const deleted = readFileSync(join(dir, 'status-11000000001', 'status-11000000001.MDTO.xml'), 'utf8');
    expect(deleted).toMatch(/<begripLabel>Verwijdering van platform<\/begripLabel>/);
    expect(deleted).toMatch(/<begripLabel>Rechthebbende<\/begripLabel>/);
    const restricted = readFileSync(join(dir, 'status-11000000002', 'status-11000000002.MDTO.xml'), 'utf8');
    expect(restricted).toMatch(/<begripLabel>Overig<\/begripLabel>[\s\S]*persoonlijke|bijzondere/);
    expect(restricted).toMatch(/<termijnLooptijd>P75Y<\/termijnLooptijd>/);
    expect(restricted).toMatch(/<begripLabel>Heeft Versie<\/begripLabel>/);
    const copy = readFileSync(join(dir, 'status-11000000002-openbaar', 'status-11000000002-openbaar.MDTO.xml'), 'utf8');
    expect(copy).toMatch(/<begripLabel>Is een versie van<\/begripLabel>/);
    expect(copy).toMatch(/<begripLabel>Geen beperking<\/begripLabel>/);
    const unreviewed = readFileSync(join(dir, 'status-11000000003', 'status-11000000003.MDTO.xml'), 'utf8');
    expect(unreviewed).toMatch(/<begripLabel>Nader te bepalen<\/begripLabel>/);
    const top = readFileSync(join(work, 'unzipped', 'voorbeeldstad-mastodon', 'voorbeeldstad-mastodon.MDTO.xml'), 'utf8');
    expect(top).toMatch(/<isOnderdeelVan>\s*<verwijzingNaam>Archief gemeente Voorbeeldstad<\/verwijzingNaam>\s*<verwijzingIdentificatie>\s*<identificatieKenmerk>NL-VbsRA-0999/);
    expect(top).toMatch(/<archiefvormer>\s*<verwijzingNaam>Gemeente Voorbeeldstad<\/verwijzingNaam>\s*<verwijzingIdentificatie>\s*<identificatieKenmerk>https:\/\/identifier.overheid.nl\/tooi\/id\/gemeente\/gm9999<\/identificatieKenmerk>\s*<identificatieBron>TOOI/);
  });
});
