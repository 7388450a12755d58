import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCaptures, expectedCapture, type ExpectedCapture } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { createRenderer, type Renderer } from '../../formats/render/index.js';
import { runCapture } from '../../src/capture/run.js';
import type { Registry } from '../../src/domain/types.js';
import { formatsReader, processFormats, type FormatsOptions } from '../../src/formats-stage/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import type { Workspace } from '../../src/workspace.js';
import { makeZip } from '../formats/corpus.js';
import { openTestWorkspace } from '../helpers/workspace.js';

// One capture of the fake demo (the municipality with a token, the mayor without renditions),
// one renderer for every stage call, and the stage run as the pipeline would: after capture,
// again without changes, after "the next day", and after a hostile image arrived.

const run = promisify(execFile);
const tool = async (cmd: string, ...args: string[]) => (await run(cmd, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
const words = (s: string) => s.replace(/https?:\/\/\S+/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const TOKEN = 'formats-stage-token-7d1e2f';
process.env.FORMATS_STAGE_TOKEN = TOKEN;
const TOWN = 'voorbeeldstad';
const MAYOR = 'burgemeester';

const JPEG = /^(fmt\/4[1-4]|x-fmt\/39[08]|fmt\/645|fmt\/1507)$/;
const PNG = /^fmt\/1[1-3]$/;
const FAMILY: Record<string, RegExp> = { jpeg: JPEG, jpg: JPEG, png: PNG, webp: /^fmt\/56[678]$/, gif: /^fmt\/[34]$/ };

let fake: FakeMastodon;
let ws: Workspace;
let registry: Registry;
let renderer: Renderer;
let day1: ExpectedCapture;
/** The municipality's threads on day 1, and the roadworks thread (photos, several replies). */
let day1Roots: string[];
let roadworks: string;
const at = (iso: string) => () => new Date(iso);
const stage = (opts: FormatsOptions = {}) => processFormats(ws, registry, { renderer, ...opts });

const path = (sha256: string) => join(ws.dataDir, 'files', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
const bytesOf = (sha256: string) => readFileSync(path(sha256));
/** The municipality's threads as the fake serves them: its posts that are neither boosts nor replies. */
const expectedRoots = (want: ExpectedCapture) => want.timeline.filter((id) => !want.reblogs[id] && fake.dataset.status(id)!.inReplyToId === null).sort();
async function renditionCounts(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const root of await ws.store.formats.threadRoots(TOWN, null, 1000)) out.set(root, (await ws.store.formats.renditions(TOWN, root)).length);
  return out;
}
async function pdfText(sha256: string): Promise<string> {
  const file = join(ws.dataDir, `${sha256}.pdf`);
  await writeFile(file, bytesOf(sha256));
  return (await tool('pdftotext', '-enc', 'UTF-8', file, '-')).replace(/\s+/g, ' ');
}

beforeAll(async () => {
  fake = await startFakeMastodon({ tokens: [TOKEN] });
  const t = await openTestWorkspace(
    fake.url,
    [
      { id: TOWN, handle: TOWN, tokenEnv: 'FORMATS_STAGE_TOKEN' },
      { id: MAYOR, handle: MAYOR },
    ],
    'capture:\n  fullSweepDays: 0\n',
  );
  ws = t.ws;
  // The registry says the mayor's threads are not rendered.
  registry = { ...t.registry, accounts: t.registry.accounts.map((a) => (a.id === MAYOR ? { ...a, capture: { ...a.capture, render: false } } : a)) };
  renderer = await createRenderer();
  day1 = expectedCapture(fake.dataset, TOWN, { token: true });
  day1Roots = expectedRoots(day1);
  roadworks = day1Roots.find((id) => fake.dataset.status(id)!.content.includes('Stationsweg'))!;
  const captured = await runCapture(ws, registry, { now: at(fake.dataset.now) });
  expect(captured.status).toBe('completed');
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  await ws?.close();
  await fake?.close();
});

describe('formats stage after a capture of the fake demo', () => {
  it('identifies every stored file, derives a PNG from the WebP, and renders every thread of the municipality (resuming after a stop)', async () => {
    // Stopped after a few threads, the stage keeps what it finished; the next call does the rest.
    const controller = new AbortController();
    const first = await stage({
      now: at('2026-06-01T07:00:00.000Z'),
      signal: controller.signal,
      onProgress: (p) => p.phase === 'threads' && p.done >= 3 && controller.abort(),
    });
    expect(first.interrupted).toBe(true);
    expect(first.renditions).toBeGreaterThanOrEqual(3);
    const rest = await stage({ now: at('2026-06-01T07:00:00.000Z') });
    expect(rest.interrupted).toBe(false);
    expect(rest.identified).toBe(0);
    expect(first.problems + rest.problems).toBe(0);

    // Every file the capture stored: media of every version, profile images, the WARC.
    const referenced = await ws.store.referencedFiles();
    const ids = await ws.store.formats.identifications([...referenced.keys()]);
    expect(ids.size).toBe(referenced.size);
    expect(first.identified).toBe(referenced.size);
    expect(await ws.store.formats.pendingFiles(null, 10)).toEqual([]);
    let webp = 0;
    for (const account of [TOWN, MAYOR]) {
      for (const item of await ws.store.listItems(account)) {
        for (const v of await ws.store.listVersions(account, item.platformId)) {
          for (const m of v.media.filter((x) => x.sha256)) {
            const ext = m.url.split('.').pop()!;
            const id = ids.get(m.sha256!)!;
            expect(id.puid, `${m.url}: ${id.formatName}`).toMatch(FAMILY[ext]!);
            expect(id.flags).not.toContain('extension-mismatch');
            const derivatives = await ws.store.formats.derivativesOf(m.sha256!);
            if (ext === 'webp') {
              webp++;
              expect(id.status).toBe('neither');
              expect(derivatives).toHaveLength(1);
              const d = derivatives[0]!;
              expect(d.puid).toMatch(PNG);
              expect(d.tool.name).toBe('sharp');
              expect(createHash('sha256').update(bytesOf(d.sha256)).digest('hex')).toBe(d.sha256);
              expect((await sharp(bytesOf(d.sha256)).metadata()).format).toBe('png');
              expect((await ws.store.formats.identification(d.sha256))?.puid).toBe(d.puid);
            } else {
              expect(['preferred', 'acceptable']).toContain(id.status);
              expect(derivatives).toEqual([]);
            }
          }
        }
      }
    }
    expect(webp).toBeGreaterThan(0);
    for (const w of await ws.store.listWarcs()) expect(ids.get(w.file.sha256)).toMatchObject({ puid: 'fmt/1281', status: 'preferred' });

    // One rendition per thread of the municipality, each a PDF/A-2 and a PNG; none for the mayor.
    const roots = await ws.store.formats.threadRoots(TOWN, null, 1000);
    expect(roots).toEqual(day1Roots);
    expect(first.renditions + rest.renditions).toBe(roots.length);
    expect(await ws.store.formats.countRenditions(TOWN)).toBe(roots.length);
    expect(await ws.store.formats.countRenditions(MAYOR)).toBe(0);
    for (const root of roots) {
      const r = (await ws.store.formats.latestRendition(TOWN, root))!;
      expect(r.pdf.puid).toBe('fmt/477');
      expect(r.png.puid).toMatch(PNG);
      const file = join(ws.dataDir, `${root}.pdf`);
      await writeFile(file, bytesOf(r.pdf.sha256));
      expect(await tool('pdfinfo', '-meta', file)).toMatch(/pdfaid:part(='|>)2/);
    }
    // Nothing half-written is left behind.
    expect(readdirSync(join(ws.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('puts the post and every reply in the PDF, and gives the packager normalised JSON with media checksums and PUIDs', async () => {
    const root = roadworks;
    const members = await ws.store.formats.threadMembers(TOWN, root);
    expect(members.length).toBeGreaterThanOrEqual(4);
    const reader = formatsReader(ws.store, registry);
    const text = words(await pdfText((await reader.latestRendition(TOWN, root))!.pdf.sha256));
    const items = await ws.store.listItems(TOWN);
    for (const m of members) {
      const views = await reader.versions(items.find((i) => i.platformId === m.platformId)!);
      const item = views.at(-1)!.normalised!;
      expect(text, `missing ${m.platformId}`).toContain(words(item.text.plain).split(' ').slice(0, 8).join(' '));
      for (const media of item.media) {
        expect(media.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(media.size).toBeGreaterThan(0);
        expect(media.puid).toMatch(/^(x-)?fmt\/\d+$/);
        expect(views.at(-1)!.files.find((f) => f.sha256 === media.sha256)?.identification?.puid).toBe(media.puid);
      }
    }
    expect(members.some((m) => m.media.length > 0)).toBe(true);

    // Every version of an edited status, older ones from its edit history, valid against the schema.
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object);
    const [editedId] = Object.entries(day1.versions).find(([, n]) => n === 3)!;
    const views = await reader.versions(items.find((i) => i.platformId === editedId)!);
    expect(views.map((v) => [v.record.source, v.normalised?.version.key, v.normalised?.version.isCurrent])).toEqual(
      views.map((v, i) => [i < 2 ? 'history' : 'status', v.record.versionKey, i === 2]),
    );
    for (const v of views) expect(validate(v.normalised), JSON.stringify(validate.errors)).toBe(true);
    expect(new Set(views.map((v) => v.normalised!.text.plain)).size).toBe(3);
  });

  it('does nothing when called again', async () => {
    const again = await stage();
    expect(again).toEqual({ identified: 0, derivatives: 0, renditions: 0, unchanged: day1Roots.length, problems: 0, interrupted: false });
  });

  it('after the next day re-renders only the threads that changed, and keeps their old renditions', async () => {
    const before = await renditionCounts();
    const latestBefore = new Map<string, string>();
    for (const root of before.keys()) latestBefore.set(root, (await ws.store.formats.latestRendition(TOWN, root))!.pdf.sha256);
    fake.nextDay();
    const day2 = expectedCapture(fake.dataset, TOWN, { token: true });
    const captured = await runCapture(ws, registry, { now: at(fake.dataset.now) });
    expect(captured.status).toBe('completed');
    const summary = await stage({ now: at('2026-06-02T07:00:00.000Z') });

    const diff = diffCaptures(day1, day2);
    const items = await ws.store.listItems(TOWN);
    const rootOf = (id: string) => items.find((i) => i.platformId === id)?.threadRootPlatformId;
    const roots = new Set(await ws.store.formats.threadRoots(TOWN, null, 1000));
    const changed = new Set([...diff.added, ...diff.removed, ...diff.edited].map(rootOf).filter((r): r is string => r !== undefined && roots.has(r)));
    expect(changed.size).toBeGreaterThan(2);
    const after = await renditionCounts();
    const rerendered = [...after].filter(([root, n]) => n !== (before.get(root) ?? 0)).map(([root]) => root);
    expect(rerendered.sort()).toEqual([...changed].sort());
    expect(summary).toMatchObject({ renditions: changed.size, unchanged: roots.size - changed.size, problems: 0 });
    for (const root of changed) {
      const all = await ws.store.formats.renditions(TOWN, root);
      expect(all).toHaveLength((before.get(root) ?? 0) + 1);
      if (before.has(root)) expect(all[0]!.pdf.sha256).toBe(latestBefore.get(root));
    }
    // The new run's WARC is identified too.
    const warcs = await ws.store.listWarcs(captured.id);
    expect(warcs.length).toBeGreaterThan(0);
    for (const w of warcs) expect((await ws.store.formats.identification(w.file.sha256))?.puid).toBe('fmt/1281');
    // A post deleted on the platform is shown as deleted in its new rendition.
    const deletedRoot = diff.removed.find((id) => roots.has(id));
    if (deletedRoot) expect(await pdfText((await ws.store.formats.latestRendition(TOWN, deletedRoot))!.pdf.sha256)).toContain('Verwijderd van het platform');
  });

  it('renders a thread with a refused hostile image, with the refusal noted', async () => {
    // A reply arrives with a JPEG that hides a zip archive (a polyglot), committed as a crawler would.
    const root = roadworks;
    const [sample] = await ws.store.listVersions(TOWN, (await ws.store.formats.threadMembers(TOWN, root))[1]!.platformId);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 160 } } }).jpeg().toBuffer();
    const file = await ws.files.putBuffer(Buffer.concat([jpeg, makeZip('payload.txt', Buffer.from('hidden'))]));
    const url = `${fake.url}/system/media_attachments/files/999/original/put.jpg`;
    const payload = {
      ...(JSON.parse(sample!.payload) as Record<string, unknown>),
      id: '990000000000000001',
      uri: `${fake.url}/users/pietjansen/statuses/990000000000000001`,
      url: `${fake.url}/@pietjansen/990000000000000001`,
      in_reply_to_id: root,
      created_at: '2026-06-02T06:30:00.000Z',
      edited_at: null,
      content: '<p>Hier is een foto van de put in de Stationsweg.</p>',
      media_attachments: [{ id: '990000000000000002', type: 'image', url, preview_url: url, remote_url: null, description: 'De put', meta: null, blurhash: null }],
    };
    const author = JSON.parse(sample!.payload) as { account: { id: string; acct: string } };
    const runId = 'hostile-reply-run';
    await ws.store.beginRun({ id: runId, operator: 'test', pid: process.pid, host: 'test', startedAt: '2026-06-02T06:40:00.000Z' });
    await ws.store.commitBatch(TOWN, runId, '2026-06-02T06:40:00.000Z', {
      items: [
        {
          kind: 'reply',
          platformId: payload.id,
          uri: payload.uri,
          url: payload.url,
          parentPlatformId: root,
          threadRootPlatformId: root,
          author: { id: author.account.id, handle: author.account.acct },
          thirdParty: true,
          publishedAt: payload.created_at,
          versions: [{ versionKey: payload.created_at, versionAt: payload.created_at, source: 'status', payload: JSON.stringify(payload), media: [{ platformId: '990000000000000002', type: 'image', url, file }] }],
        },
      ],
    });
    await ws.store.finishRun(runId, 'completed', '2026-06-02T06:41:00.000Z');

    const summary = await stage({ now: at('2026-06-02T08:00:00.000Z') });
    expect(summary).toMatchObject({ identified: 1, derivatives: 0, renditions: 1, problems: 1 });
    const id = (await ws.store.formats.identification(file.sha256))!;
    expect(id.flags).toContain('embedded-zip');
    expect(id.problem?.code).toBe('FORMAT_POLYGLOT');
    expect((await ws.store.formats.fileProblems()).map((p) => p.sha256)).toEqual([file.sha256]);
    const rendition = (await ws.store.formats.latestRendition(TOWN, root))!;
    expect(rendition.shows.map((s) => s.platformId)).toContain(payload.id);
    expect(rendition.notes.join('\n')).toMatch(/FORMAT_POLYGLOT/);
    const text = await pdfText(rendition.pdf.sha256);
    expect(text).toContain('Hier is een foto van de put in de Stationsweg.');
    expect(text).toContain('geweigerd: het bestand bevat een verborgen zip-archief');
  });
});
