import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import type { Registry } from '../../src/domain/types.js';
import { createFaceDetector } from '../../src/privacy/images/faces.js';
import { scanPending } from '../../src/privacy/pipeline/index.js';
import { readBounded } from '../../src/privacy/pipeline/scan.js';
import { applyPlanned, planAll } from '../../src/privacy/review/apply.js';
import type { Workspace } from '../../src/workspace.js';
import { openTestWorkspace } from '../helpers/workspace.js';

// Images through the pipeline: a reply with a GPS-tagged JPEG and a photo of people is stored (real
// SQLite, real file store), scanned with the real face detector, decided, and published.

const run = promisify(execFile);
/** A photo of people that ships in the @vladmandic/face-api npm package (MIT). */
const FACE_PHOTO = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');
const HOST = 'https://social.example';

let ws: Workspace;
let registry: Registry;
let work: string;

/** A drawn landscape as JPEG with camera, owner and GPS in EXIF. */
function landscapeWithGps(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"><rect width="640" height="240" fill="#5aa9f0"/>
    <circle cx="520" cy="70" r="36" fill="#ffd84a"/><rect y="240" width="640" height="160" fill="#4c8c3a"/></svg>`;
  return sharp(Buffer.from(svg))
    .jpeg()
    .withExif({
      IFD0: { Artist: 'Jan Jansen', Make: 'Canon', Model: 'EOS 5D' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 0/1' },
    })
    .toBuffer();
}

function status(id: string, media: { id: string; url: string }[]): string {
  return JSON.stringify({
    id,
    uri: `${HOST}/users/jan/statuses/${id}`,
    url: `${HOST}/@jan/${id}`,
    created_at: '2026-05-01T10:00:00.000Z',
    edited_at: null,
    in_reply_to_id: '1000',
    in_reply_to_account_id: '1',
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'nl',
    content: '<p>@gemeente Kijk, de nieuwe speeltuin is al open!</p>',
    account: { id: '77', acct: 'jan@social.example', display_name: 'Jan', url: `${HOST}/@jan`, bot: false },
    media_attachments: media.map((m) => ({ id: m.id, type: 'image', url: m.url, description: 'Foto van de speeltuin' })),
    mentions: [{ id: '1', acct: 'gemeente', url: `${HOST}/@gemeente` }],
    tags: [],
    emojis: [],
  });
}

async function exifGroups(bytes: Buffer): Promise<string[]> {
  const file = join(work, `img-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, bytes);
  const tags = (JSON.parse((await run('exiftool', ['-j', '-G1', '-a', file])).stdout) as Record<string, unknown>[])[0]!;
  return Object.keys(tags).filter((k) => /^(IFD\d|ExifIFD|GPS|XMP|XMP-.*|IPTC|ICC.*|Photoshop|MakerNotes|InteropIFD):/.test(k));
}

beforeAll(async () => {
  ({ ws, registry } = await openTestWorkspace('https://social.example', [{ id: 'gemeente', handle: 'gemeente' }]));
  work = await mkdtemp(join(tmpdir(), 'review-images-'));
  const gps = await ws.files.putBuffer(await landscapeWithGps());
  const faces = await ws.files.putBuffer(readFileSync(FACE_PHOTO));
  const at = '2026-05-01T10:05:00.000Z';
  await ws.store.commitBatch('gemeente', 'test-run', at, {
    items: [
      {
        kind: 'reply',
        platformId: '1001',
        uri: `${HOST}/users/jan/statuses/1001`,
        parentPlatformId: '1000',
        threadRootPlatformId: '1000',
        author: { id: '77', handle: 'jan@social.example', displayName: 'Jan' },
        thirdParty: true,
        publishedAt: '2026-05-01T10:00:00.000Z',
        versions: [
          {
            versionKey: '2026-05-01T10:00:00.000Z',
            versionAt: '2026-05-01T10:00:00.000Z',
            source: 'status',
            payload: status('1001', [
              { id: 'm1', url: `${HOST}/m1.jpg` },
              { id: 'm2', url: `${HOST}/m2.jpg` },
            ]),
            media: [
              { platformId: 'm1', type: 'image', url: `${HOST}/m1.jpg`, file: gps },
              { platformId: 'm2', type: 'image', url: `${HOST}/m2.jpg`, file: faces },
            ],
          },
        ],
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await ws?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('images in the review flow', () => {
  it('a JPEG with GPS gives a finding, faces give regions, and the public copy has no metadata and blurred faces', async () => {
    const scan = await scanPending(ws, registry, { faces: true });
    expect(scan.problems).toBe(0);
    expect(scan.images).toBe(2);
    const { rows } = await ws.store.privacy.listFindings({ status: 'open' }, { limit: 100, offset: 0 });
    // Both photos carry GPS (the face-api sample too): one finding per image, with its coordinates.
    const gps = rows.filter((f) => f.category === 'gps');
    expect(gps.map((f) => f.field).sort()).toEqual(['media.0', 'media.1']);
    expect(Number(gps.find((f) => f.field === 'media.0')!.detail!.latitude)).toBeCloseTo(52.0833, 3);
    const faces = rows.filter((f) => f.category === 'face');
    expect(faces.length).toBeGreaterThanOrEqual(2);
    expect(faces.every((f) => f.field === 'media.1' && f.region && f.region.w > 20)).toBe(true);
    // The mention of the organisation's own account is not a finding.
    expect(rows.some((f) => f.category === 'handle')).toBe(false);

    const planned = await planAll(ws, [
      { label: 'faces', selector: { categories: ['face'] }, request: { action: 'redact', reason: 'Portretrecht van spelende kinderen', via: 'test' } },
      { label: 'gps', selector: { categories: ['gps', 'image_metadata'] }, request: { action: 'redact', reason: 'Locatie van de fotograaf', via: 'test' } },
    ]);
    const result = await applyPlanned(ws, planned, { actor: 'privacyfunctionaris', render: false });
    expect(result.publicCopies?.failed).toEqual([]);
    const [copy] = result.publicCopies!.made;
    expect(copy!.images).toHaveLength(2);
    const face = result.decisions.find((d) => d.findingId === faces[0]!.id)!;
    expect(face.restriction?.type).toBe('portrait_right');

    const originalGps = await readBounded(ws.files, copy!.images[0]!.sourceSha256, 50_000_000);
    const publicGps = await readBounded(ws.files, copy!.images[0]!.file.sha256, 50_000_000);
    expect((await exifGroups(originalGps)).some((g) => g.startsWith('GPS:'))).toBe(true);
    expect(await exifGroups(publicGps)).toEqual([]);

    const publicFaces = await readBounded(ws.files, copy!.images[1]!.file.sha256, 50_000_000);
    expect(copy!.images[1]!.blurred).toBe(faces.length);
    expect(await exifGroups(publicFaces)).toEqual([]);
    const detector = await createFaceDetector();
    expect((await detector.detect(readFileSync(FACE_PHOTO))).length).toBe(faces.length);
    expect(await detector.detect(publicFaces)).toEqual([]);

    // The public JSON points at the public images, not at the originals.
    const item = JSON.parse((await readBounded(ws.files, copy!.json.sha256, 10_000_000)).toString('utf8')) as NormalisedItem;
    expect(item.media.map((m) => m.sha256)).toEqual(copy!.images.map((i) => i.file.sha256));
    expect(item.raw.sha256).toBeNull();
  });

  it('an image that cannot be read leaves its version unreviewed, and the next scan tries it again', async () => {
    const broken = await ws.files.putBuffer(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]));
    await ws.store.commitBatch('gemeente', 'test-run', '2026-05-02T10:00:00.000Z', {
      items: [
        {
          kind: 'reply',
          platformId: '1002',
          uri: `${HOST}/users/jan/statuses/1002`,
          parentPlatformId: '1000',
          threadRootPlatformId: '1000',
          author: { id: '77', handle: 'jan@social.example', displayName: 'Jan' },
          thirdParty: true,
          publishedAt: '2026-05-02T09:00:00.000Z',
          versions: [
            {
              versionKey: '2026-05-02T09:00:00.000Z',
              versionAt: '2026-05-02T09:00:00.000Z',
              source: 'status',
              payload: status('1002', [{ id: 'm3', url: `${HOST}/m3.jpg` }]),
              media: [{ platformId: 'm3', type: 'image', url: `${HOST}/m3.jpg`, file: broken }],
            },
          ],
        },
      ],
    });
    const first = await scanPending(ws, registry, { faces: true });
    expect(first.versions).toBe(1);
    expect(first.problems).toBe(1);
    const state = (await ws.store.privacy.itemPrivacy([{ accountId: 'gemeente', platformId: '1002' }])).get('gemeente/1002')!;
    expect(state.unscannedVersions).toBe(1);
    const again = await scanPending(ws, registry, { faces: true });
    expect(again.due).toBe(1);
    expect(again.problems).toBe(1);
  });
});
