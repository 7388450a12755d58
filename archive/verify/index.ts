// `socialarchive verify`: re-checks a transfer package from its bytes. Accepts the package folder
// (all volumes with their pakbons), one or more containers or pakbons, an unpacked SIP folder, or an
// unpacked BagIt bag. Lists every problem with its path; the package is good only without problems.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../src/domain/errors.js';
import { bundledSchema, validateAgainst } from '../../formats/mdto/validate.js';
import type { Identificatie } from '../../formats/mdto/types.js';
import { PAKBON_SUFFIX, PAKBON_XSD_PATH, parsePakbon, type Pakbon } from '../pakbon.js';
import { checkVolume, countsOf, indexObjects, type CheckContext } from './checks.js';
import { collectVolume, type CollectedVolume } from './collect.js';
import { dirSource } from './dir-source.js';
import { Findings, type Problem } from './problems.js';
import type { PackageSource } from './source.js';
import { tarSource } from './tar-source.js';
import { zipSource } from './zip-source.js';

export type { Problem };

export interface VolumeSummary {
  label: string;
  pakbon?: string | undefined;
  volume?: { nummer: number; totaal: number } | undefined;
  informatieobjecten: number;
  bestanden: number;
  bytes: number;
}

export interface VerifyReport {
  ok: boolean;
  problems: Problem[];
  /** What was not checked, and why; notes do not make a package fail. */
  notes: string[];
  volumes: VolumeSummary[];
}

const MAX_PAKBON = 16 * 1024 * 1024;

interface VolumeInput {
  source: PackageSource | undefined;
  pakbonPath?: string | undefined;
  pakbon?: Pakbon | undefined;
}

async function sniffContainer(path: string, label: string): Promise<PackageSource> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return zipSource(path, label);
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x06054b50) return zipSource(path, label);
    if (bytesRead >= 262 && head.subarray(257, 262).toString('ascii') === 'ustar') return tarSource(path, label);
  } finally {
    await fh.close();
  }
  throw new UserError('VERIFY_INPUT', `${path}: not a zip or tar container, a pakbon, or a package folder`);
}

async function readPakbon(path: string, findings: Findings): Promise<Pakbon | undefined> {
  const st = await stat(path);
  if (st.size > MAX_PAKBON) {
    findings.add(path, 'pakbon-too-large', `larger than ${MAX_PAKBON} bytes`);
    return undefined;
  }
  const xml = await readFile(path);
  if (/<!DOCTYPE/i.test(xml.subarray(0, 4096).toString('utf8'))) {
    findings.add(path, 'pakbon-doctype', 'has a DOCTYPE; a pakbon must not declare one');
    return undefined;
  }
  const [result] = await validateAgainst(bundledSchema(PAKBON_XSD_PATH), [{ name: basename(path), contents: xml }]);
  if (!result?.valid) {
    for (const e of result?.errors ?? []) findings.add(path, 'pakbon-schema', `not a valid pakbon (docs/pakbon.xsd): ${e}`);
    return undefined;
  }
  return parsePakbon(xml.toString('utf8'));
}

async function fromPakbon(path: string, findings: Findings): Promise<VolumeInput> {
  const pakbon = await readPakbon(path, findings);
  const name = pakbon?.container.bestandsnaam ?? `${basename(path).slice(0, -PAKBON_SUFFIX.length)}`;
  const dir = dirname(path);
  let container: string | undefined;
  if (pakbon) container = join(dir, name);
  else {
    for (const ext of ['.zip', '.tar']) {
      const candidate = join(dir, `${name}${ext}`);
      if (await exists(candidate)) container = candidate;
    }
  }
  if (!container || !(await exists(container))) {
    findings.add(path, 'container-missing', `the container ${pakbon ? name : `${name}.zip or .tar`} is not beside the pakbon`);
    return { source: undefined, pakbonPath: path, pakbon };
  }
  return { source: await sniffContainer(container, basename(container)), pakbonPath: path, pakbon };
}

const exists = (p: string): Promise<boolean> => stat(p).then(
  () => true,
  () => false,
);

async function classify(path: string, findings: Findings): Promise<VolumeInput[]> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new UserError('VERIFY_INPUT', `${path}: no such file or folder`);
  if (st.isDirectory()) {
    const names = await readdir(path);
    if (names.includes('bagit.txt')) return [{ source: dirSource(path, path) }];
    const pakbons = names.filter((n) => n.endsWith(PAKBON_SUFFIX)).sort();
    if (pakbons.length > 0) return Promise.all(pakbons.map((n) => fromPakbon(join(path, n), findings)));
    return [{ source: dirSource(path, path) }];
  }
  if (path.endsWith(PAKBON_SUFFIX)) return [await fromPakbon(path, findings)];
  const source = await sniffContainer(path, basename(path));
  const pakbonPath = `${path.replace(/\.(zip|tar)$/i, '')}${PAKBON_SUFFIX}`;
  if (!(await exists(pakbonPath))) {
    findings.add(path, 'pakbon-missing', `no pakbon ${basename(pakbonPath)} beside the container`);
    return [{ source }];
  }
  return [{ source, pakbonPath, pakbon: await readPakbon(pakbonPath, findings) }];
}

const idKey = (id: Identificatie): string => `${id.bron}\u0000${id.kenmerk}`;

/** The identificatieBron of the package's own ids, without a pakbon: that of every object's first identificatie. */
function inferBronnen(v: CollectedVolume): Set<string> {
  const out = new Set<string>();
  for (const s of v.sidecars.values()) if (s.facts?.ids[0]) out.add(s.facts.ids[0].bron);
  return out;
}

export async function verifyPackage(paths: string[]): Promise<VerifyReport> {
  if (paths.length === 0) throw new UserError('VERIFY_INPUT', 'name a package: a folder, zip, tar, pakbon or bag');
  const findings = new Findings();
  const inputs: VolumeInput[] = [];
  for (const p of paths) inputs.push(...(await classify(p, findings)));

  const collected: { input: VolumeInput; volume: CollectedVolume }[] = [];
  for (const input of inputs) {
    if (!input.source) continue;
    collected.push({ input, volume: await collectVolume(input.source, findings) });
  }

  // Volumes of one transfer are checked together when all of them are here.
  const groups = new Map<string, typeof collected>();
  for (const c of collected) {
    const key = c.input.pakbon ? `aanlevering:${c.input.pakbon.aanlevering}` : `single:${c.volume.label}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    const pakbons = group.map((g) => g.input.pakbon).filter((p): p is Pakbon => p !== undefined);
    const total = pakbons[0]?.volume.totaal ?? 1;
    const numbers = new Set(pakbons.map((p) => p.volume.nummer));
    for (const p of pakbons) {
      if (p.volume.totaal !== total) findings.add(p.identificatie, 'volume-total', `says ${p.volume.totaal} volumes, another volume says ${total}`);
      if (p.volume.nummer > p.volume.totaal) findings.add(p.identificatie, 'volume-number', `volume ${p.volume.nummer} of ${p.volume.totaal}`);
    }
    if (numbers.size !== pakbons.length) findings.add(group[0]!.volume.label, 'volume-duplicate', 'the same volume number appears twice');
    const wholeSet = pakbons.length === group.length && numbers.size === total && [...numbers].every((n) => n >= 1 && n <= total);
    if (!wholeSet && total > 1) {
      findings.note(`${pakbons[0]?.aanlevering}: ${group.length} of ${total} volumes checked, each on its own; references to other volumes were taken from the pakbon`);
    }
    const batches = wholeSet ? [group] : group.map((g) => [g]);
    for (const batch of batches) {
      const index = indexObjects(batch.map((b) => b.volume), findings);
      const setSidecars = new Set(batch.flatMap((b) => [...b.volume.sidecars.keys()]));
      const byNumber = new Map(batch.filter((b) => b.input.pakbon).map((b) => [b.input.pakbon!.volume.nummer, b.volume]));
      for (const { input, volume } of batch) {
        const p = input.pakbon;
        const elsewhere = new Map<string, number>();
        const elsewhereFolders = new Set<string>();
        for (const r of p?.verwijzingenNaarAndereVolumes ?? []) {
          elsewhere.set(idKey(r.target), r.volume);
          const parts = r.path.split('/');
          for (let i = 1; i <= parts.length; i++) elsewhereFolders.add(parts.slice(0, i).join('/'));
          if (wholeSet) {
            const found = index.get(idKey(r.target));
            if (!found || found.volume !== byNumber.get(r.volume)) {
              findings.add(input.pakbonPath!, 'volume-reference', `lists ${r.target.kenmerk} in volume ${r.volume}, but it is not there`);
            }
          }
        }
        const ctx: CheckContext = {
          internalBronnen: p ? new Set([p.identificatieBron]) : inferBronnen(volume),
          target: p ? { kenmerk: p.doelcollectie.identificatie, bron: p.doelcollectie.bron } : undefined,
          elsewhere,
          wholeSet,
          setSidecars,
          elsewhereFolders,
        };
        checkVolume(volume, index, ctx, p && input.pakbonPath ? { pakbon: p, path: input.pakbonPath } : undefined, findings);
      }
    }
  }

  const volumes: VolumeSummary[] = collected.map(({ input, volume }) => {
    const counts = countsOf(volume);
    return {
      label: volume.label,
      pakbon: input.pakbonPath,
      volume: input.pakbon?.volume,
      informatieobjecten: counts.informatieobjecten,
      bestanden: counts.bestanden,
      bytes: counts.omvangZonderMdto,
    };
  });
  return { ok: findings.problems.length === 0, problems: findings.problems, notes: findings.notes, volumes };
}
