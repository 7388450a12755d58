// Synthetic but realistic package plans, with real bytes on disk: an account with its profile
// snapshot and run capture, threads of posts and third-party replies (edited, deleted, restricted,
// unreviewed, quoting, with a redacted public copy), JSON payloads, normalised JSON, PNG renderings
// and JPEG media made with sharp. Formats are identified with formats/identify, as the store would.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { identifyBytes } from '../../../formats/identify/index.js';
import {
  accountSerie,
  itemArchiefstuk,
  profileSnapshotArchiefstuk,
  publicCopyArchiefstuk,
  runCaptureArchiefstuk,
  summarise,
  threadDossier,
  aggregatieniveau,
  archiefvormer,
  beperkingen,
  selectionFields,
  eventType,
  type MappingContext,
  type PrivacyState,
  type SocialItem,
} from '../../../formats/mdto/index.js';
import type { PackagePlan, PlanFile, PlanObject } from '../../../archive/plan.js';
import type { ArchiveProfile } from '../../../archive/profile.js';

export const ORGANISATION = { name: 'Gemeente Voorbeeldstad', id: 'https://identifier.overheid.nl/tooi/id/gemeente/gm9999' };

export const CONTEXT: MappingContext = {
  organisation: ORGANISATION,
  selection: { list: 'Selectielijst gemeenten en intergemeentelijke organen 2020', category: '1.1', label: 'Communicatie', waardering: 'V', bewaartermijn: 'P10Y' },
  platform: 'mastodon',
  tool: 'socialarchive 0.1.0',
};

export function profile(overrides: Partial<ArchiveProfile> = {}): ArchiveProfile {
  return {
    receiver: { name: 'Regionaal Archief Voorbeeldstad' },
    target: { collection: 'NL-VbsRA-0999', name: 'Archief gemeente Voorbeeldstad', source: 'e-Depot Regionaal Archief Voorbeeldstad' },
    container: 'zip',
    volume: { maxBytes: 4e9, maxFiles: 10_000 },
    bagit: false,
    contact: { name: 'Team DIV', email: 'div@voorbeeldstad.nl' },
    ...overrides,
  };
}

/** A deterministic pseudo-random generator (mulberry32), so fixtures are the same on every run. */
export function random(seed: number): (n: number) => Buffer {
  let a = seed >>> 0;
  return (n) => {
    const out = Buffer.alloc(Math.ceil(n / 4) * 4);
    for (let i = 0; i < out.length; i += 4) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out.writeUInt32LE((t ^ (t >>> 14)) >>> 0, i);
    }
    return out.subarray(0, n);
  };
}

export class FileStore {
  constructor(readonly dir: string) {}

  /** Writes bytes to the store and describes them as the store would: size, SHA-256, PUID. */
  async put(name: string, bytes: Buffer, role?: PlanFile['role']): Promise<PlanFile> {
    await mkdir(this.dir, { recursive: true });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(this.dir, sha256);
    await writeFile(path, bytes);
    const id = identifyBytes(bytes, { name });
    if (!id.puid) throw new Error(`fixture ${name} was not identified`);
    return {
      name,
      size: bytes.length,
      sha256,
      puid: id.puid,
      formatName: id.version ? `${id.name} ${id.version}` : id.name,
      role,
      checksumAt: '2024-05-02T03:00:00Z',
      open: async () => createReadStream(path),
    };
  }
}

export async function jpeg(rand: (n: number) => Buffer, width: number, height: number): Promise<Buffer> {
  return sharp(rand(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

export async function png(text: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="24">${text.replace(/[<&]/g, '')}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const warc = (n: number): Buffer =>
  Buffer.from(
    Array.from(
      { length: n },
      (_, i) =>
        `WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}>\r\nContent-Length: 2\r\n\r\n{}\r\n\r\n`,
    ).join(''),
  );

export interface PlanShape {
  threads: number;
  replies: number;
  /** Pixel size of the JPEG attached to every post (0 for none). */
  mediaPixels: number;
  seed?: number;
}

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/**
 * A plan shaped like SPEC section 6. The first thread holds the special cases: an edited post, a
 * deleted reply, a restricted third-party reply with a redacted public copy, an unreviewed reply, a
 * nested reply and a quote.
 */
export async function socialPlan(storeDir: string, shape: PlanShape, created = '2024-05-02T10:00:00Z'): Promise<PackagePlan> {
  const store = new FileStore(storeDir);
  const rand = random(shape.seed ?? 7);
  const base = Date.parse('2024-04-01T09:00:00Z');
  const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString();
  const threads: PlanObject[] = [];
  const allStates: PrivacyState[] = [];

  for (let t = 0; t < shape.threads; t++) {
    const rootId = `11${String(t).padStart(6, '0')}`;
    const rootUri = `https://social.example/users/voorbeeldstad/statuses/${rootId}`;
    const items: PlanObject[] = [];
    const states: PrivacyState[] = [];
    const times: string[] = [];
    for (let r = 0; r <= shape.replies; r++) {
      const isRoot = r === 0;
      const id = isRoot ? rootId : `${rootId}${String(r).padStart(3, '0')}`;
      const key = `voorbeeldstad-mastodon/status/${id}`;
      const special = t === 0;
      const privacy: PrivacyState =
        special && r === 2
          ? { status: 'restricted', restrictions: [{ categories: ['person_name', 'health'], looptijd: 'P75Y', from: at(t * 60 + r), reason: 'gezondheid van een inwoner' }] }
          : special && r === 3
            ? { status: 'unreviewed', openFindings: 2 }
            : { status: 'clear' };
      const text = isRoot ? `Bericht ${t}: de gemeente meldt werkzaamheden aan de Dorpsstraat & omgeving <${t}>` : `Reactie ${r} op draad ${t} 👍`;
      const item: SocialItem = {
        kind: isRoot ? 'post' : 'reply',
        platformId: id,
        uri: `https://social.example/users/${isRoot ? 'voorbeeldstad' : `inwoner${r}`}/statuses/${id}`,
        url: `https://social.example/@${isRoot ? 'voorbeeldstad' : `inwoner${r}`}/${id}`,
        text,
        author: isRoot
          ? { id: '1', handle: 'voorbeeldstad', displayName: 'Gemeente Voorbeeldstad', uri: 'https://social.example/users/voorbeeldstad' }
          : { id: `u${r}`, handle: `inwoner${r}@social.example`, displayName: `Inwoner ${r}`, uri: `https://social.example/users/inwoner${r}` },
        thirdParty: !isRoot,
        language: 'nl',
        tags: isRoot ? ['werkzaamheden'] : undefined,
        publishedAt: at(t * 60 + r),
        editedAt: special && isRoot ? [at(t * 60 + 30)] : undefined,
        capturedAt: at(24 * 60),
        renditions: [{ at: at(24 * 60 + 1), description: 'PNG-weergave van het bericht met de draad' }],
        deleted: special && r === 1 ? { at: at(26 * 60), evidence: 'HTTP 404 op /api/v1/statuses/' + id } : undefined,
        privacy,
        replyTo: isRoot ? undefined : { key: r > 1 && special && r === 4 ? `voorbeeldstad-mastodon/status/${rootId}001` : `voorbeeldstad-mastodon/status/${rootId}` },
        quoteOf: special && isRoot ? { uri: 'https://social.example/users/provincie/statuses/99', naam: 'Bericht van de provincie' } : undefined,
        publicCopyKey: special && r === 2 ? `${key}/openbaar` : undefined,
      };
      states.push(privacy);
      times.push(item.publishedAt);
      const mapped = itemArchiefstuk(CONTEXT, item);
      const files: PlanFile[] = [await store.put(`status-${id}.v1.json`, json({ id, uri: item.uri, content: text, version: 1 }))];
      if (item.editedAt) files.push(await store.put(`status-${id}.v2.json`, json({ id, uri: item.uri, content: `${text} (bijgewerkt)`, version: 2 })));
      files.push(await store.put(`status-${id}.normalised.json`, json({ schema: 'socialarchive/item/1', id, text }), 'metagegevens'));
      files.push(await store.put(`status-${id}.png`, await png(text)));
      if (isRoot && shape.mediaPixels > 0) files.push(await store.put(`media-${id}.jpg`, await jpeg(rand, shape.mediaPixels, shape.mediaPixels)));
      items.push({ key, name: `status-${id}`, content: mapped.content, relations: mapped.relations, files });
      if (item.publicCopyKey) {
        const copy = publicCopyArchiefstuk(CONTEXT, { originalKey: key, original: item, madeAt: at(25 * 60), description: 'Naam en gezondheidsgegevens gelakt.' });
        items.push({
          key: item.publicCopyKey,
          name: `status-${id}-openbaar`,
          content: copy.content,
          relations: copy.relations,
          files: [await store.put(`status-${id}.openbaar.json`, json({ id, content: 'Reactie [gelakt]' }))],
        });
      }
    }
    allStates.push(...states);
    const dossier = threadDossier(CONTEXT, { rootUri, rootText: `Bericht ${t}: werkzaamheden`, rootPlatformId: rootId, firstAt: times[0]!, lastAt: times.at(-1)! }, summarise(states));
    threads.push({ key: `voorbeeldstad-mastodon/thread/${rootId}`, name: `draad-${rootId}`, content: dossier.content, children: items });
  }

  const snapshot = profileSnapshotArchiefstuk(CONTEXT, { handle: 'voorbeeldstad', profileUri: 'https://social.example/@voorbeeldstad', capturedAt: at(24 * 60) });
  const run = runCaptureArchiefstuk(CONTEXT, { runId: 'run-2024-04-02', startedAt: at(24 * 60), finishedAt: at(24 * 60 + 5), parts: summarise(allStates) });
  const serie = accountSerie(
    CONTEXT,
    { id: 'voorbeeldstad-mastodon', handle: 'voorbeeldstad', profileUri: 'https://social.example/@voorbeeldstad', purpose: 'Publieksvoorlichting', opened: '2023-05-01' },
    summarise(allStates),
  );
  const account: PlanObject = {
    key: 'voorbeeldstad-mastodon',
    content: serie.content,
    children: [
      { key: 'voorbeeldstad-mastodon/profile/2024-04-02', name: 'profiel-2024-04-02', content: snapshot.content, files: [await store.put('profiel-2024-04-02.json', json({ acct: 'voorbeeldstad', note: 'Officieel account' }))] },
      { key: 'voorbeeldstad-mastodon/run/run-2024-04-02', name: 'vastlegging-run-2024-04-02', content: run.content, files: [await store.put('run-2024-04-02.warc', warc(5))] },
      ...threads,
    ],
  };
  // Documentation of our own metadata schema travels as an informatieobject (MDTO SIP rule).
  const docs: PlanObject = {
    key: 'socialarchive/schema/item-1',
    name: 'schema-genormaliseerde-json',
    content: {
      identificatie: [],
      naam: 'Schema van de genormaliseerde JSON (socialarchive item, versie 1)',
      aggregatieniveau: aggregatieniveau('Archiefstuk'),
      event: [{ type: eventType('Creatie'), tijd: '2024-03-01' }],
      ...selectionFields({ ...CONTEXT.selection, waardering: 'B' }, { trigger: eventType('Creatie') }),
      archiefvormer: [archiefvormer(ORGANISATION)],
      beperkingGebruik: beperkingen({ status: 'clear' }),
    },
    files: [await store.put('item-schema-1.json', json({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'socialarchive item' }))],
  };
  return {
    id: 'voorbeeldstad-2024-04',
    title: 'Sociale media Gemeente Voorbeeldstad, april 2024',
    organisation: ORGANISATION,
    created,
    remarks: ['Bevat WARC 1.1 (fmt/1281) met het volledige HTTP-verkeer van de vastlegging.'],
    roots: [account, docs],
  };
}
