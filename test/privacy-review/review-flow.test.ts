import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset, expectedCapture } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { runCapture } from '../../src/capture/run.js';
import type { PublicCopy, Registry } from '../../src/domain/types.js';
import { defaultDetectOptions } from '../../src/privacy/config.js';
import { scanPending } from '../../src/privacy/pipeline/index.js';
import { textFields } from '../../src/privacy/pipeline/fields.js';
import { normalisedItem } from '../../src/privacy/pipeline/normalised.js';
import { readBounded } from '../../src/privacy/pipeline/scan.js';
import { applyPlanned, planAll } from '../../src/privacy/review/apply.js';
import { parseDecisionsFile } from '../../src/privacy/review/decisions-file.js';
import { DEMO_DECISIONS_YAML } from '../../src/privacy/review/demo-decisions.js';
import { redactionMarker } from '../../src/privacy/review/labels.js';
import type { Selector } from '../../src/privacy/review/select.js';
import type { DetectOptions } from '../../src/privacy/types.js';
import { verifyAuditChain } from '../../src/store/sql/sql-store.js';
import type { Workspace } from '../../src/workspace.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openTestWorkspace } from '../helpers/workspace.js';
import { openRawDatabase } from '../helpers/test-store.js';

// The must-show of issue 4, items 4-6: the demo accounts captured over real HTTP from the fake
// Mastodon server into a real SQLite store and file store, scanned, reviewed and published.
// The tests of this file run in order on one workspace.

const run = promisify(execFile);
const TOKEN = 'review-flow-token-5e6f7a8b';
process.env.REVIEW_FLOW_TOKEN = TOKEN;
const DAY = 86_400_000;
const ACCOUNTS = [
  { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'REVIEW_FLOW_TOKEN' },
  { id: 'burgemeester', handle: 'burgemeester' },
];
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object);

let fake: FakeMastodon;
let ws: Workspace;
let registry: Registry;
let work: string;
/** The detector configuration of the latest scan (later scans must use the same to be incremental). */
let options: DetectOptions = defaultDetectOptions();
// Faces are detected in images.test.ts; here every scan leaves them out (same detector throughout).
const faces = false;

beforeAll(async () => {
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset() });
  ({ ws, registry } = await openTestWorkspace(fake.url, ACCOUNTS));
  const capture = await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) });
  expect(capture.status).toBe('completed');
  work = await mkdtemp(join(tmpdir(), 'review-flow-'));
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await fake?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const decideAll = (requests: { selector: Selector; action: string; reason: string; type?: string; term?: string }[]) =>
  planAll(
    ws,
    requests.map((r, i) => ({ label: `request ${i + 1}`, selector: r.selector, request: { action: r.action, reason: r.reason, type: r.type, term: r.term, via: 'test' } })),
  ).then((planned) => applyPlanned(ws, planned, { actor: 'privacyfunctionaris' }));

async function itemId(accountId: string, platformId: string): Promise<number> {
  const [ref] = await ws.store.privacy.resolveItems({ accountId, platformId });
  return ref!.itemId;
}

async function findingsOf(accountId: string, platformId: string) {
  return (await ws.store.privacy.listFindings({ itemIds: [await itemId(accountId, platformId)], status: 'all' }, { limit: 1000, offset: 0 })).rows;
}

/** The planted status (demo story) whose personal-data categories are exactly `categories`. */
function planted(accountId: string, token: boolean, ...categories: string[]): string {
  const pii = expectedCapture(fake.dataset, accountId, { token }).pii;
  const hit = Object.entries(pii).find(([, cats]) => cats.length === categories.length && categories.every((c) => cats.includes(c)));
  if (!hit) throw new Error(`no planted status with ${categories.join(', ')}`);
  return hit[0];
}

async function pdfText(sha256: string): Promise<string> {
  const file = join(work, `${sha256}.pdf`);
  await writeFile(file, await readBounded(ws.files, sha256, 50_000_000));
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
}

async function exifGroups(sha256: string): Promise<string[]> {
  const file = join(work, `${sha256}.img`);
  await writeFile(file, await readBounded(ws.files, sha256, 50_000_000));
  const tags = (JSON.parse((await run('exiftool', ['-j', '-G1', '-a', file])).stdout) as Record<string, unknown>[])[0]!;
  return Object.keys(tags).filter((k) => /^(IFD\d|ExifIFD|GPS|XMP|XMP-.*|IPTC|ICC.*|Photoshop|MakerNotes|InteropIFD):/.test(k));
}

async function publicJson(copy: PublicCopy): Promise<NormalisedItem> {
  return JSON.parse((await readBounded(ws.files, copy.json.sha256, 10_000_000)).toString('utf8')) as NormalisedItem;
}

async function currentCopy(accountId: string, platformId: string): Promise<PublicCopy> {
  const key = `${accountId}/${platformId}`;
  const state = (await ws.store.privacy.itemPrivacy([{ accountId, platformId }])).get(key)!;
  const copy = state.publicCopies.at(-1)?.copy;
  if (!copy) throw new Error(`no current public copy of ${key}`);
  return copy;
}

describe('the review flow on the fake Mastodon data', () => {
  it('scans every version and image, and the list shows the personal data planted in the story', async () => {
    const scan = await scanPending(ws, registry, { options, faces });
    expect(scan.problems).toBe(0);
    expect(scan.versions).toBe(scan.due);
    expect(scan.versions).toBeGreaterThan(150);
    expect(scan.images).toBeGreaterThan(5);
    expect(scan.open).toBe(scan.newFindings);

    for (const [accountId, token] of [['voorbeeldstad', true], ['burgemeester', false]] as const) {
      for (const [platformId, categories] of Object.entries(expectedCapture(fake.dataset, accountId, { token }).pii)) {
        const listed = new Set((await findingsOf(accountId, platformId)).filter((f) => f.reported && !f.decision).map((f) => f.category));
        for (const c of categories) expect(listed.has(c), `${accountId}/${platformId} ${c}`).toBe(true);
      }
    }
    // The organisation's own handles and general numbers are not personal data.
    const handles = (await ws.store.privacy.listFindings({ categories: ['handle'], status: 'open' }, { limit: 1000, offset: 0 })).rows.map((f) => f.text);
    expect(handles.length).toBeGreaterThan(10);
    expect(handles).not.toContain('@voorbeeldstad');
    expect(handles).not.toContain('@burgemeester');
    const phones = (await ws.store.privacy.listFindings({ categories: ['phone'] }, { limit: 1000, offset: 0 })).rows.map((f) => f.text);
    expect(phones).not.toContain('14 0555');
    // Photos from the fake carry GPS in EXIF: each is a finding of its own.
    const gps = (await ws.store.privacy.listFindings({ categories: ['gps'] }, { limit: 1000, offset: 0 })).rows;
    expect(gps.length).toBeGreaterThan(0);
    expect(gps[0]!.detail).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number) });

    // Filters: account, period, category, paging.
    const mayor = await ws.store.privacy.listFindings({ accountIds: ['burgemeester'], status: 'open' }, { limit: 5, offset: 0 });
    expect(mayor.rows).toHaveLength(5);
    expect(mayor.total).toBeGreaterThan(5);
    expect(mayor.rows.every((f) => f.accountId === 'burgemeester')).toBe(true);
    const page2 = await ws.store.privacy.listFindings({ accountIds: ['burgemeester'], status: 'open' }, { limit: 5, offset: 5 });
    expect(page2.rows.map((f) => f.id)).not.toEqual(expect.arrayContaining(mayor.rows.map((f) => f.id)));
    const march = await ws.store.privacy.listFindings({ from: '2026-03-01', before: '2026-04-01', status: 'open' }, { limit: 1000, offset: 0 });
    expect(march.total).toBeGreaterThan(0);
    expect(march.rows.every((f) => f.publishedAt >= '2026-03-01' && f.publishedAt < '2026-04-01')).toBe(true);
  });

  it('records keep, restrict and redact; the public copy lacks exactly the redacted text and keeps the rest', async () => {
    const piet = planted('voorbeeldstad', true, 'postal_address', 'postcode', 'phone', 'person_name');
    const maria = planted('voorbeeldstad', true, 'health', 'email', 'person_name');
    const result = await decideAll([
      { selector: { item: `voorbeeldstad/${piet}`, categories: ['phone', 'postal_address', 'postcode'] }, action: 'redact', reason: 'Contactgegevens van een inwoner' },
      { selector: { item: `voorbeeldstad/${piet}`, categories: ['person_name'] }, action: 'restrict', type: 'privacy', term: 'P75Y', reason: 'Naam van een inwoner' },
      { selector: { item: `voorbeeldstad/${maria}`, categories: ['email'] }, action: 'redact', reason: 'E-mailadres van een inwoner' },
      { selector: { item: `voorbeeldstad/${maria}`, categories: ['health', 'person_name'] }, action: 'restrict', term: '2101-12-31', reason: 'Gezondheid van een familielid' },
      { selector: { categories: ['handle'], accountIds: ['voorbeeldstad'] }, action: 'keep', reason: 'Zelfgekozen openbare gebruikersnamen' },
    ]);
    expect(result.decisions.filter((d) => d.action === 'redact')).toHaveLength(4);
    expect(result.decisions.filter((d) => d.action === 'restrict')).toHaveLength(3);
    expect(result.decisions.filter((d) => d.action === 'keep').length).toBeGreaterThan(10);
    expect(result.publicCopies?.failed).toEqual([]);
    // Restrictions carry type and term from publication; defaults by category where none was given.
    const health = (await findingsOf('voorbeeldstad', maria)).find((f) => f.category === 'health')!;
    expect(health.decision!.restriction).toEqual({ type: 'special_category_data', term: { until: '2101-12-31', from: health.publishedAt.slice(0, 10) } });
    const redactedPhone = (await findingsOf('voorbeeldstad', piet)).find((f) => f.category === 'phone')!;
    expect(redactedPhone.decision!.restriction).toEqual({ type: 'privacy', term: { duration: 'P75Y', from: redactedPhone.publishedAt.slice(0, 10) } });

    for (const platformId of [piet, maria]) {
      const copy = await currentCopy('voorbeeldstad', platformId);
      const item = await publicJson(copy);
      expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
      const findings = (await findingsOf('voorbeeldstad', platformId)).filter((f) => f.text !== undefined);
      const redacted = findings.filter((f) => f.decision?.action === 'redact');
      const others = findings.filter((f) => f.decision?.action !== 'redact');
      expect(redacted.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      const json = JSON.stringify(item).toLowerCase();
      for (const f of redacted) expect(json, `${f.category} "${f.text}"`).not.toContain(f.text!.toLowerCase());
      for (const f of others) expect(item.text.plain, `${f.category} "${f.text}" must stay`).toContain(f.text!);

      // Offsets: each marker stands where the copy says, and outside the markers the text is the original's.
      const [v] = (await ws.store.privacy.itemVersions(await itemId('voorbeeldstad', platformId))).slice(-1);
      const original = normalisedItem(v!);
      for (const { field, text } of textFields(original)) {
        const rs = copy.redactions.filter((r) => r.field === field).sort((a, b) => a.start - b.start);
        const publicText = textFields(item).find((x) => x.field === field)!.text;
        let rebuilt = '';
        let at = 0;
        const markers = new Map(rs.map((r) => [r.publicStart, r]));
        for (const r of [...markers.values()]) {
          rebuilt += text.slice(at, r.start) + publicText.slice(r.publicStart, r.publicEnd);
          at = Math.max(...rs.filter((x) => x.publicStart === r.publicStart).map((x) => x.end));
          expect(publicText.slice(r.publicStart, r.publicEnd)).toBe(redactionMarker(r.category));
        }
        expect(rebuilt + text.slice(at)).toBe(publicText);
      }
      // The original is untouched: its text still holds what the copy lacks.
      for (const f of redacted) expect(original.text.plain).toContain(f.text!);

      // The rendition is made from the redacted text, so the PDF does not contain it at all.
      expect(existsSync('/usr/bin/chromium')).toBe(true);
      expect(copy.pdf && copy.png, copy.notes.join('; ')).toBeTruthy();
      const pdf = await pdfText(copy.pdf!.sha256);
      expect(pdf).toContain('[verwijderd:');
      for (const f of redacted) expect(pdf, `${f.text} in the PDF`).not.toContain(f.text!);
      for (const f of others.filter((o) => o.category !== 'handle')) expect(pdf, `${f.text} kept`).toContain(f.text!);
    }
    const pietCopy = await currentCopy('voorbeeldstad', piet);
    expect(pietCopy.notes.some((n) => n.includes('restricted, not redacted'))).toBe(true);
  });

  it('strips every image of its metadata and keeps the original whole', async () => {
    const withPhoto = (await ws.store.privacy.listFindings({ categories: ['gps'], accountIds: ['voorbeeldstad'] }, { limit: 1, offset: 0 })).rows[0]!;
    await decideAll([{ selector: { item: `voorbeeldstad/${withPhoto.itemPlatformId}`, categories: ['gps', 'image_metadata'] }, action: 'redact', reason: 'Locatie van de fotograaf' }]);
    const copy = await currentCopy('voorbeeldstad', withPhoto.itemPlatformId);
    expect(copy.images.length).toBeGreaterThan(0);
    const image = copy.images.find((i) => i.sourceSha256 === withPhoto.media!.sha256)!;
    expect(await exifGroups(image.file.sha256)).toEqual([]);
    expect((await exifGroups(image.sourceSha256)).some((g) => g.startsWith('GPS:'))).toBe(true);
    const item = await publicJson(copy);
    expect(item.media.map((m) => m.sha256)).toContain(image.file.sha256);
    expect(item.media.map((m) => m.sha256)).not.toContain(image.sourceSha256);
  });

  it('changes a decision only by a new one: the history is kept, the latest wins, a new public copy follows', async () => {
    const piet = planted('voorbeeldstad', true, 'postal_address', 'postcode', 'phone', 'person_name');
    const before = await currentCopy('voorbeeldstad', piet);
    const phone = (await findingsOf('voorbeeldstad', piet)).find((f) => f.category === 'phone')!;
    await decideAll([{ selector: { findingIds: [phone.id] }, action: 'keep', reason: 'Zakelijk nummer van een aannemer' }]);
    const history = await ws.store.privacy.decisionHistory([phone.id]);
    expect(history.map((d) => d.action)).toEqual(['redact', 'keep']);
    expect((await ws.store.privacy.findings([phone.id]))[0]!.decision!.action).toBe('keep');
    const after = await currentCopy('voorbeeldstad', piet);
    expect(after.id).not.toBe(before.id);
    expect((await publicJson(after)).text.plain).toContain(phone.text!);
    expect((await publicJson(before)).text.plain).not.toContain(phone.text!);
    // The same decision again records nothing.
    const again = await decideAll([{ selector: { findingIds: [phone.id] }, action: 'keep', reason: 'Zakelijk nummer van een aannemer' }]);
    expect(again.decisions).toEqual([]);
    expect(again.unchanged).toBe(1);
  });

  it('gives the packager open findings and effective decisions per item', async () => {
    const piet = planted('voorbeeldstad', true, 'postal_address', 'postcode', 'phone', 'person_name');
    const sanne = planted('voorbeeldstad', true, 'phone', 'person_name');
    const state = await ws.store.privacy.itemPrivacy([
      { accountId: 'voorbeeldstad', platformId: piet },
      { accountId: 'voorbeeldstad', platformId: sanne },
    ]);
    const p = state.get(`voorbeeldstad/${piet}`)!;
    expect(p.openFindings).toBe(0);
    expect(p.unscannedVersions).toBe(0);
    expect(p.restrictions.map((r) => `${r.action}:${r.category}`).sort()).toEqual(['redact:postal_address', 'redact:postcode', 'restrict:person_name']);
    expect(p.publicCopies).toHaveLength(1);
    expect(p.publicCopies[0]!.copy).not.toBeNull();
    const s = state.get(`voorbeeldstad/${sanne}`)!;
    expect(s.openFindings).toBe(2);
    expect(s.restrictions).toEqual([]);
  });

  it('writes every decision to the append-only audit trail with a valid hash chain', async () => {
    const trail = await ws.store.auditTrail();
    expect(verifyAuditChain(trail)).toBeNull();
    const decided = (await ws.store.privacy.listFindings({ status: 'decided' }, { limit: 10_000, offset: 0 })).rows;
    const all = await ws.store.privacy.decisionHistory(decided.map((f) => f.id));
    const entries = trail.filter((e) => e.action === 'privacy.decide');
    expect(entries).toHaveLength(all.length);
    for (const d of all) {
      const e = trail.find((x) => x.seq === d.auditSeq)!;
      expect(e.subject).toBe(`finding:F${d.findingId}`);
      expect(e.actor).toBe('privacyfunctionaris');
      expect(e.details).toMatchObject({ action: d.action, reason: d.reason });
    }
    expect(trail.some((e) => e.action === 'privacy.public_copy')).toBe(true);
    expect(trail.some((e) => e.action === 'privacy.scan')).toBe(true);
    // The database itself refuses to change or remove a decision.
    const db = openRawDatabase(ws.configDir, ws.dataDir);
    try {
      await expect(sql`UPDATE privacy_decisions SET action = 'keep'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM privacy_decisions`.execute(db)).rejects.toThrow(/append-only/);
    } finally {
      await db.destroy();
    }
  });
});

describe('scanning again', () => {
  it('keeps the identity and decisions of unchanged findings when the detector configuration changes', async () => {
    const sanne = planted('voorbeeldstad', true, 'phone', 'person_name');
    const sannePhone = (await findingsOf('voorbeeldstad', sanne)).find((f) => f.category === 'phone')!;
    await decideAll([{ selector: { findingIds: [sannePhone.id] }, action: 'redact', reason: 'Privénummer' }]);
    const before = (await ws.store.privacy.listFindings({ status: 'all' }, { limit: 10_000, offset: 0 })).rows;

    // The officer learns the number is the animal shelter's: listed as the organisation's, it is no longer personal data.
    options = { ...options, organisation: { ...options.organisation, phones: [...options.organisation.phones, sannePhone.text!] } };
    const rescan = await scanPending(ws, registry, { options, faces });
    expect(rescan.versions).toBe(rescan.due);
    expect(rescan.newFindings).toBe(0);
    expect(rescan.noLongerReported).toBe(1);
    expect(rescan.foundAgain).toBe(before.filter((f) => f.reported).length - 1);

    const after = new Map((await ws.store.privacy.listFindings({ status: 'all' }, { limit: 10_000, offset: 0 })).rows.map((f) => [f.id, f]));
    for (const f of before.filter((x) => x.id !== sannePhone.id)) {
      expect(after.get(f.id)?.key).toBe(f.key);
      expect(after.get(f.id)?.decision?.id).toBe(f.decision?.id);
    }
    // No longer reported, but the officer's decision stands (and still restricts the original).
    const gone = after.get(sannePhone.id)!;
    expect(gone.reported).toBe(false);
    expect(gone.decision?.action).toBe('redact');
    const state = (await ws.store.privacy.itemPrivacy([{ accountId: 'voorbeeldstad', platformId: sanne }])).get(`voorbeeldstad/${sanne}`)!;
    expect(state.restrictions.map((r) => r.findingId)).toContain(sannePhone.id);
  });

  it('is incremental and resumable: a second scan touches nothing, a stopped scan continues where it stopped', async () => {
    const idle = await scanPending(ws, registry, { options, faces });
    expect(idle.due).toBe(0);
    expect(idle.versions).toBe(0);

    fake.nextDay();
    const next = await runCapture(ws, registry, { now: () => new Date(Date.parse(fake.dataset.now) + DAY) });
    expect(next.status).toBe('completed');
    const added = next.accounts.reduce((n, a) => n + a.stats.newVersions, 0);
    expect(added).toBeGreaterThan(3);

    const stop = new AbortController();
    const first = await scanPending(ws, registry, { options, faces, batchSize: 2, signal: stop.signal, onProgress: () => stop.abort() });
    expect(first.due).toBe(added);
    expect(first.versions).toBe(2);
    expect(first.stopped).toBe(true);
    const rest = await scanPending(ws, registry, { options, faces });
    expect(rest.due).toBe(added - 2);
    expect(rest.versions).toBe(added - 2);
    expect(await ws.store.privacy.countPending({ detector: rest.detector })).toBe(0);
  });

  it('applies a decisions file, all at once; applied again it changes nothing', async () => {
    const entries = parseDecisionsFile(DEMO_DECISIONS_YAML, 'demo-decisions.yaml');
    const planned = await planAll(ws, entries.map((e) => ({ label: `line ${e.line}`, selector: e.selector, request: e.request })));
    const applied = await applyPlanned(ws, planned, { actor: 'privacyfunctionaris', render: false });
    expect(applied.decisions.length).toBeGreaterThan(0);
    expect(applied.decisions.every((d) => d.via.startsWith('file:demo-decisions.yaml#'))).toBe(true);
    expect(await ws.store.privacy.countOpen()).toBe(0);
    const twice = await planAll(ws, entries.map((e) => ({ label: `line ${e.line}`, selector: e.selector, request: e.request })));
    expect(twice.plans).toEqual([]);

    expect(() => parseDecisionsFile('decisions:\n  - category: phone\n    action: redact\n', 'bad.yaml')).toThrow(/bad\.yaml has a problem/);
    try {
      parseDecisionsFile('decisions:\n  - category: phone\n    action: wipe\n    reason: x\n', 'bad.yaml');
    } catch (e) {
      expect((e as { details: string[] }).details.join('\n')).toMatch(/line 3, decisions\.0\.action: the action must be one of keep, restrict, redact/);
    }
  });
});
