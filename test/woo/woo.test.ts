import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { scanPending } from '../../src/privacy/pipeline/index.js';
import { decideFindings } from '../../src/privacy/review-queue.js';
import type { FindingView } from '../../src/store/privacy-store.js';
import { selectWooItems, toCsv, wooCsv, wooPdf } from '../../src/woo/index.js';
import type { Workspace } from '../../src/workspace.js';
import { openTestWorkspace } from '../helpers/workspace.js';

// A Woo request answered from the demo archive (captured from the fake Mastodon server, scanned by
// the real detector, partly reviewed): the CSV read back by a real CSV parser, the PDF read back by
// pdftotext, and neither may hold what the review withholds.

const run = promisify(execFile);
const TOKEN = 'woo-test-token-7a8b9c';
process.env.WOO_TEST_TOKEN = TOKEN;
let fake: FakeMastodon;
let ws: Workspace;
let registry: Registry;
let work: string;
let piet: FindingView[];
const officer = { actor: 'privacyfunctionaris', render: false };

const readCsv = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false }) as string[][];
const squash = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset() });
  ({ ws, registry } = await openTestWorkspace(fake.url, [
    { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'WOO_TEST_TOKEN', render: false },
    { id: 'burgemeester', handle: 'burgemeester', render: false },
  ]));
  expect((await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) })).status).toBe('completed');
  await scanPending(ws, registry, { faces: false });
  work = await mkdtemp(join(tmpdir(), 'woo-test-'));
  // Piet's reply: phone redacted, address restricted, his name kept, the postcode left open.
  const [hit] = (await ws.store.search.search({ text: 'rollator', limit: 1, offset: 0 })).hits;
  const [ref] = await ws.store.privacy.resolveItems({ accountId: hit!.accountId, platformId: hit!.platformId });
  piet = (await ws.store.privacy.listFindings({ itemIds: [ref!.itemId], status: 'all' }, { limit: 100, offset: 0 })).rows;
  const ids = (category: string) => piet.filter((f) => f.category === category).map((f) => f.id);
  expect(ids('phone').length && ids('postal_address').length && ids('person_name').length && ids('postcode').length).toBeTruthy();
  await decideFindings(ws, ids('phone'), { action: 'redact', reason: 'Telefoonnummer van een inwoner', ...officer });
  await decideFindings(ws, ids('postal_address'), { action: 'restrict', reason: 'Adres van een inwoner', ...officer });
  await decideFindings(ws, ids('person_name'), { action: 'keep', reason: 'Ondertekening; toets Woo', ...officer });
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await fake?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const flagged = (category: string) => piet.filter((f) => f.category === category).map((f) => f.text!);

describe('csv', () => {
  it('is RFC 4180 with a BOM, and a spreadsheet reads no formula in it', () => {
    const cells = ['=HYPERLINK("http://x","klik")', '+31 6 1234', '-2+3', '@SUM(A1)', '\tTAB', 'a,b', 'regel 1\r\nregel 2', 'zei "ja"', 'één ideeën', '', 'gewoon'];
    const csv = toCsv([['kolom'], ...cells.map((c) => [c])]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const back = readCsv(csv).slice(1).map((r) => r[0]!);
    expect(back.slice(0, 5)).toEqual(cells.slice(0, 5).map((c) => `'${c}`));
    expect(back.slice(5)).toEqual(cells.slice(5));
    expect(back.every((c) => !/^[=+\-@\t]/.test(c))).toBe(true);
  });
});

describe('Woo export', () => {
  it('selects by account, period and words, oldest first, with what the review withholds removed from the CSV', async () => {
    const items = await selectWooItems(ws, { accountIds: ['voorbeeldstad'], from: '2026-02-01', to: '2026-02-28', text: 'Jansen' });
    expect(items.length).toBeGreaterThanOrEqual(2);
    const csv = wooCsv(items);
    const rows = readCsv(csv);
    const [header, ...body] = rows;
    expect(header).toContain('tekst');
    expect(body).toHaveLength(items.length);
    expect(body.every((r) => r.length === header!.length && r[0] === 'voorbeeldstad')).toBe(true);
    const published = body.map((r) => r[header!.indexOf('gepubliceerd')]!);
    expect([...published].sort()).toEqual(published);
    expect(published.every((p) => p >= '2026-02-01' && p < '2026-03-01')).toBe(true);
    const pietRow = body.find((r) => r[header!.indexOf('tekst')]!.includes('rollator'))!;
    const text = pietRow[header!.indexOf('tekst')]!;
    // Redacted, restricted and open: gone; kept: there.
    for (const t of [...flagged('phone'), ...flagged('postal_address'), ...flagged('postcode')]) expect(csv).not.toContain(t);
    expect(text).toContain('[verwijderd: telefoonnummer]');
    for (const t of flagged('person_name')) expect(text).toContain(t);
    expect(Number(pietRow[header!.indexOf('verwijderde passages')])).toBeGreaterThanOrEqual(3);
    // The municipality's answer names him in a finding nobody decided yet: that is withheld too.
    const answer = body.find((r) => r[header!.indexOf('tekst')]!.includes('aannemer'))!;
    expect(answer[header!.indexOf('tekst')]).not.toMatch(/meneer Jansen/);
  });

  it('withholds the whole text of an item that was not scanned for personal data yet', async () => {
    fake.nextDay();
    expect((await runCapture(ws, registry, { now: () => new Date(Date.parse(fake.dataset.now) + 86_400_000) })).status).toBe('completed');
    const items = await selectWooItems(ws, { accountIds: ['voorbeeldstad'], from: '2026-06-01' });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.withheld !== null && i.item.text.plain.startsWith('[niet getoond'))).toBe(true);
    const body = readCsv(wooCsv(items, 'en')).slice(1);
    expect(body.every((r) => r[12]!.startsWith('[niet getoond') && r[16] === 'not scanned for personal data yet')).toBe(true);
    await scanPending(ws, registry, { faces: false });
  }, 120_000);

  it('makes one PDF of the selection in which pdftotext finds nothing the review withholds', async () => {
    const items = await selectWooItems(ws, { accountIds: ['voorbeeldstad'], text: 'Jansen', to: '2026-02-28' });
    expect(items.length).toBeGreaterThanOrEqual(2);
    const pdf = await wooPdf(ws, items);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(work, 'woo.pdf');
    await writeFile(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(items.length);
    const text = squash((await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout);
    expect(text).toContain('rollator');
    expect(text).toContain('[verwijderd: telefoonnummer]');
    for (const t of flagged('person_name')) expect(text).toContain(squash(t));
    for (const t of [...flagged('phone'), ...flagged('postal_address'), ...flagged('postcode')]) expect(text).not.toContain(squash(t));
    expect(text).not.toMatch(/meneer Jansen/);
  }, 180_000);
});
