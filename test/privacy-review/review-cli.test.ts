import { requireBuiltCli } from '../helpers/cli.js';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { FAST_HTTP, makeWorkspaceDirs } from '../helpers/workspace.js';

// `socialarchive run` and `socialarchive review ...` through the built binary, in child processes,
// against the fake Mastodon server on loopback: exit codes, output, and clear errors.

const BIN = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');
const TOKEN = 'review-cli-token-0a1b2c3d4e';
const ENV = { REVIEW_CLI_TOKEN: TOKEN, SOCIALARCHIVE_OPERATOR: 'Anna de Vries (FG)', SOCIALARCHIVE_LANG: '' };

let fake: FakeMastodon;
let dirs: ReturnType<typeof makeWorkspaceDirs>;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--config', dirs.config, '--data', dirs.data, ...args], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  fake = await startFakeMastodon({ tokens: [TOKEN] });
  dirs = makeWorkspaceDirs(fake.url, [{ id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'REVIEW_CLI_TOKEN' }], FAST_HTTP);
}, 180_000);

afterAll(async () => {
  await fake?.close();
  if (dirs) await rm(dirs.root, { recursive: true, force: true });
});

const json = <T>(r: Result): T => JSON.parse(r.stdout) as T;
type Listed = { total: number; findings: { id: number; category: string; text?: string; itemPlatformId: string; accountId: string; decision: { action: string } | null }[] };

describe('socialarchive review on the command line', () => {
  let phone: Listed['findings'][number];

  it('run scans what it captured and reports the findings in its summary; a second run scans only what is new', async () => {
    const first = await cli(['run']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Privacyscan: (\d+) van \1 versies en \d+ afbeeldingen gescand; \d+ nieuwe bevindingen/);
    expect(first.stdout).toMatch(/Open bevindingen om te beoordelen: [1-9]\d* \(socialarchive review list\)/);
    const second = await cli(['--lang', 'en', 'run', '--json']);
    expect(second.code, second.stderr).toBe(0);
    const record = json<{ privacy: { versions: number; due: number; open: number } }>(second);
    expect(record.privacy.due).toBe(0);
    expect(record.privacy.versions).toBe(0);
    expect(record.privacy.open).toBeGreaterThan(0);
  });

  it('lists, filters and pages findings', async () => {
    const phones = await cli(['review', 'list', '--category', 'phone', '--json']);
    expect(phones.code, phones.stderr).toBe(0);
    const listed = json<Listed>(phones);
    expect(listed.findings.every((f) => f.category === 'phone' && f.decision === null)).toBe(true);
    phone = listed.findings.find((f) => f.text === '06-12345678')!;
    expect(phone).toBeDefined();

    const table = await cli(['review', 'list', '--limit', '3']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^bevinding\s+account\s+item\s+gepubliceerd\s+auteur\s+categorie\s+voorstel\s+zekerheid\s+status\s+tekst$/);
    expect(table.stdout).toMatch(/1–3 van \d+ getoond; volgende pagina: --page 2/);
    const page2 = await cli(['review', 'list', '--limit', '3', '--page', '2']);
    expect(page2.stdout).toMatch(/4–6 van \d+ getoond/);
  });

  it('shows an item with the post it replies to and its findings marked', async () => {
    const show = await cli(['review', 'show', `F${phone.id}`]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^Reactie voorbeeldstad\/\d+ · gepubliceerd /);
    expect(show.stdout).toContain('In antwoord op: Bericht');
    expect(show.stdout).toMatch(/\[#\d+ 06-12345678\]/);
    expect(show.stdout).toMatch(new RegExp(`#\\d+ F${phone.id}  telefoonnummer \\(phone\\) · "06-12345678" · voorstel: verwijderen`));
    const en = await cli(['--lang', 'en', 'review', 'show', `voorbeeldstad/${phone.itemPlatformId}`]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('In reply to: Post');
    expect(en.stdout).toMatch(/phone number \(phone\) · "06-12345678" · suggested: redact · confidence 0\.\d\d/);
  });

  it('decides with a reason, makes the public copy, and shows the decision', async () => {
    const decide = await cli(['review', 'decide', 'redact', `F${phone.id}`, '--reason', 'Privénummer van een inwoner']);
    expect(decide.code, decide.stderr).toBe(0);
    expect(decide.stdout).toMatch(/^1 besluit vastgelegd door Anna de Vries \(FG\): 1 × verwijderen in openbare versie \(eerbiediging persoonlijke levenssfeer, P75Y\)$/m);
    expect(decide.stdout).toContain('Openbare versies gemaakt: 1 (1 met PDF/A en PNG)');
    const show = await cli(['review', 'show', `F${phone.id}`]);
    expect(show.stdout).toMatch(/Besluit: verwijderen in openbare versie .* door Anna de Vries \(FG\) op .* reden: "Privénummer van een inwoner"/);
    expect(show.stdout).toMatch(/Openbare versie \(.*\): JSON [0-9a-f]{16}… · PDF\/A [0-9a-f]{16}… · PNG [0-9a-f]{16}… · 1 × verwijderd/);

    const file = join(dirs.root, 'decisions.yaml');
    writeFileSync(file, `decisions:\n  - category: [handle, person_name]\n    account: voorbeeldstad\n    action: keep\n    reason: Openbaar gemaakt door de gebruikers zelf\n  - category: health\n    action: restrict\n    term: P100Y\n    reason: Gezondheid\n`);
    const fromFile = await cli(['--lang', 'en', 'review', 'decide', '--from-file', file]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(/^Recorded \d+ decisions by Anna de Vries \(FG\): \d+ × keep; \d+ × restrict \(special-category or criminal personal data, P100Y\)$/m);
    const decided = json<Listed>(await cli(['review', 'list', '--decision', 'redact', '--json']));
    expect(decided.findings.map((f) => f.id)).toEqual([phone.id]);
    const open = json<Listed>(await cli(['review', 'list', '--category', 'handle', '--json']));
    expect(open.total).toBe(0);
  });

  it('refuses bad input with one clear message and a non-zero exit code', async () => {
    const cases: [string[], number, RegExp][] = [
      [['review', 'show', 'F999999'], 2, /no finding F999999 in the archive/],
      [['review', 'show', 'nope/123'], 2, /no item "nope\/123" in the archive/],
      [['review', 'decide', 'keep', `F${phone.id}`], 2, /every decision needs a reason/],
      [['review', 'decide', 'wipe', `F${phone.id}`, '--reason', 'x'], 2, /"wipe" is not a decision; use keep, restrict or redact/],
      [['review', 'decide', 'restrict', `F${phone.id}`, '--reason', 'x', '--term', '75 jaar'], 2, /"75 jaar" is not a term: give an ISO 8601 duration such as P75Y/],
      [['review', 'decide', 'keep', `F${phone.id}`, '--reason', 'x', '--term', 'P1Y'], 2, /keep restricts nothing/],
      [['review', 'decide', 'redact', '--reason', 'x'], 2, /give --category/],
      [['review', 'decide', '--from-file', join(dirs.root, 'missing.yaml')], 2, /cannot read .*missing\.yaml: no such file/],
      [['review', 'list', '--status', 'bogus'], 1, /argument 'bogus' is invalid/],
      [['review', 'list', '--category', 'shoe_size'], 1, /not a category/],
      [['review', 'list', '--from', '2026-02-30'], 1, /"2026-02-30" is not a date/],
      [['review', 'list', '--account', 'elsewhere'], 2, /unknown account elsewhere; registered: voorbeeldstad/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    cases.forEach(([args, code, message], i) => {
      expect(results[i]!.code, args.join(' ')).toBe(code);
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
    });
    const bad = join(dirs.root, 'bad.yaml');
    writeFileSync(bad, 'decisions:\n  - category: phone\n    action: redact\n    term: P1Y\n    colour: red\n');
    const r = await cli(['review', 'decide', '--from-file', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml has 2 problems/);
    expect(r.stderr).toMatch(/line 2, decisions\.0\.reason: /);
    expect(r.stderr).toMatch(/line 5, decisions\.0\.colour: /);
  });
});
