// The checks that need the whole volume: every file has its sidecar and every sidecar its file,
// sizes, checksums and formats match the bytes, every reference resolves, every informatieobject has
// exactly one parent and that parent is the folder around it, pakbon counts, and BagIt manifests.
import type { Identificatie } from '../../formats/mdto/types.js';
import { FILE_SIDECAR_SUFFIX, OBJECT_SIDECAR_SUFFIX } from '../names.js';
import type { Pakbon } from '../pakbon.js';
import type { CollectedVolume } from './collect.js';
import type { Findings } from './problems.js';
import type { BestandFacts, ObjectFacts, RefFacts } from './sidecar-facts.js';

const idKey = (id: Identificatie): string => `${id.bron}\u0000${id.kenmerk}`;
const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const normalAlgorithm = (label: string): string => label.replace(/[-_\s]/g, '').toUpperCase();

export interface IndexedObject {
  volume: CollectedVolume;
  path: string;
  facts: ObjectFacts | BestandFacts;
}

/** Where every identified object of a set of volumes lives. */
export type ObjectIndex = Map<string, IndexedObject>;

export function indexObjects(volumes: CollectedVolume[], findings: Findings): ObjectIndex {
  const index: ObjectIndex = new Map();
  for (const v of volumes) {
    for (const [path, s] of v.sidecars) {
      if (!s.facts) continue;
      for (const id of s.facts.ids) {
        const prior = index.get(idKey(id));
        if (prior) {
          findings.add(`${v.label}:${path}`, 'duplicate-id', `identificatie ${id.kenmerk} (${id.bron}) is also used by ${prior.volume.label}:${prior.path}`);
        } else index.set(idKey(id), { volume: v, path, facts: s.facts });
      }
    }
  }
  return index;
}

export interface CheckContext {
  /** identificatieBron of the package's own identifiers; references with it must resolve. */
  internalBronnen: Set<string>;
  /** The collection top-level objects belong to, when a pakbon names it. */
  target: Identificatie | undefined;
  /** References this volume's pakbon says live in another volume: id key → volume number. */
  elsewhere: Map<string, number>;
  /** True when all volumes of the transfer are being verified together. */
  wholeSet: boolean;
  /** Sidecar paths of every volume checked together with this one (this volume's alone). */
  setSidecars: Set<string>;
  /** Folders of objects the pakbon places in other volumes, with their ancestors. */
  elsewhereFolders: Set<string>;
}

/** The sidecar of the aggregation that `folder` is ('' is the SIP root, which has none). */
const aggregationSidecar = (folder: string): string | undefined => (folder === '' ? undefined : `${folder}/${baseOf(folder)}${OBJECT_SIDECAR_SUFFIX}`);

function checkFilesAndSidecars(v: CollectedVolume, ctx: CheckContext, findings: Findings): void {
  const at = (p: string): string => `${v.label}:${p}`;
  for (const [path, file] of v.payload) {
    const sidecar = v.sidecars.get(`${path}${FILE_SIDECAR_SUFFIX}`);
    if (!sidecar) {
      findings.add(at(path), 'file-without-sidecar', `no ${baseOf(path)}${FILE_SIDECAR_SUFFIX} beside the file`);
      continue;
    }
    const facts = sidecar.facts;
    if (!facts) continue;
    if (facts.kind !== 'bestand') {
      findings.add(at(`${path}${FILE_SIDECAR_SUFFIX}`), 'sidecar-kind', 'a .bestand.MDTO.xml sidecar must describe a bestand');
      continue;
    }
    if (facts.naam !== baseOf(path)) findings.add(at(path), 'name-mismatch', `the sidecar names the file ${JSON.stringify(facts.naam)}`);
    if (facts.omvang !== String(file.size)) findings.add(at(path), 'size-mismatch', `${file.size} bytes, the sidecar says ${facts.omvang}`);
    let checked = 0;
    for (const c of facts.checksums) {
      const alg = normalAlgorithm(c.algoritme);
      const actual = alg === 'SHA256' ? file.sha256 : alg === 'SHA512' ? file.sha512 : undefined;
      if (actual === undefined) continue;
      checked++;
      if (c.waarde.toLowerCase() !== actual) findings.add(at(path), 'checksum-mismatch', `${c.algoritme} of the bytes is ${actual}, the sidecar says ${c.waarde}`);
    }
    if (checked === 0) findings.add(at(path), 'checksum-unchecked', 'the sidecar has no SHA-256 checksum to check the bytes against');
    const code = facts.formaat?.lijst.toLowerCase() === 'pronom-register' ? facts.formaat.code : undefined;
    if (code && file.puid !== code) {
      findings.add(at(path), 'format-mismatch', `the bytes are ${file.puid ?? 'of no recognised format'}, the sidecar says ${code}`);
    }
  }
  for (const [path, s] of v.sidecars) {
    if (path.endsWith(FILE_SIDECAR_SUFFIX)) {
      const file = path.slice(0, -FILE_SIDECAR_SUFFIX.length);
      if (!v.payload.has(file)) findings.add(at(path), 'sidecar-without-file', `${baseOf(file)} is missing`);
    } else if (s.facts && s.facts.kind !== 'informatieobject') {
      findings.add(at(path), 'sidecar-kind', 'a .MDTO.xml sidecar that is not .bestand.MDTO.xml must describe an informatieobject');
    }
  }
  for (const folder of v.folders) {
    // In a volume checked alone, the sidecar of a folder may be in an earlier volume (pakbon says so).
    if (!ctx.setSidecars.has(aggregationSidecar(folder)!) && !(!ctx.wholeSet && ctx.elsewhereFolders.has(folder))) {
      findings.add(at(folder), 'folder-without-sidecar', `the folder has no ${baseOf(folder)}${OBJECT_SIDECAR_SUFFIX}`);
    }
  }
}

function resolves(ref: RefFacts, index: ObjectIndex, v: CollectedVolume, ctx: CheckContext): IndexedObject | 'elsewhere' | 'external' | undefined {
  if (!ref.id) return 'external';
  const key = idKey(ref.id);
  const found = index.get(key);
  const listed = ctx.elsewhere.get(key);
  if (found && (found.volume === v || ctx.wholeSet)) return found;
  if (listed !== undefined && !ctx.wholeSet) return 'elsewhere';
  if (found) return found;
  return ctx.internalBronnen.has(ref.id.bron) ? undefined : 'external';
}

function checkReferences(v: CollectedVolume, index: ObjectIndex, ctx: CheckContext, findings: Findings): void {
  const at = (p: string): string => `${v.label}:${p}`;
  const describe = (r: RefFacts): string => (r.id ? `${r.id.kenmerk} (${r.id.bron})` : JSON.stringify(r.naam));
  const expect = (path: string, field: string, ref: RefFacts, kind: 'informatieobject' | 'bestand'): IndexedObject | undefined => {
    const target = resolves(ref, index, v, ctx);
    if (target === undefined) {
      findings.add(at(path), 'reference-missing', `${field} refers to ${describe(ref)}, which is not in the package`);
      return undefined;
    }
    if (target === 'elsewhere' || target === 'external') return undefined;
    if (target.facts.kind !== kind) findings.add(at(path), 'reference-kind', `${field} refers to ${describe(ref)}, which is not a ${kind}`);
    if (ctx.wholeSet && target.volume !== v) {
      const listed = ref.id ? ctx.elsewhere.get(idKey(ref.id)) : undefined;
      if (listed === undefined) findings.add(at(path), 'reference-unlisted', `${field} refers to ${describe(ref)} in ${target.volume.label}, but the pakbon does not list it`);
    }
    return target;
  };

  for (const [path, s] of v.sidecars) {
    const f = s.facts;
    if (!f) continue;
    if (f.kind === 'bestand') {
      if (!f.isRepresentatieVan) continue;
      const owner = expect(path, 'isRepresentatieVan', f.isRepresentatieVan, 'informatieobject');
      if (owner && owner.facts.kind === 'informatieobject' && f.ids[0]) {
        const mine = idKey(f.ids[0]);
        const listed = [...owner.facts.heeftRepresentatie, ...owner.facts.aanvullendeMetagegevens].some((r) => r.id && idKey(r.id) === mine);
        if (!listed) findings.add(at(path), 'reference-inverse', `${owner.path} does not list this file in heeftRepresentatie or aanvullendeMetagegevens`);
      }
      continue;
    }
    // Exactly one parent, and it is the aggregation around this sidecar (or the target collection at the top).
    const folder = dirOf(path);
    const isAggregation = folder !== '' && baseOf(path) === `${baseOf(folder)}${OBJECT_SIDECAR_SUFFIX}`;
    const expected = aggregationSidecar(isAggregation ? dirOf(folder) : folder);
    if (f.isOnderdeelVan.length !== 1) {
      findings.add(at(path), 'parent-count', `has ${f.isOnderdeelVan.length} isOnderdeelVan; an informatieobject has exactly one parent`);
    }
    const parentRef = f.isOnderdeelVan[0];
    if (parentRef) {
      const isTarget = ctx.target !== undefined && parentRef.id?.kenmerk === ctx.target.kenmerk && parentRef.id.bron === ctx.target.bron;
      if (expected === undefined) {
        if (ctx.target && !isTarget) findings.add(at(path), 'parent-not-target', `a top-level object must refer to the target collection ${ctx.target.kenmerk}`);
      } else if (isTarget) {
        findings.add(at(path), 'parent-mismatch', 'refers to the target collection but is not at the top of the package');
      } else {
        const parent = expect(path, 'isOnderdeelVan', parentRef, 'informatieobject');
        if (parent && parent.path !== expected) {
          findings.add(at(path), 'parent-mismatch', `isOnderdeelVan names ${parent.path}, but the object lies in ${dirOf(expected)}`);
        }
      }
    }
    for (const r of f.bevatOnderdeel) expect(path, 'bevatOnderdeel', r, 'informatieobject');
    for (const r of f.heeftRepresentatie) expect(path, 'heeftRepresentatie', r, 'bestand');
    for (const r of f.aanvullendeMetagegevens) expect(path, 'aanvullendeMetagegevens', r, 'bestand');
    for (const r of f.gerelateerd) expect(path, 'gerelateerdInformatieobject', r, 'informatieobject');
  }
}

/** Counts as the pakbon states them, from what the volume holds. */
export function countsOf(v: CollectedVolume): Pakbon['aantallen'] {
  let informatieobjecten = 0;
  let bestanden = 0;
  for (const [path, s] of v.sidecars) {
    if (path.endsWith(FILE_SIDECAR_SUFFIX) || s.facts?.kind === 'bestand') bestanden++;
    else informatieobjecten++;
  }
  let omvang = 0;
  for (const f of v.payload.values()) omvang += f.size;
  return {
    informatieobjecten,
    bestanden,
    bestandenZonderMdto: v.payload.size,
    omvangZonderMdto: omvang,
    bestandenInContainer: v.files,
  };
}

function checkPakbon(v: CollectedVolume, pakbon: Pakbon, pakbonPath: string, findings: Findings): void {
  const counts = countsOf(v);
  for (const [field, actual] of Object.entries(counts) as [keyof Pakbon['aantallen'], number][]) {
    if (pakbon.aantallen[field] !== actual) findings.add(pakbonPath, 'pakbon-count', `${field} is ${pakbon.aantallen[field]}, the package holds ${actual}`);
  }
  if (v.container) {
    if (pakbon.container.omvang !== v.container.size) findings.add(pakbonPath, 'pakbon-size', `container size ${pakbon.container.omvang}, the file has ${v.container.size} bytes`);
    if (pakbon.container.sha256 !== v.container.sha256) {
      findings.add(pakbonPath, 'pakbon-hash', `container SHA-256 ${pakbon.container.sha256}, the file hashes to ${v.container.sha256}`);
    }
  }
  if (pakbon.container.bagit !== (v.bag !== undefined)) {
    findings.add(pakbonPath, 'pakbon-bagit', pakbon.container.bagit ? 'says BagIt, but the container holds no bag' : 'does not say BagIt, but the container holds a bag');
  }
}

function checkBag(v: CollectedVolume, findings: Findings): void {
  const bag = v.bag;
  if (!bag) return;
  const at = (name: string): string => `${v.label}:${bag.root}${name}`;
  const bagit = bag.texts.get('bagit.txt');
  if (bagit === undefined) findings.add(at('bagit.txt'), 'bag-declaration', 'bagit.txt is missing');
  else if (!/^BagIt-Version: (1\.0|0\.9[0-9])\r?$/m.test(bagit) || !/^Tag-File-Character-Encoding: UTF-8\r?$/im.test(bagit)) {
    findings.add(at('bagit.txt'), 'bag-declaration', 'must declare BagIt-Version and Tag-File-Character-Encoding: UTF-8');
  }
  const payloadManifests = [...bag.manifests.keys()].filter((n) => n.startsWith('manifest-'));
  if (payloadManifests.length === 0) findings.add(at('manifest-sha256.txt'), 'bag-manifest-missing', 'a bag needs at least one payload manifest');

  // The bag's payload is the whole SIP: files and sidecars.
  const payload = new Map<string, { size: number; sha256: string; sha512?: string | undefined }>();
  for (const [path, f] of v.payload) payload.set(`data/${path}`, f);
  for (const [path, s] of v.sidecars) payload.set(`data/${path}`, s);

  for (const name of bag.manifests.keys()) {
    const alg = /^(?:tag)?manifest-([a-z0-9]+)\.txt$/.exec(name)![1]!;
    const lines = bag.manifests.get(name)!;
    const tag = name.startsWith('tag');
    if (alg !== 'sha256' && alg !== 'sha512') {
      findings.note(`${at(name)}: ${alg} manifests are not checked`);
      continue;
    }
    if (tag) {
      for (const [path, digest] of lines) {
        const d = bag.tagDigests.get(path);
        if (!d) findings.add(at(name), 'bag-missing', `lists ${path}, which is not in the bag`);
        else if (d[alg] !== digest) findings.add(at(path), 'bag-checksum', `${alg} does not match ${name}`);
      }
      continue;
    }
    for (const [path, digest] of lines) {
      const f = payload.get(path);
      if (!f) findings.add(at(name), 'bag-missing', `lists ${path}, which is not in the bag`);
      else if (f[alg] === undefined) findings.note(`${at(path)}: ${alg} not checked (the bag was recognised after this file)`);
      else if (f[alg] !== digest) findings.add(at(path), 'bag-checksum', `${alg} does not match ${name}`);
    }
    for (const path of payload.keys()) if (!lines.has(path)) findings.add(at(path), 'bag-unlisted', `not listed in ${name}`);
  }

  const info = bag.texts.get('bag-info.txt');
  const oxum = info ? /^Payload-Oxum:\s*([0-9]+)\.([0-9]+)\s*$/m.exec(info) : null;
  if (oxum) {
    let bytes = 0;
    for (const f of payload.values()) bytes += f.size;
    if (Number(oxum[1]) !== bytes || Number(oxum[2]) !== payload.size) {
      findings.add(at('bag-info.txt'), 'bag-oxum', `Payload-Oxum ${oxum[1]}.${oxum[2]}, the payload is ${bytes}.${payload.size}`);
    }
  } else if (info !== undefined) findings.note(`${at('bag-info.txt')}: no Payload-Oxum to check`);
}

export function checkVolume(v: CollectedVolume, index: ObjectIndex, ctx: CheckContext, pakbon: { pakbon: Pakbon; path: string } | undefined, findings: Findings): void {
  checkFilesAndSidecars(v, ctx, findings);
  checkReferences(v, index, ctx, findings);
  if (pakbon) checkPakbon(v, pakbon.pakbon, pakbon.path, findings);
  checkBag(v, findings);
}

