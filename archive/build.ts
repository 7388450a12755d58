// Builds a transfer package from a plan in two passes over it. The first lays out the SIP, checks the
// plan, renders every sidecar to measure it (and has it checked against the MDTO schema on the
// validator's thread) and plans the volumes at the receiving archive's limits; the second writes each
// container (zip or tar, optionally a BagIt bag) with its pakbon. Lazily read parts of the plan are
// read once per pass, so memory holds the groups being read, not the package. Files stream from the
// store through a SHA-256 check into the container; nothing of a file is held in memory. Everything is
// written in a temporary folder that is renamed into place only when all volumes are complete, so a
// failure leaves nothing behind.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { UserError } from '../src/domain/errors.js';
import { silentLog, type Logger } from '../src/log.js';
import { SOFTWARE } from '../src/version.js';
import { validateMdto } from '../formats/mdto/validate.js';
import { utcDate, utcDateTime } from '../formats/mdto/values.js';
import { BAGIT_TXT, bagInfoTxt, manifestLine, MANIFEST_ALGORITHMS, type BagAlgorithm } from './bagit.js';
import { addPlanFile } from './container/file-entry.js';
import { ThreadedHash } from './container/threaded-hash.js';
import { DEFLATE_MIN_BYTES, containerExtension } from './container/format.js';
import { openContainer, type ContainerWriter } from './container/writer.js';
import { sidecarOf, type Entry, type LayoutContext, type Resolver } from './layout.js';
import { PAKBON_SUFFIX, pakbonXml, type PakbonCounts } from './pakbon.js';
import { PlanChecker, defaultIdentificatieBron, type PackagePlan } from './plan.js';
import type { ArchiveProfile } from './profile.js';
import { VolumePacker, sortedCrossReferences, type SizedEntry, type Volume, type VolumeLimits } from './volumes.js';
import { walk } from './walk.js';

export interface BuildOptions {
  plan: PackagePlan;
  profile: ArchiveProfile;
  /** Folder to create for the package; must not exist yet. */
  outDir: string;
  log?: Logger | undefined;
}

export interface BuiltVolume {
  number: number;
  name: string;
  /** Absolute paths. */
  container: string;
  pakbon: string;
  size: number;
  sha256: string;
  counts: PakbonCounts;
}

export interface BuildResult {
  dir: string;
  volumes: BuiltVolume[];
}


const volumeName = (id: string, n: number, total: number): string => {
  if (total === 1) return id;
  const width = Math.max(3, String(total).length);
  return `${id}-vol${String(n).padStart(width, '0')}-of-${String(total).padStart(width, '0')}`;
};

/** A sidecar that failed the schema, as a message for people. */
type SchemaProblem = string;

function render(entry: Entry, ctx: LayoutContext, resolve: Resolver): string | undefined {
  try {
    return sidecarOf(entry, ctx, resolve);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.code, `${entry.path}: ${e.message}`);
    throw e;
  }
}

/** What an entry contributes to its volume's digest: the same plan gives the same digests on both passes. */
function digestEntry(digest: Hash, entry: Entry, size: number, xml: string | undefined): void {
  digest.update(`${entry.kind}\u0000${entry.path}\u0000${size}\u0000${entry.kind === 'file' ? entry.file.plan.sha256 : ''}\u0000`);
  if (xml !== undefined) digest.update(xml);
}

interface PackageLayout {
  volumes: Volume[];
  /** Per volume, the digest of its entries, to see on the second pass that the plan gave the same. */
  digests: string[];
  /** Every sidecar that failed the schema; settles after the containers are written. */
  schemaProblems: Promise<SchemaProblem[]>;
}

/**
 * The first pass: checks the plan, renders every sidecar once to measure it, and packs the volumes.
 * The renderings are also checked against the MDTO schema, on the validator's own thread while the
 * containers are written; `schemaProblems` gives every sidecar that failed.
 */
async function planLayout(plan: PackagePlan, ctx: LayoutContext, limits: VolumeLimits): Promise<PackageLayout> {
  const checker = new PlanChecker(plan);
  const packer = new VolumePacker(limits);
  const digests: Hash[] = [];
  const problems: SchemaProblem[] = [];
  let batch: { path: string; xml: string }[] = [];
  let validating: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    const docs = batch;
    batch = [];
    // One batch validates while the next is rendered; never more than one waits.
    const previous = validating;
    validating = previous.then(async () => {
      const results = await validateMdto(docs.map((b) => ({ name: b.path, contents: b.xml })));
      for (const r of results) if (!r.valid) problems.push(`${r.name}: ${r.errors.join('; ')}`);
    });
    await previous;
  };
  for await (const unit of walk(plan, ctx.bron, checker)) {
    // Once the plan has a problem, the rest is only checked, to list every problem at once.
    if (checker.problems.length > 0) continue;
    const sized: SizedEntry[] = [];
    const xmls: (string | undefined)[] = [];
    for (const entry of unit.entries) {
      const xml = render(entry, ctx, unit.resolve);
      xmls.push(xml);
      if (xml === undefined) {
        if (entry.kind === 'file') sized.push({ entry, size: entry.file.plan.size });
        continue;
      }
      sized.push({ entry, size: Buffer.byteLength(xml, 'utf8') });
      batch.push({ path: entry.path, xml });
    }
    const where = packer.add(sized, unit.resolve);
    sized.forEach(({ entry, size }, i) => digestEntry((digests[where[i]! - 1] ??= createHash('sha256')), entry, size, xmls[i]));
    if (batch.length >= 1000) await flush();
  }
  checker.throwIfAny();
  if (batch.length > 0) await flush();
  const schemaProblems = validating.then(() => problems);
  schemaProblems.catch(() => undefined);
  const volumes = packer.finish();
  return { volumes, digests: volumes.map((v) => (digests[v.number - 1] ?? createHash('sha256')).digest('hex')), schemaProblems };
}

function refuseInvalid(problems: SchemaProblem[]): void {
  if (problems.length > 0) {
    throw new UserError('PACKAGE_INVALID_SIDECAR', `${problems.length} sidecar(s) do not validate against the MDTO schema; nothing was written`, problems.slice(0, 50));
  }
}

/** Appends lines to a manifest file in the temporary folder, hashing nothing: it is hashed when packed. */
class ManifestFile {
  readonly stream: WriteStream;
  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'wx' });
  }
  async write(line: string): Promise<void> {
    if (!this.stream.write(line)) await new Promise<void>((r) => this.stream.once('drain', r));
  }
  async close(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
  }
}

/** Streams a file from disk into the container while hashing it (for the tag manifests). */
async function addHashedFile(writer: ContainerWriter, name: string, path: string): Promise<Record<BagAlgorithm, string>> {
  const size = (await stat(path)).size;
  const hashes = { sha256: createHash('sha256'), sha512: createHash('sha512') };
  const tee = new Transform({
    transform(chunk: Buffer, _e, done) {
      hashes.sha256.update(chunk);
      hashes.sha512.update(chunk);
      done(null, chunk);
    },
  });
  const source = createReadStream(path);
  source.on('error', (e) => tee.destroy(e));
  await writer.addStream(name, source.pipe(tee), size, size >= DEFLATE_MIN_BYTES);
  return { sha256: hashes.sha256.digest('hex'), sha512: hashes.sha512.digest('hex') };
}

const digestsOf = (data: Buffer): Record<BagAlgorithm, string> => ({
  sha256: createHash('sha256').update(data).digest('hex'),
  sha512: createHash('sha512').update(data).digest('hex'),
});

/** The second pass's entries, one after another, each with the resolver of its object's relations. */
type EntrySource = AsyncIterator<{ entry: Entry; resolve: Resolver }>;

async function* entriesOf(plan: PackagePlan, bron: string): AsyncGenerator<{ entry: Entry; resolve: Resolver }> {
  for await (const unit of walk(plan, bron)) for (const entry of unit.entries) yield { entry, resolve: unit.resolve };
}

const storeChanged = (what: string): UserError =>
  new UserError('PACKAGE_STORE_CHANGED', `the archive changed while the package was being built (${what}); nothing was written, build it again`);

interface VolumeJob {
  volume: Volume;
  /** Digest of the volume's entries from the first pass. */
  digest: string;
  source: EntrySource;
  name: string;
  total: number;
  dir: string;
  ctx: LayoutContext;
  options: BuildOptions;
  mtime: Date;
}

async function writeVolume(job: VolumeJob): Promise<BuiltVolume> {
  const { volume, name, dir, ctx, options, mtime } = job;
  const { profile, plan } = options;
  const bag = profile.bagit;
  const prefix = bag ? `${name}/data/` : '';
  const containerName = `${name}${containerExtension(profile.container)}`;
  const containerPath = join(dir, containerName);
  const counts: PakbonCounts = { ...volume.counts, bestandenInContainer: volume.entryCount + (bag ? 6 : 0) };

  const writer = openContainer(containerPath, profile.container, mtime);
  // Files are checked (and, for a bag, hashed with SHA-512) on a worker thread, one after another.
  const fileHash = new ThreadedHash(bag ? ['sha256', 'sha512'] : ['sha256']);
  const manifests = bag ? MANIFEST_ALGORITHMS.map((a) => new ManifestFile(join(dir, `.${name}.manifest-${a}.txt`))) : [];
  const digest = createHash('sha256');
  try {
    const tags: [string, Record<BagAlgorithm, string>][] = [];
    if (bag) {
      const info = Buffer.from(
        bagInfoTxt({
          sourceOrganization: plan.organisation.name,
          contactName: profile.contact.name,
          contactEmail: profile.contact.email,
          externalDescription: plan.title,
          externalIdentifier: name,
          baggingDate: utcDate(plan.created),
          payloadBytes: volume.payloadBytes,
          payloadFiles: volume.entryCount,
          group: job.total > 1 ? { identifier: plan.id, number: volume.number, total: job.total } : undefined,
        }),
      );
      const bagit = Buffer.from(BAGIT_TXT);
      await writer.addBuffer(`${name}/bagit.txt`, bagit, false);
      await writer.addBuffer(`${name}/bag-info.txt`, info, false);
      tags.push(['bagit.txt', digestsOf(bagit)], ['bag-info.txt', digestsOf(info)]);
    }
    // File digests arrive from the worker after the file is in the container; the checks (and the
    // BagIt manifest lines, in entry order) wait for them without holding up the next file.
    let mismatch: Error | undefined;
    let manifestLines: Promise<void> = Promise.resolve();
    for (let i = 0; i < volume.entryCount; i++) {
      if (mismatch) throw mismatch;
      const next = await job.source.next();
      if (next.done) throw storeChanged(`volume ${volume.number} has fewer entries than planned`);
      const { entry, resolve } = next.value;
      const target = `${prefix}${entry.path}`;
      let digests: Promise<{ sha256: string; sha512?: string | undefined }>;
      if (entry.kind === 'file') {
        const f = entry.file.plan;
        digestEntry(digest, entry, f.size, undefined);
        digests = (await addPlanFile(writer, target, entry.path, f, entry.file.deflate, fileHash)).digests;
        digests.catch((e: Error) => {
          mismatch ??= e;
        });
      } else {
        const text = render(entry, ctx, resolve)!;
        const xml = Buffer.from(text, 'utf8');
        digestEntry(digest, entry, xml.length, text);
        await writer.addBuffer(target, xml, false);
        digests = Promise.resolve(bag ? digestsOf(xml) : { sha256: '' });
      }
      manifestLines = manifestLines.then(async () => {
        const d = await digests;
        if (!bag) return;
        await manifests[0]!.write(manifestLine(d.sha256, `data/${entry.path}`));
        await manifests[1]!.write(manifestLine(d.sha512!, `data/${entry.path}`));
      });
      manifestLines.catch(() => undefined);
    }
    await manifestLines;
    if (digest.digest('hex') !== job.digest) throw storeChanged(`volume ${volume.number} differs from its plan`);
    if (bag) {
      for (const [i, a] of MANIFEST_ALGORITHMS.entries()) {
        await manifests[i]!.close();
        tags.push([`manifest-${a}.txt`, await addHashedFile(writer, `${name}/manifest-${a}.txt`, manifests[i]!.path)]);
      }
      for (const a of MANIFEST_ALGORITHMS) {
        const text = tags.map(([file, d]) => manifestLine(d[a], file)).join('');
        await writer.addBuffer(`${name}/tagmanifest-${a}.txt`, Buffer.from(text), false);
      }
      await Promise.all(manifests.map((m) => rm(m.path, { force: true })));
    }
    const written = await writer.finish();
    const pakbonPath = join(dir, `${name}${PAKBON_SUFFIX}`);
    await writeFile(
      pakbonPath,
      pakbonXml({
        identificatie: name,
        aanlevering: plan.id,
        titel: plan.title,
        volume: { nummer: volume.number, totaal: job.total },
        doelcollectie: { identificatie: profile.target.collection, naam: profile.target.name, bron: profile.target.source },
        ontvanger: profile.receiver.name,
        aangemaakt: ctx.created,
        organisatie: { naam: plan.organisation.name, identificatie: plan.organisation.id },
        contactpersoon: { naam: profile.contact.name, email: profile.contact.email },
        identificatieBron: ctx.bron,
        container: { bestandsnaam: containerName, formaat: profile.container, bagit: bag, omvang: written.size, sha256: written.sha256 },
        aantallen: counts,
        verwijzingenNaarAndereVolumes: sortedCrossReferences(volume),
        bijzonderheden: plan.remarks ?? [],
        software: SOFTWARE,
      }),
      { flag: 'wx' },
    );
    return { number: volume.number, name, container: containerPath, pakbon: pakbonPath, size: written.size, sha256: written.sha256, counts };
  } catch (e) {
    await writer.abort();
    for (const m of manifests) m.stream.destroy();
    throw e;
  } finally {
    await fileHash.close();
  }
}

/** Builds the package described by `options.plan` into `options.outDir`. */
export async function buildPackage(options: BuildOptions): Promise<BuildResult> {
  const { plan, profile } = options;
  const log = options.log ?? silentLog;
  // The package's own fields first: the layout needs a valid creation time.
  new PlanChecker(plan).throwIfAny();
  const outDir = resolve(options.outDir);
  const exists = await stat(outDir).then(
    () => true,
    () => false,
  );
  if (exists) throw new UserError('PACKAGE_OUT_EXISTS', `${outDir} already exists; choose a new folder for the package`);

  const bron = plan.identificatieBron ?? defaultIdentificatieBron(plan.organisation);
  const ctx: LayoutContext = {
    plan,
    bron,
    target: { id: profile.target.collection, name: profile.target.name, source: profile.target.source },
    created: utcDateTime(plan.created),
  };
  const layout = await planLayout(plan, ctx, {
    format: profile.container,
    maxBytes: profile.volume.maxBytes,
    maxFiles: profile.volume.maxFiles,
    bagit: profile.bagit,
    prefixLength: profile.bagit ? plan.id.length + 32 : 0,
  });
  const { volumes, schemaProblems } = layout;
  let schemaChecked = false;
  void schemaProblems.then(() => {
    schemaChecked = true;
  });
  log.info({ package: plan.id, volumes: volumes.length }, 'package planned');

  await mkdir(dirname(outDir), { recursive: true });
  const tmp = join(dirname(outDir), `.${basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  await mkdir(tmp);
  const mtime = new Date(ctx.created);
  const source = entriesOf(plan, bron);
  try {
    const built: BuiltVolume[] = [];
    for (const volume of volumes) {
      const name = volumeName(plan.id, volume.number, volumes.length);
      // Stop early once the schema check has found a problem.
      if (schemaChecked) refuseInvalid(await schemaProblems);
      const digest = layout.digests[volume.number - 1]!;
      built.push(await writeVolume({ volume, digest, source, name, total: volumes.length, dir: tmp, ctx, options, mtime }));
      log.info({ package: plan.id, volume: name }, 'volume written');
    }
    if (!(await source.next()).done) throw storeChanged('there are more entries than planned');
    refuseInvalid(await schemaProblems);
    await rename(tmp, outDir);
    return {
      dir: outDir,
      volumes: built.map((v) => ({ ...v, container: join(outDir, basename(v.container)), pakbon: join(outDir, basename(v.pakbon)) })),
    };
  } catch (e) {
    await source.return(undefined);
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
