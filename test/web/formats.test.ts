import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWebsite, type FakeWebsite } from '../../crawlers/web/fake/server.js';
import { LINKEDIN_HANDLE, LINKEDIN_PATHS } from '../../crawlers/web/fake/site.js';
import { createRenderer, type Renderer } from '../../formats/render/index.js';
import type { Registry } from '../../src/domain/types.js';
import { formatsReader, processFormats } from '../../src/formats-stage/index.js';
import { scanPending } from '../../src/privacy/pipeline/scan.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import type { Workspace } from '../../src/workspace.js';
import { openTestWorkspace } from '../helpers/workspace.js';
import { runCapture } from '../../src/capture/run.js';

// A LinkedIn account captured with its screenshots and page texts stored as files, then through
// the stages after capture: the files are identified by their bytes, every post renders as a
// thread (PDF/A and PNG), every version maps onto the normalised schema, and the personal data in
// the comments the page showed is found by the privacy scan.
const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

let site: FakeWebsite;
let ws: Workspace;
let registry: Registry;
let renderer: Renderer;
const ID = 'li';
const THIRD_PARTY = '/posts/veiligheidsregio-voorbeeld_stormwaarschuwing-activity-7193234567890123456';

beforeAll(async () => {
  site = await startFakeWebsite();
  const t = await openTestWorkspace(site.url, [
    { id: ID, platform: 'linkedin', handle: LINKEDIN_HANDLE, extra: `    urls:\n${LINKEDIN_PATHS.map((p) => `      - ${site.at(p)}\n`).join('')}` },
  ], 'privacy:\n  faces: false\n');
  ws = t.ws;
  registry = t.registry;
  renderer = await createRenderer();
  expect((await runCapture(ws, registry)).status).toBe('completed');
});
afterAll(async () => {
  await renderer?.close();
  await ws?.close();
  await site?.close();
});

describe('browser captures after capture', () => {
  it('stores the screenshot and the page text as files the formats stage identifies, and renders the posts of the account', async () => {
    const summary = await processFormats(ws, registry, { renderer });
    // The safety region's post roots no thread of the account: the stage renders the account's own.
    expect(summary.renditions).toBe(LINKEDIN_PATHS.length - 1);
    const reader = formatsReader(ws.store, registry);
    for (const item of await ws.store.listItems(ID)) {
      const [v] = await reader.versions(item);
      const [shot, text] = v!.files;
      expect(shot).toMatchObject({ type: 'screenshot', identification: { puid: expect.stringMatching(/^fmt\/1[1-3]$/), mime: 'image/png', status: 'preferred', problem: undefined } });
      expect(text).toMatchObject({ type: 'page-text', identification: { puid: 'x-fmt/111', mime: 'text/plain' } });
      const png = await sharp(join(ws.dataDir, 'files', 'sha256', shot!.sha256.slice(0, 2), shot!.sha256.slice(2, 4), shot!.sha256)).metadata();
      expect([png.format, png.width]).toEqual(['png', 1280]);
      if (!item.thirdParty) expect((await reader.latestRendition(ID, item.platformId))?.pdf.puid).toMatch(/^fmt\/47[78]$/);
    }
  });

  it('maps every version onto the normalised schema, with the author a post address names', async () => {
    const reader = formatsReader(ws.store, registry);
    for (const item of await ws.store.listItems(ID)) {
      for (const v of await reader.versions(item)) {
        const n = v.normalised!;
        expect(validate(n), JSON.stringify(validate.errors)).toBe(true);
        expect(n).toMatchObject({ platform: 'linkedin', kind: 'post', uri: item.platformId, threadRoot: { platformId: item.platformId } });
        expect(n.version.key).toBe(v.record.versionKey);
        expect(n.media.map((m) => [m.platformId, m.type, m.sha256 !== null])).toEqual([
          ['screenshot', 'image', true],
          ['page-text', 'unknown', true],
        ]);
        const third = item.platformId === site.at(THIRD_PARTY);
        expect(n.author).toMatchObject({ handle: third ? 'veiligheidsregio-voorbeeld' : LINKEDIN_HANDLE, thirdParty: third });
        expect(item.thirdParty).toBe(third);
      }
    }
  });

  it('finds the personal data in the comments the page showed', async () => {
    await scanPending(ws, registry, { faces: false });
    const { rows } = await ws.store.privacy.listFindings({ accountIds: [ID], status: 'all' }, { limit: 500, offset: 0 });
    const found = rows.map((r) => [r.category, r.text]);
    expect(found).toEqual(expect.arrayContaining([
      ['phone', '06-12345678'],
      ['licence_plate', '12-KLB-3'],
    ]));
  });
});
