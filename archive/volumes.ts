// Splitting a package into volumes at the receiving archive's limits. An informatieobject stays in
// one volume with all its files when it fits in an empty volume; otherwise its files spill over into
// the next volumes. A file always travels with its sidecar. References that cross a volume boundary
// are listed on the pakbon, so each volume can be verified alone. Volumes are planned as the plan is
// walked, so memory holds a summary per volume, not the package.
import { UserError } from '../src/domain/errors.js';
import type { Identificatie } from '../formats/mdto/types.js';
import { containerOverhead, entryBound, type ContainerFormat } from './container/format.js';
import type { Entry, LaidObject, Resolver } from './layout.js';

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

/** What one volume holds, as planned before anything is written. */
export interface Volume {
  /** 1-based. */
  number: number;
  /** How many entries, in walk order from where the previous volume ended. */
  entryCount: number;
  /** Upper bound on the container's size. */
  bytesBound: number;
  /** Files in the container, sidecars and tag files included. */
  files: number;
  /** Sum of the entries' sizes (BagIt Payload-Oxum). */
  payloadBytes: number;
  counts: { informatieobjecten: number; bestanden: number; bestandenZonderMdto: number; omvangZonderMdto: number };
  /** Objects and files that entries of this volume refer to but that live in another volume. */
  crossReferences: Map<string, CrossReference>;
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
 * Packs units (an object's sidecar, then each file followed by its sidecar) into volumes in walk
 * order, one unit at a time, keeping only the volume being filled and a summary of each one before
 * it. An object stays in one volume with all its files when it fits in an empty volume; otherwise it
 * is split into its sidecar and file+sidecar pairs.
 */
export class VolumePacker {
  private readonly volumes: Volume[] = [];
  private current: Volume;
  private readonly fixedBytes: number;
  private readonly fixedFiles: number;
  /** Volume of every object whose sidecar is placed, while objects that refer to it may still come. */
  private readonly placed = new WeakMap<LaidObject, number>();
  /** Relations to objects not placed yet: target → volumes that refer to it. */
  private readonly pending = new Map<LaidObject, Set<number>>();

  constructor(private readonly limits: VolumeLimits) {
    this.fixedBytes = containerOverhead(limits.format) + (limits.bagit ? BAG_TAG_BYTES : 0);
    this.fixedFiles = limits.bagit ? BAG_TAG_FILES : 0;
    if (limits.maxFiles - this.fixedFiles < 2) {
      throw new UserError('PACKAGE_LIMITS', `a volume limit of ${limits.maxFiles} files leaves no room for a file and its sidecar`);
    }
    this.current = this.empty(1);
  }

  private empty(number: number): Volume {
    return {
      number,
      entryCount: 0,
      bytesBound: this.fixedBytes,
      files: this.fixedFiles,
      payloadBytes: 0,
      counts: { informatieobjecten: 0, bestanden: 0, bestandenZonderMdto: 0, omvangZonderMdto: 0 },
      crossReferences: new Map(),
    };
  }

  private fits(bytes: number, files: number): boolean {
    return this.current.bytesBound + bytes <= this.limits.maxBytes && this.current.files + files <= this.limits.maxFiles;
  }

  private next(): void {
    this.volumes.push(this.current);
    this.current = this.empty(this.volumes.length + 1);
  }

  private put(group: SizedEntry[], bytes: number, where: number[]): void {
    const v = this.current;
    for (const { entry, size } of group) {
      where.push(v.number);
      v.entryCount++;
      v.payloadBytes += size;
      if (entry.kind === 'object-sidecar') v.counts.informatieobjecten++;
      else if (entry.kind === 'file-sidecar') v.counts.bestanden++;
      else {
        v.counts.bestandenZonderMdto++;
        v.counts.omvangZonderMdto += size;
      }
    }
    v.bytesBound += bytes;
    v.files += group.length;
  }

  /**
   * Places one object's unit and notes its references across volumes; returns the volume of each
   * entry. Throws a UserError when a single file (with its sidecar) cannot fit in an empty volume.
   */
  add(unit: SizedEntry[], resolve: Resolver): number[] {
    const where: number[] = [];
    const unitBytes = unit.reduce((n, e) => n + entryCost(e, this.limits), 0);
    const emptyCanHold = this.fixedBytes + unitBytes <= this.limits.maxBytes && this.fixedFiles + unit.length <= this.limits.maxFiles;
    if (emptyCanHold) {
      // Keep the object together: start a new volume rather than split it.
      if (!this.fits(unitBytes, unit.length)) this.next();
      this.put(unit, unitBytes, where);
    } else {
      // Too big for any volume: split into the sidecar and file+sidecar pairs.
      const parts: SizedEntry[][] = [unit.slice(0, 1)];
      for (let i = 1; i < unit.length; i += 2) parts.push(unit.slice(i, i + 2));
      for (const part of parts) {
        const bytes = part.reduce((n, e) => n + entryCost(e, this.limits), 0);
        if (this.fixedBytes + bytes > this.limits.maxBytes) {
          const file = part[0]!.entry;
          throw new UserError(
            'PACKAGE_LIMITS',
            `${file.path} (${part[0]!.size} bytes) does not fit in a volume of at most ${this.limits.maxBytes} bytes; ask the receiving archive for a larger limit`,
          );
        }
        if (!this.fits(bytes, part.length)) this.next();
        this.put(part, bytes, where);
      }
    }
    this.noteReferences(unit, where, resolve);
    return where;
  }

  private volume(n: number): Volume {
    return n === this.current.number ? this.current : this.volumes[n - 1]!;
  }

  private refer(from: number, target: Identificatie, path: string, at: number | undefined): void {
    if (at !== undefined && at !== from) this.volume(from).crossReferences.set(target.kenmerk, { target, volume: at, path });
  }

  private noteReferences(unit: SizedEntry[], where: number[], resolve: Resolver): void {
    const head = unit[0]!.entry;
    if (head.kind !== 'object-sidecar') return;
    const o = head.object;
    const own = where[0]!;
    this.placed.set(o, own);
    if (o.parent) this.refer(own, o.parent.id, o.parent.path, this.placed.get(o.parent));
    unit.forEach(({ entry }, i) => {
      if (entry.kind === 'file') this.refer(own, entry.file.id, entry.file.path, where[i]);
      // A file (and its sidecar) in another volume than its object refers back to it.
      if (entry.kind !== 'object-sidecar') this.refer(where[i]!, o.id, o.path, own);
    });
    for (const r of o.plan.relations ?? []) {
      const target = resolve(r.key);
      if (!target) continue;
      const at = this.placed.get(target);
      if (at !== undefined) this.refer(own, target.id, target.path, at);
      else this.pending.set(target, (this.pending.get(target) ?? new Set()).add(own));
    }
    const waiting = this.pending.get(o);
    if (waiting) {
      for (const from of waiting) this.refer(from, o.id, o.path, own);
      this.pending.delete(o);
    }
  }

  /** Every volume, in order. */
  finish(): Volume[] {
    if (this.current.entryCount > 0 || this.volumes.length === 0) this.volumes.push(this.current);
    return this.volumes;
  }
}

/** A volume's references to other volumes, in a stable order for the pakbon. */
export const sortedCrossReferences = (v: Volume): CrossReference[] =>
  [...v.crossReferences.values()].sort((a, b) => (a.target.kenmerk < b.target.kenmerk ? -1 : a.target.kenmerk > b.target.kenmerk ? 1 : 0));
