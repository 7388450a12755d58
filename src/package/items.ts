// One post or reply as informatieobjecten (SPEC section 6): the original as one Archiefstuk whose files
// are every version's platform payload and normalised JSON, its media and their preferred derivatives;
// and, when redact decisions made one, the public copy beside it. Builds plan objects from what was
// read from the store; the files are opened only when the package is written.
import { absoluteUrl } from '../../formats/mdto/values.js';
import { itemArchiefstuk, publicCopyArchiefstuk, type MappingContext, type SocialItem } from '../../formats/mdto/social.js';
import type { PlanFile, PlanObject } from '../../archive/plan.js';
import type { PublicCopy } from '../domain/types.js';
import type { VersionView } from '../formats-stage/reader.js';
import { normalisedJsonFile } from '../formats-stage/reader.js';
import { categoryLabel } from '../privacy/review/labels.js';
import type { ItemPrivacy } from '../store/privacy-store.js';
import type { PackageItemRecord } from '../store/transfers-store.js';
import { JSON_PUID, extensionOf, formatNameOf, formatOf, identifyStored, normalisedFile, payloadFile, storedFile, type FileSources } from './files.js';
import { privacyState } from './privacy-state.js';
import type { Remarks } from './remarks.js';

export const itemKey = (accountId: string, platformId: string): string => `${accountId}/status/${platformId}`;

export interface ItemInput {
  item: PackageItemRecord;
  versions: VersionView[];
  privacy: ItemPrivacy | undefined;
  /** False when another selected account holds the same status and carries its canonical URI. */
  ownsUri: boolean;
}

/** The stored media of an item, each distinct file once, in the order the versions first show them. */
function mediaFiles(src: FileSources, base: string, versions: VersionView[], remarks: Remarks, where: string) {
  const files: PlanFile[] = [];
  const conversions: { at: string; description: string }[] = [];
  const seen = new Set<string>();
  for (const v of versions) {
    for (const m of v.files) {
      if (seen.has(m.sha256)) continue;
      seen.add(m.sha256);
      const n = seen.size;
      const format = formatOf(m.identification);
      if (!format) {
        remarks.add('media-without-puid', `${where} media ${n}`, (count, ex) => `${count} mediabestand(en) zonder PRONOM-identificatie niet opgenomen; ze staan in het archief (${ex}).`);
        continue;
      }
      const name = `${base}.media-${n}.${extensionOf(format.puid)}`;
      files.push(storedFile(src, { name, sha256: m.sha256, size: m.size, ...format, checksumAt: v.record.capturedAt, url: absoluteUrl(m.url) }));
      for (const d of m.derivatives) {
        const derived = formatOf(d.identification) ?? (d.puid ? { puid: d.puid, formatName: formatNameOf(d.puid) } : null);
        if (!derived) continue;
        files.push(storedFile(src, { name: `${base}.media-${n}.afgeleid.${d.extension}`, sha256: d.sha256, size: d.size, ...derived, checksumAt: d.madeAt }));
        const notes = d.notes.length > 0 ? ` ${d.notes.join('; ')}.` : '';
        conversions.push({ at: d.madeAt, description: `${derived.formatName} (${derived.puid}) gemaakt van ${name} (${format.formatName}) met ${d.tool.version}.${notes}` });
      }
    }
  }
  return { files, conversions };
}

/** What the public copy left out, for people (categories only, never the text itself). */
function copyDescription(copies: PublicCopy[]): string {
  const categories = [...new Set(copies.flatMap((c) => c.redactions.map((r) => r.category)))].sort().map((c) => categoryLabel(c, 'nl'));
  const removed = copies.reduce((n, c) => n + c.redactions.length, 0);
  const blurred = copies.reduce((n, c) => n + c.images.reduce((m, i) => m + i.blurred, 0), 0);
  const images = copies.some((c) => c.images.length > 0) ? '; afbeeldingen zonder metagegevens (EXIF, GPS, XMP)' : '';
  const faces = blurred > 0 ? `; ${blurred} gezicht(en) onherkenbaar gemaakt` : '';
  return `Openbare versie: ${removed} passage(s) verwijderd${categories.length ? ` (${categories.join(', ')})` : ''}${images}${faces}. Het origineel is ongewijzigd bewaard.`;
}

/** The files of the public copies, per version they redact. */
async function copyFiles(src: FileSources, base: string, versionIndex: Map<string, number>, copies: PublicCopy[], remarks: Remarks): Promise<PlanFile[]> {
  const files: PlanFile[] = [];
  for (const c of copies) {
    const stem = `${base}.v${versionIndex.get(c.versionKey) ?? 0}.openbaar`;
    files.push(storedFile(src, { name: `${stem}.json`, ...c.json, puid: JSON_PUID, formatName: formatNameOf(JSON_PUID), checksumAt: c.madeAt }));
    const stored: [string, { sha256: string; size: number }][] = [];
    if (c.pdf) stored.push([`${stem}.pdf`, c.pdf]);
    if (c.png) stored.push([`${stem}.png`, c.png]);
    for (const i of c.images) stored.push([`${stem}.media-${i.position + 1}`, i.file]);
    for (const [name, f] of stored) {
      const format = await identifyStored(src, f.sha256, f.size);
      if (!format) {
        remarks.add('copy-without-puid', name, (n, ex) => `${n} bestand(en) van openbare versies zonder PRONOM-identificatie niet opgenomen (${ex}).`);
        continue;
      }
      const withExt = /\.(pdf|png)$/.test(name) ? name : `${name}.${extensionOf(format.puid)}`;
      files.push(storedFile(src, { name: withExt, sha256: f.sha256, size: f.size, ...format, checksumAt: c.madeAt }));
    }
  }
  return files;
}

/** The informatieobjecten of one post or reply: the original, then its public copy when it has one. */
export async function itemObjects(src: FileSources, ctx: MappingContext, input: ItemInput, remarks: Remarks): Promise<PlanObject[]> {
  const { item, versions, privacy } = input;
  const key = itemKey(item.accountId, item.platformId);
  const base = `status-${item.platformId}`;
  const where = `${item.accountId}/${item.platformId}`;
  const files: PlanFile[] = [];
  const versionIndex = new Map<string, number>();
  versions.forEach((v, i) => {
    const n = i + 1;
    versionIndex.set(v.record.versionKey, n);
    files.push(payloadFile(v.record, `${base}.v${n}.json`));
    if (v.normalised) {
      files.push(normalisedFile(normalisedJsonFile(v.normalised), `${base}.v${n}.normalised.json`));
    } else {
      remarks.add('not-normalised', `${where} v${n}`, (count, ex) => `${count} versie(s) zonder genormaliseerde JSON (alleen de platformgegevens): ${ex}.`);
    }
  });
  const media = mediaFiles(src, base, versions, remarks, where);
  files.push(...media.files);

  const latest = [...versions].reverse().find((v) => v.normalised)?.normalised ?? null;
  const copies = (privacy?.publicCopies ?? []).flatMap((c) => (c.copy ? [c.copy] : []));
  for (const c of privacy?.publicCopies ?? []) {
    if (c.copy) continue;
    remarks.add('copy-missing', `${where} (${c.versionKey})`, (n, ex) => `${n} versie(s) met een besluit "verwijderen in openbare versie" hebben nog geen openbare versie (socialarchive review publish); het origineel is beperkt: ${ex}.`);
  }
  const social: SocialItem = {
    kind: item.kind === 'reply' ? 'reply' : 'post',
    platformId: item.platformId,
    uri: item.uri,
    url: item.url,
    text: latest?.text.plain ?? '',
    author: { id: item.authorId, handle: item.authorHandle, displayName: item.authorName, uri: latest?.author.url ?? undefined },
    thirdParty: item.thirdParty,
    language: latest?.language,
    tags: latest?.tags.length ? latest.tags.map((t) => t.name) : undefined,
    publishedAt: item.publishedAt,
    editedAt: versions.slice(1).map((v) => v.record.versionAt),
    capturedAt: item.firstCapturedAt,
    renditions: media.conversions,
    deleted: item.deletedAt ? { at: item.deletedAt, evidence: item.deletionEvidence } : undefined,
    privacy: privacyState(privacy),
    // Answers and quotes by canonical URI: it is also the target's own identificatie, in this package or another.
    replyTo: latest?.replyTo?.uri ? { uri: latest.replyTo.uri } : undefined,
    quoteOf: latest?.quoteOf?.uri ? { uri: latest.quoteOf.uri } : undefined,
    publicCopyKey: copies.length > 0 ? `${key}/openbaar` : undefined,
  };
  const original = itemArchiefstuk(ctx, social);
  if (!input.ownsUri) original.content.identificatie = original.content.identificatie.filter((i) => i.kenmerk !== item.uri);
  const objects: PlanObject[] = [{ key, name: base, content: original.content, relations: original.relations, files }];
  if (copies.length > 0) {
    const madeAt = copies.map((c) => c.madeAt).sort().at(-1)!;
    const copy = publicCopyArchiefstuk(ctx, { originalKey: key, original: social, madeAt, description: copyDescription(copies) });
    objects.push({ key: `${key}/openbaar`, name: `${base}-openbaar`, content: copy.content, relations: copy.relations, files: await copyFiles(src, base, versionIndex, copies, remarks) });
  }
  return objects;
}
