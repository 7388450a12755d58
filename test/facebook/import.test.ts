import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebookDemoDataset, facebookExportFiles, type FacebookDataset } from '../../crawlers/facebook/fake/index.js';
import { startFakeGraph, type FakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { runImport } from '../../src/capture/import-run.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { formatsReader } from '../../src/formats-stage/index.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { openWorkspace, type Workspace } from '../../src/workspace.js';
import { cli } from '../helpers/cli.js';
import { dumpAccount } from '../helpers/dump.js';
import { FAST_HTTP, makeWorkspaceDirs, openTestWorkspace, type TestAccount } from '../helpers/workspace.js';
import { buildZip, type TestZipEntry } from '../helpers/zip.js';

const TOKEN = 'fb-import-page-token-7f6e5d4c';
process.env.FB_IMPORT_TOKEN = TOKEN;
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\nprivacy:\n  faces: false\n`;
const ROOT = 'facebook-gemeentevoorbeeldstad-2026-06-01-Xq3vB9/';
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object);

let ds: FacebookDataset;
let fake: FakeGraph;
let tmp: string;
const account = (): Omit<TestAccount, 'id'> => ({ handle: `"${ds.page.id}"`, platform: 'facebook', tokenEnv: 'FB_IMPORT_TOKEN', render: false });

async function exportZip(name: string, extra: TestZipEntry[] = [], opts: Parameters<typeof facebookExportFiles>[1] = { root: ROOT }): Promise<string> {
  const files = await facebookExportFiles(ds, opts);
  const file = join(tmp, name);
  writeFileSync(file, buildZip([...files.map((f) => ({ name: f.name, data: f.data, deflate: f.name.endsWith('.json') })), ...extra]));
  return file;
}

/** The account's own posts and comments as the archive documents them (newest version), route-independent. */
async function ownContent(ws: Workspace, registry: Registry) {
  const reader = formatsReader(ws.store, registry);
  const out = [];
  for (const item of await ws.store.listItems('fb')) {
    if (item.kind === 'profile' || item.thirdParty) continue;
    const views = await reader.versions(item);
    for (const v of views) expect(validate(v.normalised), JSON.stringify(validate.errors)).toBe(true);
    const n = views.at(-1)!.normalised!;
    out.push({
      kind: n.kind,
      published: n.times.published,
      author: [n.author.id, n.author.handle, n.author.thirdParty],
      text: n.text.plain,
      key: n.version.key,
      media: n.media.map((m) => [m.type, m.sha256]),
      card: n.links.filter((l) => l.source === 'card').map((l) => l.url),
      tags: n.tags.map((t) => t.name),
    });
  }
  return out.sort((a, b) => a.published.localeCompare(b.published) || a.text.localeCompare(b.text));
}

beforeAll(async () => {
  ds = facebookDemoDataset({ now: new Date() });
  fake = await startFakeGraph({ datasets: [ds], tokens: [TOKEN] });
  tmp = makeWorkspaceDirs(fake.url, []).root;
});
afterAll(async () => fake?.close());

describe('import of the Page owner’s Facebook export', () => {
  it('gives the same posts and own comments as the API route, and adds nothing to an API capture of the same content', async () => {
    const api = await openTestWorkspace(fake.url, [{ id: 'fb', ...account() }], SETTINGS);
    const imported = await openTestWorkspace(fake.url, [{ id: 'fb', ...account() }], SETTINGS);
    try {
      expect((await runCapture(api.ws, api.registry)).status).toBe('completed');
      const file = await exportZip('export.zip');
      const run = await runImport(imported.ws, imported.registry, 'fb', file);
      expect(run.status).toBe('completed');
      const fromApi = await ownContent(api.ws, api.registry);
      const fromExport = await ownContent(imported.ws, imported.registry);
      expect(fromExport).toEqual(fromApi);
      // The content really is there: non-ASCII text repaired, photos as bytes, the Page as author.
      expect(fromExport.map((x) => x.text).join('\n')).toContain('Één dag vol muziek, vrijmarkt en oranje 🇳🇱🎉');
      expect(fromExport.flatMap((x) => x.media).length).toBe(Object.values(ds.expected().media).flat().length - ds.posts.flatMap((p) => p.comments).filter((c) => c.photo).length);
      expect(new Set(fromExport.map((x) => x.author[0]))).toEqual(new Set([ds.page.id]));
      expect(fromExport.filter((x) => x.kind === 'reply').length).toBeGreaterThan(5);

      // The same export into the archive the API filled: every post and comment is found, nothing is added.
      const again = await runImport(api.ws, api.registry, 'fb', file);
      expect(again.status).toBe('completed');
      expect(again.accounts[0]!.stats).toMatchObject({ newItems: 0, newVersions: 0 });

      // After the edits of the next day, an export made then still adds nothing to what the API captured.
      fake.nextDay();
      expect((await runCapture(api.ws, api.registry)).status).toBe('completed');
      const later = await runImport(api.ws, api.registry, 'fb', await exportZip('export-day2.zip'));
      expect(later.accounts[0]!.stats).toMatchObject({ newItems: 0, newVersions: 0 });
      // A second import of a newer export into the export-only archive: the edit becomes a version, nothing twice.
      const second = await runImport(imported.ws, imported.registry, 'fb', await exportZip('export-day2b.zip', [], { layout: 'profile' }));
      expect(second.accounts[0]!.stats).toMatchObject({ newItems: 2, newVersions: 3, edited: 1 });
    } finally {
      await api.ws.close();
      await imported.ws.close();
    }
  });
});

describe('hostile export archives, through `socialarchive import`', () => {
  const dirs = () => makeWorkspaceDirs(fake.url, [{ id: 'fb', ...account() }], SETTINGS);
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
  async function snapshot(d: { config: string; data: string }) {
    const ws = await openWorkspace({ configDir: d.config, dataDir: d.data });
    try {
      await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
      return { items: await dumpAccount(ws.store, 'fb'), runs: (await ws.store.listRuns(100)).length, files: files(join(d.data, 'files', 'sha256')) };
    } finally {
      await ws.close();
    }
  }

  it('refuses each one with a clear message and leaves the store as it was', { timeout: 120_000 }, async () => {
    const d = dirs();
    // Something to lose: a good import first.
    const ws = await openWorkspace({ configDir: d.config, dataDir: d.data });
    try {
      const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'test');
      expect((await runImport(ws, registry, 'fb', await exportZip('good.zip'))).status).toBe('completed');
    } finally {
      await ws.close();
    }
    const before = await snapshot(d);
    expect(before.items.length).toBeGreaterThan(10);
    const text = (s: string) => Buffer.from(s, 'utf8');
    const hostile: [string, TestZipEntry, RegExp][] = [
      ['zip-slip', { name: `${ROOT}../../../etc/cron.d/evil`, data: text('* * * * * root sh') }, /climbs out of the archive/],
      ['an absolute path', { name: '/tmp/evil.json', data: text('[]') }, /absolute path/],
      ['a symlink', { name: `${ROOT}this_profile's_activity_across_facebook/posts/media/link.jpg`, data: text('/etc/passwd'), mode: 0o120777 }, /symbolic link/],
      ['a zip bomb', { name: `${ROOT}this_profile's_activity_across_facebook/posts/media/big.jpg`, data: Buffer.alloc(20 * 1024 * 1024), deflate: true }, /expands \d+ times/],
      ['a duplicate name', { name: `${ROOT}this_profile's_activity_across_facebook/posts/profile_posts_1.json`, data: text('[]') }, /appears twice/],
      ['a name that is not UTF-8', { name: Buffer.concat([text(ROOT), Buffer.from([0x66, 0x6f, 0x74, 0x6f, 0xe9, 0x2e, 0x6a, 0x70, 0x67])]), data: text('x'), utf8: false }, /not UTF-8/],
    ];
    for (const [what, entry, reason] of hostile) {
      const r = await cli(['--config', d.config, '--data', d.data, 'import', '--account', 'fb', await exportZip(`${what.replace(/\W+/g, '-')}.zip`, [entry])]);
      expect(r.code, what).not.toBe(0);
      expect(r.stderr, what).toMatch(reason);
      expect(r.stderr, what).toMatch(/nothing was imported/);
      expect(await snapshot(d), what).toEqual(before);
    }
  });
});
