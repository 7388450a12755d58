// The must-show of issue 5 on real captured data: the fake Mastodon demo captured over real HTTP into a
// real store (capture, formats and renditions, privacy scan; day 1, the next day, day 2), then
// `socialarchive package`, `verify`, `review decide` and `transfer` through the built binary.
// The tests of this file run in order on one workspace.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset, diffCaptures, expectedCapture, type ExpectedCapture } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { DEMO_DECISIONS_YAML } from '../../src/privacy/review/demo-decisions.js';
import { verifyAuditChain } from '../../src/store/sql/sql-store.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openWorkspace } from '../../src/workspace.js';
import { OFFICIAL_XSD, xmllintSchema } from '../archive/helpers/xmllint.js';
import { BIN, requireBuiltCli } from '../helpers/cli.js';
import { openTestWorkspace } from '../helpers/workspace.js';

const TOKEN = 'package-flow-token-9f8e7d6c';
process.env.PACKAGE_FLOW_TOKEN = TOKEN;
const ACCOUNTS = [
  { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'PACKAGE_FLOW_TOKEN' },
  { id: 'burgemeester', handle: 'burgemeester' },
];
const ENV = { SOCIALARCHIVE_OPERATOR: 'Jan Jansen (DIV)', SOCIALARCHIVE_LANG: '' };
const CREATED = '2026-06-03T09:00:00Z';
const PERIOD = ['--from', '2026-01-01', '--to', '2026-12-31'];

let root: string;
let config: string;
let data: string;
/** Per account: what the fake served on day 1 and on day 2. */
const expected = new Map<string, { before: ExpectedCapture; after: ExpectedCapture }>();

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', config, '--data', data, ...args], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  requireBuiltCli();
  const fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset() });
  try {
    // Every run re-checks every thread, so day 2 sees every edit and deletion (as the demo does).
    const t = await openTestWorkspace(fake.url, ACCOUNTS, 'capture:\n  fullSweepDays: 0\n');
    ({ root, config, data } = t.dirs);
    const now = () => new Date(fake.dataset.now);
    try {
      const day1 = await runPipeline(t.ws, t.registry, { operator: 'test', now });
      expect(day1.run.status).toBe('completed');
      const before = ACCOUNTS.map((a) => expectedCapture(fake.dataset, a.handle, { token: a.tokenEnv !== undefined }));
      fake.nextDay();
      const day2 = await runPipeline(t.ws, t.registry, { operator: 'test', now });
      expect(day2.run.status).toBe('completed');
      ACCOUNTS.forEach((a, i) => expected.set(a.id, { before: before[i]!, after: expectedCapture(fake.dataset, a.handle, { token: a.tokenEnv !== undefined }) }));
    } finally {
      await t.ws.close();
    }
  } finally {
    await fake.close();
  }
  copyFileSync(join(PACKAGE_ROOT, 'config', 'archive-profile.yaml'), join(config, 'archive-profile.yaml'));
}, 240_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(dir, join(rel, d.name)) : [join(rel, d.name)]));
}

/** Unpacks the one container of a package folder and lists its files. */
function unpack(pkg: string): { dir: string; files: string[] } {
  const zip = readdirSync(pkg).find((f) => f.endsWith('.zip'))!;
  const dir = `${pkg}-unpacked`;
  execFileSync('unzip', ['-q', join(pkg, zip), '-d', dir]);
  return { dir, files: walk(dir).sort() };
}

/** The sidecar of a post or reply: `<account>/draad-<root>/status-<id>/status-<id>.MDTO.xml`. */
function itemSidecar(p: { dir: string; files: string[] }, id: string): string {
  const path = p.files.find((f) => f.endsWith(`/status-${id}/status-${id}.MDTO.xml`));
  if (!path) throw new Error(`no sidecar of ${id}`);
  return readFileSync(join(p.dir, path), 'utf8');
}

/** The planted status (demo story) of an account whose personal-data categories include all of `categories` and nothing else of `without`. */
function planted(accountId: string, categories: string[], without: string[] = []): string {
  const pii = expected.get(accountId)!.after.pii;
  const hit = Object.entries(pii).find(([, cats]) => categories.every((c) => cats.includes(c)) && !without.some((c) => cats.includes(c)));
  if (!hit) throw new Error(`no planted status with ${categories.join(', ')}`);
  return hit[0];
}

const beperkingen = (xml: string): string[] => [...xml.matchAll(/<beperkingGebruik>[\s\S]*?<\/beperkingGebruik>/g)].map((m) => m[0]);

describe('socialarchive package on the captured fake Mastodon data', () => {
  let final: { dir: string; files: string[] };

  it('refuses bad input with exit code 2 and one clear message', async () => {
    const bad = await cli(['package', '--from', '2026-13-01', '--to', '2026-12-31', '--out', join(root, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from "2026-13-01" is not a date/);
    const unknown = await cli(['package', ...PERIOD, '--account', 'nope', '--out', join(root, 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown account nope; registered: .*voorbeeldstad/);
    const exists = await cli(['package', ...PERIOD, '--out', config]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/already exists/);
    const empty = await cli(['package', '--from', '2020-01-01', '--to', '2020-12-31', '--out', join(root, 'x')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/nothing of .* was published or captured/);
  });

  it('stops while findings are open, listing account, item, categories and count; nothing is written', async () => {
    const out = join(root, 'refused');
    const r = await cli(['package', ...PERIOD, '--out', out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Niet verpakt: \d+ item\(s\) hebben open bevindingen/);
    // Every status with planted personal data is listed with its account and categories.
    for (const [accountId, e] of expected) {
      for (const id of Object.keys(e.after.pii)) expect(r.stdout).toMatch(new RegExp(`${accountId} +${id} +(bericht|reactie) +\\d{4}-\\d{2}-\\d{2} +[1-9]\\d* +\\S`));
    }
    expect(r.stdout).toMatch(new RegExp(`${planted('voorbeeldstad', ['phone'])} .*telefoonnummer`));
    // The run captures hold those items too.
    expect(r.stdout).toMatch(/vastlegging \S+ \(WARC\): bevat \d+ item\(s\) met open bevindingen/);
    expect(r.stdout).toMatch(/--allow-unreviewed/);
    expect(existsSync(out)).toBe(false);
  });

  it('--allow-unreviewed packages them marked "Nader te bepalen", and the package verifies', async () => {
    const out = join(root, 'unreviewed');
    const r = await cli(['package', ...PERIOD, '--out', out, '--allow-unreviewed', '--created', CREATED, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { transfer } = JSON.parse(r.stdout) as { transfer: { counts: { unreviewed: number } } };
    expect(transfer.counts.unreviewed).toBeGreaterThan(10);
    const p = unpack(out);
    const health = itemSidecar(p, planted('voorbeeldstad', ['health']));
    expect(health).toMatch(/<begripLabel>Nader te bepalen<\/begripLabel>[\s\S]*Bevat \d+ niet beoordeelde mogelijke persoonsgegevens/);
    expect(health).not.toMatch(/Geen beperking/);
    const account = readFileSync(join(p.dir, 'voorbeeldstad', 'voorbeeldstad.MDTO.xml'), 'utf8');
    expect(account).toMatch(/Nader te bepalen/);
    const verify = await cli(['verify', out]);
    expect(verify.code, verify.stdout).toBe(0);
  });

  it('after the review a package validates against the official XSD with xmllint on every sidecar, and verify exits 0', async () => {
    writeFileSync(join(root, 'besluiten.yaml'), DEMO_DECISIONS_YAML);
    const decided = await cli(['review', 'decide', '--from-file', join(root, 'besluiten.yaml')]);
    expect(decided.code, decided.stderr).toBe(0);
    // One name restricted until a date rather than for a duration.
    const named = planted('voorbeeldstad', ['person_name'], ['phone', 'email', 'health', 'religion_belief', 'political_opinion', 'bsn', 'iban', 'postal_address', 'postcode', 'licence_plate', 'date_of_birth']);
    const until = await cli(['review', 'decide', 'restrict', `voorbeeldstad/${named}`, '--category', 'person_name', '--term', '2101-12-31', '--reason', 'Naam van een inwoner, beperkt tot eind 2101']);
    expect(until.code, until.stderr).toBe(0);

    const out = join(root, 'final');
    const r = await cli(['package', ...PERIOD, '--out', out, '--created', CREATED]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Pakket gemeente-voorbeeldstad-2026-01-01-2026-12-31 geschreven in .* \(overdracht \d+\):/);
    expect(r.stdout).toMatch(/openbare versies/);
    const verify = await cli(['verify', out]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/in orde: 1 volume\(s\), geen problemen/);

    final = unpack(out);
    const sidecars = final.files.filter((f) => f.endsWith('.MDTO.xml'));
    expect(sidecars.length).toBeGreaterThan(500);
    const lint = xmllintSchema(OFFICIAL_XSD, sidecars.map((f) => join(final.dir, f)));
    expect(lint.output).not.toMatch(/fails to validate/);
    expect(lint.ok).toBe(true);
    // Every file has its sidecar; names follow the SIP rules.
    for (const f of final.files.filter((x) => !x.endsWith('.MDTO.xml'))) expect(final.files).toContain(`${f}.bestand.MDTO.xml`);
    for (const f of final.files) for (const seg of f.split('/')) expect(seg).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/);
    // The thread renditions are files of the Dossier, with a Conversie event; profiles and run WARCs sit under an account.
    expect(final.files.some((f) => /^voorbeeldstad\/draad-\d+\/draad-\d+\.weergave-1\.pdf$/.test(f))).toBe(true);
    expect(final.files.some((f) => /^[a-z]+\/vastlegging-[^/]+\/[^/]+\.warc$/.test(f))).toBe(true);
    expect(final.files.some((f) => /^voorbeeldstad\/profiel-voorbeeldstad-[^/]+\/[^/]+\.json$/.test(f))).toBe(true);
    expect(final.files).toContain('schema-genormaliseerde-json/normalised-item.schema.json');
  });

  it('holds every post and reply exactly once: edits as versions of one object, deleted items with their deletion event', () => {
    for (const [accountId, { before, after }] of expected) {
      const want = [...new Set([...before.statusIds, ...after.statusIds])].sort();
      const got = final.files.flatMap((f) => {
        const m = new RegExp(`^${accountId}/draad-\\d+/status-(\\d+)/status-\\1\\.MDTO\\.xml$`).exec(f);
        return m ? [m[1]!] : [];
      });
      expect(got.length, accountId).toBe(new Set(got).size);
      expect([...got].sort(), accountId).toEqual(want);
      for (const id of want) {
        const versions = final.files.filter((f) => new RegExp(`/status-${id}\\.v\\d+\\.json$`).test(f)).length;
        expect(versions, `${accountId}/${id}`).toBe(after.versions[id] ?? before.versions[id] ?? 1);
      }
      const diff = diffCaptures(before, after);
      for (const id of diff.edited) expect([...itemSidecar(final, id).matchAll(/<begripLabel>Wijziging<\/begripLabel>/g)].length).toBe(after.versions[id]! - 1);
      for (const id of diff.removed) expect(itemSidecar(final, id)).toMatch(/<begripLabel>Verwijdering van platform<\/begripLabel>/);
    }
    expect([...expected.values()].some((e) => diffCaptures(e.before, e.after).removed.length > 0)).toBe(true);
  });

  it('a restrict decision shows as beperkingGebruik with its term: a duration, or an end date', () => {
    const health = beperkingen(itemSidecar(final, planted('voorbeeldstad', ['health'])));
    const special = health.find((b) => /bijzondere of strafrechtelijke persoonsgegevens/.test(b))!;
    expect(special).toMatch(/<begripLabel>Overig<\/begripLabel>/);
    expect(special).toMatch(/gezondheid/);
    expect(special).toMatch(/<termijnLooptijd>P75Y<\/termijnLooptijd>/);
    const start = /<termijnStartdatumLooptijd>(\d{4})-(\d\d-\d\d)<\/termijnStartdatumLooptijd>/.exec(special)!;
    expect(special).toMatch(new RegExp(`<termijnEinddatum>${Number(start[1]) + 75}-${start[2]}</termijnEinddatum>`));
    expect(health.some((b) => /Geen beperking/.test(b))).toBe(false);

    const named = planted('voorbeeldstad', ['person_name'], ['phone', 'email', 'health', 'religion_belief', 'political_opinion', 'bsn', 'iban', 'postal_address', 'postcode', 'licence_plate', 'date_of_birth']);
    const dated = beperkingen(itemSidecar(final, named)).find((b) => /tot eind 2101/.test(b))!;
    expect(dated).toMatch(/<termijnEinddatum>2101-12-31<\/termijnEinddatum>/);
    expect(dated).not.toMatch(/termijnLooptijd/);
    // "Geen beperking" only where nothing restricts: never beside a restriction, and on the items without one.
    const items = final.files.filter((f) => /\/status-\d+\/status-\d+\.MDTO\.xml$/.test(f)).map((f) => beperkingen(readFileSync(join(final.dir, f), 'utf8')));
    expect(items.filter((b) => b.length === 1 && /Geen beperking/.test(b[0]!)).length).toBeGreaterThan(50);
    expect(items.filter((b) => b.length > 1 && b.some((x) => /Geen beperking/.test(x)))).toEqual([]);
  });

  it('a redact decision brings the public copy beside the original, related by "Is een versie van"; the original stays whole', () => {
    const id = planted('voorbeeldstad', ['phone']);
    const folder = final.files.find((f) => f.endsWith(`/status-${id}-openbaar/status-${id}-openbaar.MDTO.xml`))!;
    expect(folder).toBeDefined();
    const copy = readFileSync(join(final.dir, folder), 'utf8');
    expect(copy).toMatch(new RegExp(`<identificatieKenmerk>voorbeeldstad/status/${id}</identificatieKenmerk>[\\s\\S]*?<begripLabel>Is een versie van</begripLabel>`));
    expect(copy).toMatch(/<begripLabel>Geen beperking<\/begripLabel>/);
    expect(copy).toMatch(/<begripLabel>Kopie<\/begripLabel>[\s\S]*telefoonnummer/);
    const original = itemSidecar(final, id);
    expect(original).toMatch(new RegExp(`<identificatieKenmerk>voorbeeldstad/status/${id}/openbaar</identificatieKenmerk>[\\s\\S]*?<begripLabel>Heeft Versie</begripLabel>`));
    expect(original).not.toMatch(/Geen beperking/);
    const dir = folder.slice(0, folder.lastIndexOf('/'));
    const publicJson = readFileSync(join(final.dir, dir, `status-${id}.v1.openbaar.json`), 'utf8');
    expect(publicJson).toMatch(/\[verwijderd: telefoonnummer\]/);
    const originalDir = dir.replace(/-openbaar$/, '');
    const payload = readFileSync(join(final.dir, originalDir, `status-${id}.v1.json`), 'utf8');
    expect(payload).not.toMatch(/verwijderd/);
    expect(JSON.parse(payload)).toMatchObject({ id });
  });

  it('building twice from the same store with the same --created gives byte-identical containers', async () => {
    const again = join(root, 'final-again');
    const r = await cli(['package', ...PERIOD, '--out', again, '--created', CREATED]);
    expect(r.code, r.stderr).toBe(0);
    const zip = (d: string) => join(d, readdirSync(d).find((f) => f.endsWith('.zip'))!);
    expect(readFileSync(zip(again)).equals(readFileSync(zip(join(root, 'final'))))).toBe(true);
    const pakbon = (d: string) => readFileSync(join(d, readdirSync(d).find((f) => f.endsWith('.pakbon.xml'))!), 'utf8');
    expect(pakbon(again)).toBe(pakbon(join(root, 'final')));
  });

  it('a stored file that no longer matches its SHA-256 stops the build, leaves nothing, and is in the audit trail', async () => {
    const warc = final.files.find((f) => f.endsWith('.warc'))!;
    const sha = /<checksumWaarde>([0-9a-f]{64})<\/checksumWaarde>/.exec(readFileSync(join(final.dir, `${warc}.bestand.MDTO.xml`), 'utf8'))![1]!;
    const stored = join(data, 'files', 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha);
    const bytes = readFileSync(stored);
    bytes[100] = bytes[100]! ^ 1;
    writeFileSync(stored, bytes);
    try {
      const out = join(root, 'mismatch');
      const r = await cli(['package', ...PERIOD, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\.warc: the bytes differ .*SHA-256/);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(root).filter((f) => f.includes('partial'))).toEqual([]);
    } finally {
      bytes[100] = bytes[100]! ^ 1;
      writeFileSync(stored, bytes);
    }
  });

  it('transfer list shows what went out; transfer receipt records the answer once; all of it is in the audit trail', async () => {
    const list = await cli(['transfer', 'list', '--json']);
    expect(list.code).toBe(0);
    const transfers = JSON.parse(list.stdout) as { id: number; packageId: string; receiver: string; target: { collection: string }; volumes: { sha256: string }[]; actor: string; receipt: unknown }[];
    expect(transfers).toHaveLength(3);
    const last = transfers[0]!;
    expect(last).toMatchObject({ packageId: 'gemeente-voorbeeldstad-2026-01-01-2026-12-31', receiver: 'Regionaal Archief Voorbeeldstad', target: { collection: 'NL-VbsRA-0999' }, actor: 'Jan Jansen (DIV)', receipt: null });
    const zip = join(root, 'final', readdirSync(join(root, 'final')).find((f) => f.endsWith('.zip'))!);
    expect(last.volumes[0]!.sha256).toBe(execFileSync('sha256sum', [zip], { encoding: 'utf8' }).split(' ')[0]);

    writeFileSync(join(root, 'ontvangst.xml'), '<ontvangstbevestiging><status>geaccepteerd</status></ontvangstbevestiging>\n');
    const receipt = await cli(['transfer', 'receipt', String(last.id), '--status', 'accepted', '--note', 'Ingelezen als NL-VbsRA-0999-2026-17', '--file', join(root, 'ontvangst.xml')]);
    expect(receipt.code, receipt.stderr).toBe(0);
    expect(receipt.stdout).toMatch(new RegExp(`Overdracht ${last.id} .*geaccepteerd .* door Jan Jansen \\(DIV\\); ontvangstbewijs ontvangst.xml`));
    const twice = await cli(['transfer', 'receipt', String(last.id), '--status', 'rejected', '--note', 'toch niet']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already has the archive's answer \(accepted/);
    expect((await cli(['transfer', 'receipt', '999', '--status', 'accepted', '--note', 'x'])).code).toBe(2);
    expect((await cli(['transfer', 'receipt', String(last.id), '--status', 'maybe', '--note', 'x'])).code).not.toBe(0);
    const shown = await cli(['transfer', 'list']);
    expect(shown.stdout).toMatch(new RegExp(`^${last.id} +gemeente-voorbeeldstad-2026-01-01-2026-12-31 .* geaccepteerd`, 'm'));
    expect(shown.stdout).toMatch(/verzonden, nog geen antwoord/);

    const ws = await openWorkspace({ configDir: config, dataDir: data });
    try {
      const trail = await ws.store.auditTrail();
      expect(verifyAuditChain(trail)).toBeNull();
      const actions = trail.map((e) => e.action);
      expect(actions.filter((a) => a === 'package.refused')).toHaveLength(1);
      expect(actions.filter((a) => a === 'package.build')).toHaveLength(3);
      expect(actions.filter((a) => a === 'package.failed')).toHaveLength(1);
      const answer = trail.find((e) => e.action === 'transfer.receipt')!;
      expect(answer).toMatchObject({ actor: 'Jan Jansen (DIV)', subject: `transfer:${last.id}`, details: { status: 'accepted', note: 'Ingelezen als NL-VbsRA-0999-2026-17' } });
      const stored = (await ws.store.transfers.transfer(last.id))!.receipt!.file!;
      expect(await ws.files.has(stored.sha256)).toBe(true);
    } finally {
      await ws.close();
    }
  });
});
