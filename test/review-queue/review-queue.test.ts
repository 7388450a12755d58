import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { scanPending } from '../../src/privacy/pipeline/index.js';
import { decideBulk, decideFindings, previewBulk, queueItem, reviewQueue, type QueueEntry } from '../../src/privacy/review-queue.js';
import { verifyAuditChain } from '../../src/store/sql/sql-store.js';
import type { Workspace } from '../../src/workspace.js';
import { openTestWorkspace } from '../helpers/workspace.js';

// The console's review queue over the demo accounts, captured from the fake Mastodon server into a
// real SQLite store and scanned by the real detector. The tests run in order on one workspace.

const TOKEN = 'review-queue-token-9c8d7e';
process.env.REVIEW_QUEUE_TOKEN = TOKEN;
let fake: FakeMastodon;
let ws: Workspace;
let registry: Registry;
const officer = { actor: 'privacyfunctionaris', render: false };

beforeAll(async () => {
  fake = await startFakeMastodon({ tokens: [TOKEN], dataset: demoDataset() });
  ({ ws, registry } = await openTestWorkspace(fake.url, [
    { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'REVIEW_QUEUE_TOKEN', render: false },
    { id: 'burgemeester', handle: 'burgemeester', render: false },
  ]));
  expect((await runCapture(ws, registry, { now: () => new Date(fake.dataset.now) })).status).toBe('completed');
  const scan = await scanPending(ws, registry, { faces: false });
  expect(scan.open).toBeGreaterThan(20);
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await fake?.close();
});

async function wholeQueue(filter: Parameters<typeof reviewQueue>[1], pageSize: number): Promise<QueueEntry[]> {
  const out: QueueEntry[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const p = await reviewQueue(ws, filter, { limit: pageSize, offset });
    out.push(...p.entries);
    if (offset + pageSize >= p.total) return out;
  }
}

describe('review queue', () => {
  it('lists the items with open findings, oldest first, paged by item without gaps or repeats', async () => {
    const first = await reviewQueue(ws, {}, { limit: 1000, offset: 0 });
    const open = await ws.store.privacy.countOpen();
    expect(first.entries.reduce((n, e) => n + e.findings, 0)).toBe(open);
    expect(first.entries.every((e) => e.open.length === e.findings && e.open.every((f) => f.decision === null && f.itemId === e.itemId))).toBe(true);
    const paged = await wholeQueue({}, 4);
    expect(paged.map((e) => e.itemId)).toEqual(first.entries.map((e) => e.itemId));
    expect(new Set(paged.map((e) => e.itemId)).size).toBe(paged.length);
    const times = paged.map((e) => e.publishedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('filters by account, category, period and kind', async () => {
    const all = (await reviewQueue(ws, {}, { limit: 1000, offset: 0 })).entries;
    const phones = (await reviewQueue(ws, { categories: ['phone'] }, { limit: 1000, offset: 0 })).entries;
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((e) => e.categories.join() === 'phone' && e.open.every((f) => f.category === 'phone'))).toBe(true);
    const mayor = (await reviewQueue(ws, { accountIds: ['burgemeester'] }, { limit: 1000, offset: 0 })).entries;
    expect(mayor.every((e) => e.accountId === 'burgemeester')).toBe(true);
    expect(mayor.length).toBe(all.filter((e) => e.accountId === 'burgemeester').length);
    const february = (await reviewQueue(ws, { from: '2026-02-01', to: '2026-02-28' }, { limit: 1000, offset: 0 })).entries;
    expect(february.length).toBeGreaterThan(0);
    expect(february.length).toBeLessThan(all.length);
    expect(february.every((e) => e.publishedAt >= '2026-02-01' && e.publishedAt < '2026-03-01')).toBe(true);
    const replies = (await reviewQueue(ws, { kinds: ['reply'] }, { limit: 1000, offset: 0 })).entries;
    const kinds = new Map((await ws.store.listItems('voorbeeldstad')).concat(await ws.store.listItems('burgemeester')).map((i) => [i.platformId, i.kind]));
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((e) => kinds.get(e.platformId) === 'reply')).toBe(true);
    await expect(reviewQueue(ws, { categories: ['shoe_size'] }, { limit: 10, offset: 0 })).rejects.toThrow(/not a category/);
    await expect(reviewQueue(ws, { from: '2026-02-30' }, { limit: 10, offset: 0 })).rejects.toThrow(/not a date/);
  });

  it('shows an item with the post it replies to; a decision by one key leaves the queue and shows in its audit trail', async () => {
    const entry = (await reviewQueue(ws, { categories: ['phone'], kinds: ['reply'] }, { limit: 1, offset: 0 })).entries[0]!;
    const detail = (await queueItem(ws, entry.itemId, 'nl'))!;
    expect(detail.version.platformId).toBe(entry.platformId);
    expect(detail.parent).not.toBeNull();
    expect(detail.parent).not.toBe('missing');
    const parent = detail.parent as Exclude<typeof detail.parent, null | 'missing'>;
    expect(parent.version.platformId).toBe(detail.version.parentPlatformId);
    expect('error' in parent.item).toBe(false);
    expect(detail.findings.map((f) => f.id)).toEqual(expect.arrayContaining(entry.open.map((f) => f.id)));
    expect(detail.audit).toEqual([]);

    const phone = entry.open[0]!;
    const r = await decideFindings(ws, [phone.id], { action: 'redact', reason: 'Telefoonnummer van een inwoner', ...officer });
    expect(r.decisions).toHaveLength(1);
    const after = await reviewQueue(ws, { categories: ['phone'] }, { limit: 1000, offset: 0 });
    expect(after.entries.flatMap((e) => e.open.map((f) => f.id))).not.toContain(phone.id);
    const again = (await queueItem(ws, entry.itemId, 'nl'))!;
    expect(again.decisions.map((d) => [d.findingId, d.action, d.actor])).toEqual([[phone.id, 'redact', 'privacyfunctionaris']]);
    expect(again.audit.map((a) => [a.action, a.subject])).toEqual([
      ['privacy.decide', `finding:F${phone.id}`],
      ['privacy.public_copy', `item:${entry.accountId}/${entry.platformId}`],
    ]);
  });

  it('decides by category for an account and period in one go, each decision as a single decision records it', async () => {
    const sel = { accountId: 'voorbeeldstad', categories: ['person_name'], from: '2026-02-01', to: '2026-03-31' };
    const expected = (await reviewQueue(ws, { accountIds: ['voorbeeldstad'], categories: ['person_name'], from: sel.from, to: sel.to }, { limit: 1000, offset: 0 })).entries.flatMap((e) => e.open);
    expect(expected.length).toBeGreaterThan(1);
    const outside = await ws.store.privacy.countOpen();
    expect(await previewBulk(ws, sel)).toBe(expected.length);

    const trailBefore = (await ws.store.auditTrail()).length;
    const r = await decideBulk(ws, sel, { action: 'restrict', reason: 'Namen van inwoners', ...officer });
    expect(r.decisions.map((d) => d.findingId).sort()).toEqual(expected.map((f) => f.id).sort());
    expect(new Set(r.decisions.map((d) => d.at)).size).toBe(1);
    expect(r.decisions.every((d) => d.action === 'restrict' && d.via === 'bulk' && d.restriction?.type === 'privacy' && d.restriction.term.duration === 'P75Y' && d.actor === 'privacyfunctionaris')).toBe(true);
    const trail = await ws.store.auditTrail();
    const added = trail.slice(trailBefore);
    expect(added.map((a) => a.action)).toEqual(expected.map(() => 'privacy.decide'));
    expect(added.map((a) => a.seq)).toEqual(r.decisions.map((d) => d.auditSeq));
    expect((added[0]!.details as { restriction: { type: string } }).restriction.type).toBe('privacy');
    expect(verifyAuditChain(trail)).toBeNull();
    expect(await ws.store.privacy.countOpen()).toBe(outside - expected.length);
    // Only that account, category and period: the rest is still open, and a second bulk finds nothing left.
    expect((await reviewQueue(ws, { accountIds: ['voorbeeldstad'], categories: ['person_name'], from: sel.from, to: sel.to }, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await previewBulk(ws, sel)).toBe(0);
  });

  it('refuses a bulk decision without a reason and records nothing', async () => {
    const before = (await ws.store.auditTrail()).length;
    await expect(decideBulk(ws, { accountId: 'voorbeeldstad', categories: ['phone'] }, { action: 'keep', reason: ' ', ...officer })).rejects.toThrow(/reason/);
    expect((await ws.store.auditTrail()).length).toBe(before);
  });
});
