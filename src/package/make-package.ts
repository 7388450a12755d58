// `socialarchive package`: the edge where the store, the receiving-archive profile and the disk meet.
// Checks the selection, refuses while anything in it is unreviewed (unless allowed), builds the
// package from the plan, and records it (and a refusal or failure) in the store and the audit trail.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildPackage, type BuildResult } from '../../archive/build.js';
import type { PackagePlan } from '../../archive/plan.js';
import { loadArchiveProfile } from '../../archive/profile.js';
import { isUserError, UserError } from '../domain/errors.js';
import type { TransferRecord } from '../store/transfers-store.js';
import type { Workspace } from '../workspace.js';
import { packagePlan } from './plan.js';
import { checkReadiness, describeUnreviewed, type Readiness, type Unreviewed } from './readiness.js';
import { resolveSelection, type PackageSelection } from './selection.js';

export const PROFILE_FILE = 'archive-profile.yaml';

export interface PackageOptions {
  from: string;
  to: string;
  accounts?: string[] | undefined;
  out: string;
  /** Receiving-archive profile; default `<config>/archive-profile.yaml`. */
  profileFile?: string | undefined;
  /** The package's creation time (ISO); default now. The same store and time give the same bytes. */
  created?: string | undefined;
  allowUnreviewed?: boolean | undefined;
  actor: string;
  now?: (() => Date) | undefined;
}

export type PackageOutcome =
  | { status: 'refused'; selection: PackageSelection; unreviewed: Unreviewed[] }
  | { status: 'built'; selection: PackageSelection; transfer: TransferRecord; build: BuildResult; remarks: string[] };

function checkCreated(value: string | undefined, now: Date): string {
  if (value === undefined) return now.toISOString();
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) throw new UserError('package.bad-created', `--created "${value}" is not a date-time; write e.g. 2026-06-01T10:00:00Z`);
  return new Date(t).toISOString();
}

export async function makePackage(ws: Workspace, opts: PackageOptions): Promise<PackageOutcome> {
  const now = opts.now ?? (() => new Date());
  const recorded = await ws.store.latestRegistry();
  if (!recorded) throw new UserError('package.no-registry', 'the archive has no registry yet; run socialarchive accounts check (or run) first');
  const registry = recorded.registry;
  const selection = resolveSelection(registry, opts);
  const created = checkCreated(opts.created, now());
  const out = resolve(opts.out);
  if (existsSync(out)) throw new UserError('PACKAGE_OUT_EXISTS', `${out} already exists; choose a new folder for the package`);
  const profileFile = opts.profileFile ?? join(ws.configDir, PROFILE_FILE);
  if (!opts.profileFile && !existsSync(profileFile)) {
    throw new UserError('package.no-profile', `no receiving-archive profile at ${profileFile}; copy config/archive-profile.yaml of socialarchive there and fill it in, or give --profile`);
  }
  const profile = await loadArchiveProfile(profileFile);
  const subject = `package:${selection.id}`;
  const asked = { accounts: selection.accounts.map((a) => a.id), from: selection.from, to: selection.to, allowUnreviewed: selection.allowUnreviewed };

  // The whole package is read from one snapshot, so a run committing meanwhile cannot change what it
  // holds half-way; the outcome is recorded after the snapshot ends.
  type Read = { refused: Unreviewed[]; readiness: Readiness; plan?: never; build?: never } | { refused?: never; readiness: Readiness; plan: PackagePlan; build: BuildResult };
  let read: Read;
  try {
    read = await ws.store.snapshot(async (store): Promise<Read> => {
      const readiness = await checkReadiness(store, selection);
      const found = [...readiness.accounts.values()].reduce((n, a) => n + a.threads + a.profiles.length + a.runs.length, 0);
      if (found === 0) throw new UserError('package.empty', `nothing of ${asked.accounts.join(', ')} was published or captured from ${selection.from} to ${selection.to}; no package made`);
      if (readiness.unreviewed.length > 0 && !selection.allowUnreviewed) return { readiness, refused: await describeUnreviewed(store, readiness.unreviewed) };
      const plan = await packagePlan({ store, files: ws.files, registry }, selection, readiness, created);
      return { readiness, plan, build: await buildPackage({ plan, profile, outDir: out, log: ws.log }) };
    });
  } catch (e) {
    if (isUserError(e) && e.code === 'package.empty') throw e;
    const reason = isUserError(e) ? { code: e.code, message: e.message } : { code: 'internal', message: (e as Error).message };
    await ws.store.audit(opts.actor, 'package.failed', subject, { selection: asked, ...reason }, now().toISOString());
    throw e;
  }
  const { readiness } = read;
  if (read.refused) {
    await ws.store.audit(opts.actor, 'package.refused', subject, { selection: asked, unreviewed: readiness.unreviewed.length }, now().toISOString());
    ws.log.warn({ package: selection.id, unreviewed: readiness.unreviewed.length }, 'package refused: unreviewed items');
    return { status: 'refused', selection, unreviewed: read.refused };
  }
  const { plan, build } = read;
  const accounts = [...readiness.accounts.values()];
  const sum = (f: (v: BuildResult['volumes'][number]) => number) => build.volumes.reduce((n, v) => n + f(v), 0);
  const volumes = await Promise.all(
    build.volumes.map(async (v) => ({
      number: v.number,
      name: v.name,
      container: v.container.slice(build.dir.length + 1),
      size: v.size,
      sha256: v.sha256,
      pakbonSha256: createHash('sha256').update(await readFile(v.pakbon)).digest('hex'),
      informatieobjecten: v.counts.informatieobjecten,
      bestanden: v.counts.bestanden,
    })),
  );
  const transfer = await ws.store.transfers.recordTransfer(
    {
      packageId: selection.id,
      title: selection.title,
      created,
      selection: asked,
      receiver: profile.receiver.name,
      target: { collection: profile.target.collection, name: profile.target.name, source: profile.target.source },
      container: profile.container,
      bagit: profile.bagit,
      counts: {
        informatieobjecten: sum((v) => v.counts.informatieobjecten),
        bestanden: sum((v) => v.counts.bestanden),
        payloadFiles: sum((v) => v.counts.bestandenZonderMdto),
        payloadBytes: sum((v) => v.counts.omvangZonderMdto),
        threads: accounts.reduce((n, a) => n + a.threads, 0),
        posts: accounts.reduce((n, a) => n + a.posts, 0),
        replies: accounts.reduce((n, a) => n + a.replies, 0),
        publicCopies: accounts.reduce((n, a) => n + a.publicCopies, 0),
        unreviewed: readiness.unreviewed.filter((u) => u.what === 'item').length,
      },
      volumes,
      location: build.dir,
    },
    opts.actor,
    now().toISOString(),
  );
  return { status: 'built', selection, transfer, build, remarks: [...(plan.remarks ?? [])] };
}
