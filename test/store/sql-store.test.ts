import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemObservation, Registry } from '../../src/domain/types.js';
import { openTestStore, TEST_STORE } from '../helpers/test-store.js';
import { verifyAuditChain, type SqlStore } from '../../src/store/sql/sql-store.js';

const registry: Registry = {
  organisation: { name: 'Gemeente Voorbeeldstad', id: 'https://identifier.overheid.nl/tooi/id/gemeente/gm9999' },
  accounts: [
    {
      id: 'vs-mastodon',
      platform: 'mastodon',
      handle: 'voorbeeldstad',
      instance: 'http://127.0.0.1:1',
      status: 'active',
      managers: [{ name: 'Team Online' }],
      selection: { list: 'Selectielijst', category: '1.1', label: 'Communicatie', waardering: 'V', bewaartermijn: 'P10Y' },
      capture: { replies: true, media: true, render: true },
    },
  ],
};

const obs = (id: string, versionKeys: string[], extra: Partial<ItemObservation> = {}): ItemObservation => ({
  kind: 'post',
  platformId: id,
  uri: `http://x/statuses/${id}`,
  author: { id: '1', handle: 'voorbeeldstad' },
  thirdParty: false,
  publishedAt: '2026-03-01T10:00:00.000Z',
  threadRootPlatformId: id,
  versions: versionKeys.map((k) => ({ versionKey: k, versionAt: k, source: 'status', payload: JSON.stringify({ id, k }), media: [] })),
  ...extra,
});

describe(`SQL store (${TEST_STORE})`, () => {
  let store: SqlStore;
  let raw: () => Kysely<any>;
  beforeEach(async () => {
    ({ store, raw } = await openTestStore());
    await store.recordRegistry(registry, 'yaml', 'tester', ['first']);
    await store.beginRun({ id: 'r1', operator: 'tester', pid: process.pid, host: 'h', startedAt: '2026-03-02T00:00:00.000Z' });
  });
  afterEach(async () => store.close());

  it('stores each version of an item once, counts edits, and keeps the first deletion time', async () => {
    const a = await store.commitBatch('vs-mastodon', 'r1', '2026-03-02T00:00:01.000Z', { items: [obs('100', ['t1'])] });
    expect(a).toMatchObject({ newItems: 1, newPosts: 1, newVersions: 1, edited: 0 });
    const again = await store.commitBatch('vs-mastodon', 'r1', '2026-03-02T00:00:02.000Z', { items: [obs('100', ['t1'])] });
    expect(again).toMatchObject({ newItems: 0, newVersions: 0, edited: 0 });
    const edit = await store.commitBatch('vs-mastodon', 'r1', '2026-03-02T00:00:03.000Z', { items: [obs('100', ['t1', 't2'])] });
    expect(edit).toMatchObject({ newItems: 0, newVersions: 1, edited: 1 });
    expect((await store.listVersions('vs-mastodon', '100')).map((v) => v.versionKey)).toEqual(['t1', 't2']);

    const d1 = await store.commitBatch('vs-mastodon', 'r1', '2026-03-03T00:00:00.000Z', { deletions: [{ platformId: '100', evidence: '404' }] });
    const d2 = await store.commitBatch('vs-mastodon', 'r1', '2026-03-04T00:00:00.000Z', { deletions: [{ platformId: '100', evidence: '404' }] });
    expect([d1.deleted, d2.deleted]).toEqual([1, 0]);
    const [item] = await store.listItems('vs-mastodon');
    expect(item!.deletedAt).toBe('2026-03-03T00:00:00.000Z');
  });

  it('commits a batch whole or not at all', async () => {
    const bad = obs('200', ['t1']);
    // A version key repeated within one observation is merged; a missing account breaks the foreign key.
    await expect(store.commitBatch('no-such-account', 'r1', '2026-03-02T00:00:01.000Z', { items: [bad], cursors: { 'timeline.top': '200' } })).rejects.toThrow();
    expect(await store.getCursor('no-such-account', 'timeline.top')).toBeNull();
    expect(await store.countItems()).toMatchObject({ posts: 0, versions: 0 });
  });

  it('keeps registry versions only when the registry changed, with who and what', async () => {
    expect(await store.recordRegistry(registry, 'yaml', 'tester', [])).toBeNull();
    const changed = { ...registry, organisation: { ...registry.organisation, name: 'Gemeente Nieuwstad' } };
    const v = await store.recordRegistry(changed, 'yaml2', 'anna', ['organisation.name: Gemeente Voorbeeldstad → Gemeente Nieuwstad']);
    expect(v?.actor).toBe('anna');
    expect((await store.registryHistory()).map((h) => h.actor)).toEqual(['tester', 'anna']);
  });

  it('keeps an append-only audit trail whose hash chain shows tampering', async () => {
    await store.audit('anna', 'decision', 'item:1', { decision: 'keep' }, '2026-03-05T00:00:00.000Z');
    const trail = await store.auditTrail();
    expect(trail.length).toBeGreaterThanOrEqual(3);
    expect(verifyAuditChain(trail)).toBeNull();
    const db = raw();
    await expect(sql`UPDATE audit_log SET actor = 'mallory'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await db.destroy();
    const forged = trail.map((e) => (e.action === 'decision' ? { ...e, details: { decision: 'restrict' } } : e));
    expect(verifyAuditChain(forged)).toBe(trail.find((e) => e.action === 'decision')!.seq);
  });

  it('lets one run hold an account and hands it over when the holder died', async () => {
    await store.beginAccount('r1', 'vs-mastodon', '2026-03-02T00:00:00.000Z', () => true);
    await store.beginRun({ id: 'r2', operator: 'b', pid: 2, host: 'h', startedAt: '2026-03-02T00:01:00.000Z' });
    await expect(store.beginAccount('r2', 'vs-mastodon', '2026-03-02T00:01:00.000Z', () => true)).rejects.toThrow(/being captured by run r1/);
    const { cycleStartedAt } = await store.beginAccount('r2', 'vs-mastodon', '2026-03-02T00:02:00.000Z', () => false);
    // r1 never finished the account, so r2 continues its cycle.
    expect(cycleStartedAt).toBe('2026-03-02T00:00:00.000Z');
  });
});
