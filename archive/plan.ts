// A package plan: what goes into one transfer, as a tree of informatieobjecten with their files.
// The store turns captured data into a plan; the packager turns a plan into containers. Nothing here
// touches a database: file bytes come from each file's `open()`.
import type { Readable } from 'node:stream';
import type { Organisation } from '../src/domain/types.js';
import { AGGREGATIENIVEAUS, PUID_PATTERN, type Aggregatieniveau } from '../formats/mdto/begrippen.js';
import type { InformatieobjectContent, InternalRelation } from '../formats/mdto/types.js';
import { UserError } from '../src/domain/errors.js';

/** One file of an informatieobject, with what the store recorded about it at capture. */
export interface PlanFile {
  /** Preferred file name; the packager makes it safe and unique. */
  name: string;
  size: number;
  /** Lower-case hex SHA-256 recorded at capture; the bytes are checked against it while packaging. */
  sha256: string;
  /** PRONOM PUID, e.g. `fmt/817`. */
  puid: string;
  /** PRONOM format name, e.g. `JSON Data Interchange Format`. */
  formatName: string;
  /**
   * `representatie` (default): a form of the object itself (payload, rendering, media).
   * `metagegevens`: extra metadata about the object (the normalised JSON), linked as aanvullendeMetagegevens.
   */
  role?: 'representatie' | 'metagegevens' | undefined;
  /** When the checksum was computed (ISO date-time); defaults to the package's creation time. */
  checksumAt?: string | undefined;
  /** Where the file lives online, if anywhere (MDTO URLBestand). */
  url?: string | undefined;
  /** A fresh stream of the file's bytes; called once per container written. */
  open(): Promise<Readable>;
  /**
   * The same bytes as a file on local disk, when the store keeps them there: the packager then reads
   * it straight into its own buffers, which is much faster for large files than a stream from `open()`.
   */
  path?: string | undefined;
}

/** One informatieobject and everything below it. */
export interface PlanObject {
  /**
   * Stable key, unique in the plan, e.g. `voorbeeldstad-mastodon/status/110123`. It is the object's
   * identificatieKenmerk in our own identification source, so keep it the same across transfers.
   */
  key: string;
  /** Preferred folder name; defaults to the last segment of the key. */
  name?: string | undefined;
  /** Everything MDTO says about the object except its links, which follow from the tree. */
  content: InformatieobjectContent;
  /** Relations to other objects of this plan, by key (see LazyChildren for which ones are in reach). */
  relations?: InternalRelation[] | undefined;
  files?: PlanFile[] | undefined;
  /** Children held in the plan; written in folder-name order. */
  children?: PlanObject[] | undefined;
  /** Children read while the package is built (an account's threads, a thread's posts); written after `children`. */
  lazyChildren?: LazyChildren | undefined;
}

/**
 * Children too many to hold in memory at once, read group by group while the package is built. The
 * builder reads them once per pass over the plan (it makes two: one to plan the volumes, one to
 * write), so `groups()` must give the same groups, in the same order, every time. Groups are written
 * in the order given, and the objects of a group in the order given.
 *
 * A relation of an object reaches the objects held in the plan (not below any LazyChildren), the
 * objects of its own group and everything below them, and the groups of its ancestors that are being
 * read; keep an original and its public copy in one group.
 */
export interface LazyChildren {
  groups(): AsyncIterable<PlanObject[]>;
}

export interface PackagePlan {
  /** Transfer id, also the base of every file name written: `[A-Za-z0-9][A-Za-z0-9._-]{0,80}`. */
  id: string;
  title: string;
  organisation: Organisation;
  /** Creation time of the package (ISO date-time). Same plan + same time gives identical bytes. */
  created: string;
  /**
   * identificatieBron of the plan keys: the system that issued them. Defaults to
   * `socialarchive <organisation name>`. References with this bron must resolve inside the package.
   */
  identificatieBron?: string | undefined;
  /** Remarks for the receiving archive, printed on every pakbon (unusual formats and the like). */
  remarks?: string[] | undefined;
  roots: PlanObject[];
}

export const defaultIdentificatieBron = (org: Organisation): string => `socialarchive ${org.name}`;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;

const rank = (niveau: string | undefined): number => AGGREGATIENIVEAUS.indexOf(niveau as Aggregatieniveau);

/**
 * Collects every problem of a plan: unique keys and identifications, sane files, and a hierarchy that
 * never puts a higher aggregation level below a lower one. Objects are fed in pre-order; objects read
 * from LazyChildren are fed as the builder reads them. What it keeps per object is its key and
 * identifications, so that uniqueness holds over the whole package.
 */
export class PlanChecker {
  readonly problems: string[] = [];
  private readonly keys = new Set<string>();
  private readonly ids = new Map<string, string>();

  constructor(plan: PackagePlan) {
    if (!ID_PATTERN.test(plan.id)) this.problems.push(`package id ${JSON.stringify(plan.id)} must match ${ID_PATTERN.source}`);
    if (Number.isNaN(Date.parse(plan.created))) this.problems.push(`created ${JSON.stringify(plan.created)} is not a date-time`);
    if (plan.roots.length === 0) this.problems.push('the plan has no objects');
  }

  /** Checks one object; `parentLevel` is the aggregation level above it (-1 at the top). Returns the level for its children. */
  object(o: PlanObject, parentLevel: number): number {
    const problems = this.problems;
    if (o.key.trim() === '') problems.push('an object has an empty key');
    if (this.keys.has(o.key)) problems.push(`key ${o.key} occurs more than once`);
    this.keys.add(o.key);
    for (const id of o.content.identificatie) {
      const k = `${id.bron}\u0000${id.kenmerk}`;
      const other = this.ids.get(k);
      if (other !== undefined && other !== o.key) problems.push(`${o.key}: identificatie ${id.kenmerk} (${id.bron}) is also used by ${other}`);
      this.ids.set(k, o.key);
    }
    const level = rank(o.content.aggregatieniveau?.label);
    if (level >= 0 && parentLevel >= 0 && level < parentLevel) {
      problems.push(`${o.key}: a ${o.content.aggregatieniveau?.label} cannot sit below a ${AGGREGATIENIVEAUS[parentLevel]}`);
    }
    for (const f of o.files ?? []) {
      const where = `${o.key}: file ${f.name}`;
      if (!Number.isSafeInteger(f.size) || f.size < 0) problems.push(`${where}: size ${f.size} is not a byte count`);
      if (!SHA256_PATTERN.test(f.sha256)) problems.push(`${where}: sha256 must be 64 lower-case hex digits`);
      if (!PUID_PATTERN.test(f.puid)) problems.push(`${where}: ${JSON.stringify(f.puid)} is not a PRONOM PUID`);
    }
    return level >= 0 ? level : parentLevel;
  }

  unresolved(from: string, key: string): void {
    this.problems.push(`${from}: relation to ${key}, which is not in the plan (or not within reach of a relation)`);
  }

  /** Throws one UserError listing every problem, if there is any. */
  throwIfAny(): void {
    if (this.problems.length > 0) {
      throw new UserError('PACKAGE_PLAN', `the package plan is not usable (${this.problems.length} problem(s))`, this.problems);
    }
  }
}

/**
 * Checks the objects a plan holds (not those of LazyChildren, which the builder checks as it reads
 * them) before anything is written. Throws one UserError listing every problem.
 */
export function checkPlan(plan: PackagePlan): void {
  const checker = new PlanChecker(plan);
  const keys = new Set<string>();
  const relationTargets: { from: string; key: string }[] = [];
  const walk = (o: PlanObject, parentLevel: number): void => {
    keys.add(o.key);
    const level = checker.object(o, parentLevel);
    for (const r of o.relations ?? []) relationTargets.push({ from: o.key, key: r.key });
    for (const c of o.children ?? []) walk(c, level);
  };
  for (const r of plan.roots) walk(r, -1);
  for (const r of relationTargets) if (!keys.has(r.key)) checker.unresolved(r.from, r.key);
  checker.throwIfAny();
}
