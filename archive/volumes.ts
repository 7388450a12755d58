// Splitting a package into volumes at the receiving archive's limits. An informatieobject stays in
// one volume with all its files when it fits in an empty volume; otherwise its files spill over into
// the next volumes. A file always travels with its sidecar. References that cross a volume boundary
// are listed on the pakbon, so each volume can be verified alone.
import { UserError } from '../src/domain/errors.js';
import type { Identificatie } from '../formats/mdto/types.js';
import { containerOverhead, entryBound, type ContainerFormat } from './container/format.js';
import type { Entry, LaidFile, LaidObject } from './layout.js';

export interface VolumeLimits {
  format: ContainerFormat;
  maxBytes: number;
  maxFiles: number;
  /** BagIt adds six tag files and two manifest lines per payload file. */
  bagit: boolean;
  /** Length of the longest path prefix an entry can get in a container (bag folder and `data/`). */
  prefixLength: number;
}

/** An entry with its exact stored size (sidecars are rendered once to measure them). */
export interface SizedEntry {
  entry: Entry;
  size: number;
}

export interface Volume {
  /** 1-based. */
  number: number;
  entries: SizedEntry[];
  /** Upper bound on the container's size. */
  bytesBound: number;
  /** Files in the container, sidecars and tag files included. */
  files: number;
}

export interface CrossReference {
  target: Identificatie;
  volume: number;
  /** Folder of an informatieobject, or path of a file, in the SIP. */
  path: string;
}

const BAG_TAG_FILES = 6;
const BAG_TAG_BYTES = 16 * 1024;

function entryCost(e: SizedEntry, limits: VolumeLimits): number {
  const name = `${'x'.repeat(limits.prefixLength)}${e.entry.path}`;
  const deflate = e.entry.kind === 'file' && e.entry.file.deflate;
  let cost = entryBound(limits.format, name, e.size, deflate);
  // Two manifest lines (SHA-256 and SHA-512) per payload file, with a long path.
  if (limits.bagit) cost += 64 + 128 + 2 * (Buffer.byteLength(name) + 8);
  return cost;
}

/**
 * Packs units (an object's sidecar, then each file followed by its sidecar) into volumes in order. Throws a UserError when a single file (with its sidecar)
 * cannot fit in an empty volume.
 */
export function planVolumes(sizedUnits: Iterable<SizedEntry[]>, limits: VolumeLimits): Volume[] {
  const fixedBytes = containerOverhead(limits.format) + (limits.bagit ? BAG_TAG_BYTES : 0);
  const fixedFiles = limits.bagit ? BAG_TAG_FILES : 0;
  if (limits.maxFiles - fixedFiles < 2) {
    throw new UserError('PACKAGE_LIMITS', `a volume limit of ${limits.maxFiles} files leaves no room for a file and its sidecar`);
  }
  const volumes: Volume[] = [];
  let current: Volume = { number: 1, entries: [], bytesBound: fixedBytes, files: fixedFiles };
  const fits = (v: Volume, bytes: number, files: number): boolean => v.bytesBound + bytes <= limits.maxBytes && v.files + files <= limits.maxFiles;
  const next = (): void => {
    volumes.push(current);
    current = { number: volumes.length + 1, entries: [], bytesBound: fixedBytes, files: fixedFiles };
  };
  const add = (group: SizedEntry[], bytes: number): void => {
    current.entries.push(...group);
    current.bytesBound += bytes;
    current.files += group.length;
  };
  for (const unit of sizedUnits) {
    const unitBytes = unit.reduce((n, e) => n + entryCost(e, limits), 0);
    const emptyCanHold = fixedBytes + unitBytes <= limits.maxBytes && fixedFiles + unit.length <= limits.maxFiles;
    if (emptyCanHold) {
      // Keep the object together: start a new volume rather than split it.
      if (!fits(current, unitBytes, unit.length)) next();
      add(unit, unitBytes);
      continue;
    }
    // Too big for any volume: split into the sidecar and file+sidecar pairs.
    const parts: SizedEntry[][] = [unit.slice(0, 1)];
    for (let i = 1; i < unit.length; i += 2) parts.push(unit.slice(i, i + 2));
    for (const part of parts) {
      const bytes = part.reduce((n, e) => n + entryCost(e, limits), 0);
      if (fixedBytes + bytes > limits.maxBytes) {
        const file = part[0]!.entry;
        throw new UserError(
          'PACKAGE_LIMITS',
          `${file.path} (${part[0]!.size} bytes) does not fit in a volume of at most ${limits.maxBytes} bytes; ask the receiving archive for a larger limit`,
        );
      }
      if (!fits(current, bytes, part.length)) next();
      add(part, bytes);
    }
  }
  if (current.entries.length > 0 || volumes.length === 0) volumes.push(current);
  return volumes;
}

/** Which volume each object and file ended up in. */
export function volumeIndex(volumes: Volume[]): { objects: Map<LaidObject, number>; files: Map<LaidFile, number> } {
  const objects = new Map<LaidObject, number>();
  const files = new Map<LaidFile, number>();
  for (const v of volumes) {
    for (const { entry } of v.entries) {
      if (entry.kind === 'object-sidecar') objects.set(entry.object, v.number);
      else if (entry.kind === 'file') files.set(entry.file, v.number);
    }
  }
  return { objects, files };
}

/** Objects and files that entries of `volume` refer to but that live in another volume. */
export function crossReferences(
  volume: Volume,
  index: ReturnType<typeof volumeIndex>,
  byKey: Map<string, LaidObject>,
): CrossReference[] {
  const out = new Map<string, CrossReference>();
  const note = (target: Identificatie, path: string, where: number | undefined): void => {
    if (where !== undefined && where !== volume.number) out.set(target.kenmerk, { target, volume: where, path });
  };
  for (const { entry } of volume.entries) {
    if (entry.kind === 'object-sidecar') {
      const o = entry.object;
      if (o.parent) note(o.parent.id, o.parent.path, index.objects.get(o.parent));
      for (const f of o.files) note(f.id, f.path, index.files.get(f));
      for (const r of o.plan.relations ?? []) {
        const t = byKey.get(r.key);
        if (t) note(t.id, t.path, index.objects.get(t));
      }
    } else {
      const owner = entry.file.owner;
      note(owner.id, owner.path, index.objects.get(owner));
    }
  }
  return [...out.values()].sort((a, b) => (a.target.kenmerk < b.target.kenmerk ? -1 : a.target.kenmerk > b.target.kenmerk ? 1 : 0));
}
