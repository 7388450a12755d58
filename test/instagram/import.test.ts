import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { instagramDemoDataset, instagramExportFiles, type InstagramDataset } from '../../crawlers/instagram/fake/index.js';
import { startFakeGraph, type FakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { runImport } from '../../src/capture/import-run.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { formatsReader } from '../../src/formats-stage/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import type { Workspace } from '../../src/workspace.js';
import { FAST_HTTP, makeWorkspaceDirs, openTestWorkspace } from '../helpers/workspace.js';
import { buildZip } from '../helpers/zip.js';

const TOKEN = 'ig-import-token-0f1e2d3c';
process.env.IG_IMPORT_TOKEN = TOKEN;
const SETTINGS = `${FAST_HTTP}capture:\n  fullSweepDays: 0\n`;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object);

let ds: InstagramDataset;
let fake: FakeGraph;
let tmp: string;
beforeAll(async () => {
  ds = instagramDemoDataset({ now: new Date() });
  fake = await startFakeGraph({ datasets: [ds], tokens: [TOKEN] });
  tmp = makeWorkspaceDirs(fake.url, []).root;
});
afterAll(async () => fake?.close());

const open = () => openTestWorkspace(fake.url, [{ id: 'ig', handle: `"${ds.account.id}"`, platform: 'instagram', tokenEnv: 'IG_IMPORT_TOKEN', render: false }], SETTINGS);

async function exportZip(name: string, layout: 'current' | 'older'): Promise<string> {
  const file = join(tmp, name);
  writeFileSync(file, buildZip((await instagramExportFiles(ds, { root: 'instagram-gemeentevoorbeeldstad-2026-06-01-a1b2c3/', layout })).map((f) => ({ name: f.name, data: f.data, deflate: true }))));
  return file;
}

/** The account's posts as the archive documents them, route-independent. */
async function posts(ws: Workspace, registry: Registry) {
  const reader = formatsReader(ws.store, registry);
  const out = [];
  for (const item of await ws.store.listItems('ig')) {
    if (item.kind !== 'post') continue;
    const views = await reader.versions(item);
    for (const v of views) expect(validate(v.normalised), JSON.stringify(validate.errors)).toBe(true);
    const n = views.at(-1)!.normalised!;
    out.push({ published: n.times.published, author: [n.author.id, n.author.handle], text: n.text.plain, key: n.version.key, media: n.media.map((m) => [m.type, m.sha256]), tags: n.tags });
  }
  return out.sort((a, b) => a.published.localeCompare(b.published));
}

it('imports the owner’s Instagram export (both layouts) into the same posts the API route gives, and adds nothing to an API capture', async () => {
  const api = await open();
  const current = await open();
  const older = await open();
  try {
    expect((await runCapture(api.ws, api.registry)).status).toBe('completed');
    const fromApi = await posts(api.ws, api.registry);
    expect(fromApi).toHaveLength(ds.liveMedia.length);
    for (const [w, layout] of [[current, 'current'], [older, 'older']] as const) {
      const run = await runImport(w.ws, w.registry, 'ig', await exportZip(`${layout}.zip`, layout));
      expect(run.status).toBe('completed');
      expect(await posts(w.ws, w.registry)).toEqual(fromApi);
    }
    expect(fromApi.map((p) => p.text).join('\n')).toContain('Één dag oranje! 🇳🇱🎉');
    expect(fromApi.some((p) => p.media.length === 3)).toBe(true);

    const again = await runImport(api.ws, api.registry, 'ig', await exportZip('again.zip', 'current'));
    expect(again.accounts[0]!.stats).toMatchObject({ newItems: 0, newVersions: 0 });
  } finally {
    for (const w of [api, current, older]) await w.ws.close();
  }
});
