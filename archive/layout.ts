// Where everything goes in the SIP, and what each sidecar says. Pure: plan objects in, laid-out objects
// and sidecar XML out. Every informatieobject is a folder holding `<folder>.MDTO.xml`, its files (each
// with `<file>.bestand.MDTO.xml` beside it) and the folders of its children (MDTO SIP sidecar style).
// The part of the plan it holds is laid out at once; LazyChildren are laid out group by group as they
// are read (archive/walk.ts).
import { bestandXml, informatieobjectXml } from '../formats/mdto/build.js';
import { SHA256, pronomFormat } from '../formats/mdto/begrippen.js';
import type { Identificatie, InformatieobjectSpec, Verwijzing } from '../formats/mdto/types.js';
import { utcDateTime } from '../formats/mdto/values.js';
import { FILE_SIDECAR_SUFFIX, NameRegistry, OBJECT_SIDECAR_SUFFIX } from './names.js';
import type { LazyChildren, PackagePlan, PlanFile, PlanObject } from './plan.js';
import { shouldDeflate } from './container/format.js';

export interface LaidFile {
  plan: PlanFile;
  /** Safe, unique file name. */
  name: string;
  /** Path inside the SIP, `/`-separated. */
  path: string;
  id: Identificatie;
  deflate: boolean;
  owner: LaidObject;
}

export interface LaidObject {
  plan: PlanObject;
  /** Safe, unique folder name. */
  folder: string;
  /** Folder path inside the SIP. */
  path: string;
  id: Identificatie;
  parent: LaidObject | undefined;
  /** Sorted by name. */
  files: LaidFile[];
  /** The plan's own children, sorted by folder name. */
  children: LaidObject[];
  /** Children to read group by group, after `children`. */
  lazy: LazyChildren | undefined;
}

/** The collection in the receiving archive that top-level objects belong to. */
export interface TargetCollection {
  id: string;
  name: string;
  source: string;
}

export interface LayoutContext {
  plan: PackagePlan;
  /** identificatieBron of the plan's keys. */
  bron: string;
  target: TargetCollection;
  /** Creation time as xsd:dateTime. */
  created: string;
}

export type Entry =
  | { kind: 'object-sidecar'; path: string; object: LaidObject }
  | { kind: 'file'; path: string; file: LaidFile }
  | { kind: 'file-sidecar'; path: string; file: LaidFile };

/** One informatieobject's own entries: its sidecar, then each file followed by the file's sidecar. */
export interface Unit {
  object: LaidObject;
  entries: Entry[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const lastSegment = (key: string): string => key.split('/').filter(Boolean).pop() ?? key;

/** Assigns a folder, files and a path to an object and its own children. Names are claimed in plan order, so the result is deterministic. */
function place(o: PlanObject, parent: LaidObject | undefined, names: NameRegistry, bron: string): LaidObject {
  const folder = names.object(o.name ?? lastSegment(o.key));
  const path = parent ? `${parent.path}/${folder}` : folder;
  const laid: LaidObject = { plan: o, folder, path, id: { kenmerk: o.key, bron }, parent, files: [], children: [], lazy: o.lazyChildren };
  laid.files = (o.files ?? [])
    .map((f): LaidFile => {
      const name = names.file(f.name);
      return { plan: f, name, path: `${path}/${name}`, id: { kenmerk: `${o.key}/${name}`, bron }, deflate: shouldDeflate(f.puid, f.size), owner: laid };
    })
    .sort((a, b) => byName(a.name, b.name));
  laid.children = (o.children ?? []).map((c) => place(c, laid, names, bron)).sort((a, b) => byName(a.folder, b.folder));
  return laid;
}

/** Lays out the part of the plan it holds (LazyChildren stay unread). */
export function layOut(plan: PackagePlan, bron: string, names: NameRegistry): LaidObject[] {
  return plan.roots.map((r) => place(r, undefined, names, bron)).sort((a, b) => byName(a.folder, b.folder));
}

/** Lays out one group of lazily read children of `parent`, in the group's order. */
export function layOutGroup(group: PlanObject[], parent: LaidObject, names: NameRegistry, bron: string): LaidObject[] {
  return group.map((o) => place(o, parent, names, bron));
}

/** Every laid-out object in pre-order (a parent before its children), without reading LazyChildren. */
export function* objects(roots: LaidObject[]): Generator<LaidObject> {
  for (const r of roots) {
    yield r;
    yield* objects(r.children);
  }
}

/** An object's own entries: its sidecar, then each file followed by the file's sidecar. */
export function unitOf(object: LaidObject): Unit {
  const entries: Entry[] = [{ kind: 'object-sidecar', path: `${object.path}/${object.folder}${OBJECT_SIDECAR_SUFFIX}`, object }];
  for (const file of object.files) {
    entries.push({ kind: 'file', path: file.path, file });
    entries.push({ kind: 'file-sidecar', path: `${file.path}${FILE_SIDECAR_SUFFIX}`, file });
  }
  return { object, entries };
}

/** Key → laid-out object, for resolving relations. */
export function indexByKey(roots: LaidObject[]): Map<string, LaidObject> {
  const map = new Map<string, LaidObject>();
  for (const o of objects(roots)) map.set(o.plan.key, o);
  return map;
}

/** Finds the object a relation points to, among those within its reach; undefined when there is none. */
export type Resolver = (key: string) => LaidObject | undefined;

export const objectRef = (o: LaidObject): Verwijzing => ({ naam: o.plan.content.naam, identificatie: o.id });
const fileRef = (f: LaidFile): Verwijzing => ({ naam: f.name, identificatie: f.id });

/** The full informatieobject: the plan's content plus identification and links from the layout. */
export function objectSpec(o: LaidObject, ctx: LayoutContext, resolve: Resolver): InformatieobjectSpec {
  const c = o.plan.content;
  const parent: Verwijzing = o.parent
    ? objectRef(o.parent)
    : { naam: ctx.target.name, identificatie: { kenmerk: ctx.target.id, bron: ctx.target.source } };
  const related = (o.plan.relations ?? []).map((r) => {
    const target = resolve(r.key);
    if (!target) throw new Error(`relation to unknown key ${r.key}`); // the plan check rules this out
    return { verwijzing: objectRef(target), relatie: r.relatie };
  });
  return {
    ...c,
    identificatie: [o.id, ...c.identificatie],
    isOnderdeelVan: [parent],
    // bevatOnderdeel is the inverse of isOnderdeelVan; the SIP needs only the parent link, and listing
    // every child would make an account's sidecar grow with the account.
    bevatOnderdeel: undefined,
    heeftRepresentatie: o.files.filter((f) => f.plan.role !== 'metagegevens').map(fileRef),
    aanvullendeMetagegevens: o.files.filter((f) => f.plan.role === 'metagegevens').map(fileRef),
    gerelateerdInformatieobject: [...(c.gerelateerdInformatieobject ?? []), ...related],
  };
}

export function objectSidecar(o: LaidObject, ctx: LayoutContext, resolve: Resolver): string {
  return informatieobjectXml(objectSpec(o, ctx, resolve));
}

export function fileSidecar(f: LaidFile, ctx: LayoutContext): string {
  return bestandXml({
    identificatie: [f.id],
    naam: f.name,
    omvang: f.plan.size,
    bestandsformaat: pronomFormat(f.plan.puid, f.plan.formatName),
    checksum: [{ algoritme: SHA256, waarde: f.plan.sha256, datum: f.plan.checksumAt ? utcDateTime(f.plan.checksumAt) : ctx.created }],
    URLBestand: f.plan.url,
    isRepresentatieVan: objectRef(f.owner),
  });
}

/** The sidecar XML of an entry, or undefined for a payload file. */
export function sidecarOf(entry: Entry, ctx: LayoutContext, resolve: Resolver): string | undefined {
  switch (entry.kind) {
    case 'object-sidecar':
      return objectSidecar(entry.object, ctx, resolve);
    case 'file-sidecar':
      return fileSidecar(entry.file, ctx);
    case 'file':
      return undefined;
  }
}
