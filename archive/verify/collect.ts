// Reads one volume (container or folder) entry by entry and keeps only facts: for a payload file its
// size, digests and identified format; for a sidecar its parsed facts and schema result; for BagIt
// tag files their digests and parsed manifests. Stored bytes are hashed on worker threads (see the
// sources); what the main thread reads is streamed and dropped.
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { bufferSource, type ByteSource } from '../../formats/identify/bytes.js';
import { validateMdto } from '../../formats/mdto/validate.js';
import { decodeManifestPath } from '../bagit.js';
import { isSidecarName, nameProblems } from '../names.js';
import { identifyPuid, IDENTIFY_HEAD, IDENTIFY_TAIL } from './identify.js';
import type { Findings } from './problems.js';
import { hasDoctype, sidecarFacts, type SidecarFacts } from './sidecar-facts.js';
import type { EntryBody, EntryMeta, PackageSource } from './source.js';
import { streamOf } from './stream-util.js';

const MAX_SIDECAR = 8 * 1024 * 1024;
const MAX_TAG_TEXT = 1024 * 1024;
const MAX_MANIFEST_LINE = 64 * 1024;
/** Sidecars per schema-validation run: a small first batch starts the validator early. */
const FIRST_BATCH = 100;
const VALIDATE_BATCH = 300;

export interface PayloadFacts {
  size: number;
  sha256: string;
  sha512?: string | undefined;
  /** Identified PUID; null when the bytes were not recognised. */
  puid: string | null;
}

export interface Sidecar {
  facts: SidecarFacts | undefined;
  valid: boolean;
  size: number;
  sha256: string;
  sha512?: string | undefined;
}

export interface BagFacts {
  /** Path prefix of the bag inside the source ('' when the source is the bag), ending in `/` when not empty. */
  root: string;
  /** Tag files (relative to the bag root) with their digests. */
  tagDigests: Map<string, { sha256: string; sha512: string }>;
  texts: Map<string, string>;
  /** manifest or tagmanifest file name → path → digest. */
  manifests: Map<string, Map<string, string>>;
}

export interface CollectedVolume {
  label: string;
  /** SIP path (below the bag's data/ when bagged) → facts. */
  payload: Map<string, PayloadFacts>;
  sidecars: Map<string, Sidecar>;
  /** Every folder of the SIP that holds something. */
  folders: Set<string>;
  bag: BagFacts | undefined;
  container: { sha256: string; size: number } | undefined;
  /** Regular files in the container or folder, everything included. */
  files: number;
}

/** The bag root when the listing is a bag: `bagit.txt` at the top, or in the one top-level folder. */
export function bagRootOf(listing: string[]): string | undefined {
  if (listing.includes('bagit.txt')) return '';
  const tops = new Set(listing.map((p) => p.split('/')[0]));
  if (tops.size === 1) {
    const [top] = [...tops];
    if (listing.includes(`${top}/bagit.txt`)) return `${top}/`;
  }
  return undefined;
}

/** The whole body if it is at most `max` bytes; otherwise undefined (the body is still read to its end). */
async function readText(body: Readable, max: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let n = 0;
  // Never leave the loop early: that would destroy the stream the container reader is feeding.
  for await (const chunk of body as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n <= max) parts.push(chunk);
  }
  return n > max ? undefined : Buffer.concat(parts);
}

/** Parses manifest lines `<digest> <path>` as they stream by. */
async function readManifest(body: Readable, hashes: Hash[], where: string, findings: Findings): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 0;
  const take = (line: string): void => {
    lineNo++;
    if (line.trim() === '') return;
    const m = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(line.replace(/\r$/, ''));
    if (!m) {
      findings.add(where, 'bag-manifest-line', `line ${lineNo} is not "<checksum> <path>"`);
      return;
    }
    const path = decodeManifestPath(m[2]!.replace(/^\*/, ''));
    if (out.has(path)) findings.add(where, 'bag-manifest-duplicate', `line ${lineNo}: ${path} is listed twice`);
    out.set(path, m[1]!.toLowerCase());
  };
  for await (const chunk of body as AsyncIterable<Buffer>) {
    for (const h of hashes) h.update(chunk);
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) take(line);
    if (rest.length > MAX_MANIFEST_LINE) {
      // Keep reading (leaving early would break the container reader); the line is reported and dropped.
      findings.add(where, 'bag-manifest-line', `a line longer than ${MAX_MANIFEST_LINE} bytes`);
      rest = '';
    }
  }
  rest += decoder.end();
  if (rest !== '') take(rest);
  return out;
}

/** A byte source from the head and tail kept while streaming (for entries without random access). */
function headTailSource(head: Buffer, tail: Buffer, size: number): ByteSource {
  if (head.length >= size) return bufferSource(head);
  return {
    size,
    read(offset, length) {
      if (offset + length <= head.length) return head.subarray(offset, offset + length);
      const tailStart = size - tail.length;
      if (offset >= tailStart) return tail.subarray(offset - tailStart, offset - tailStart + length);
      return new Uint8Array(0);
    },
  };
}

export async function collectVolume(source: PackageSource, findings: Findings): Promise<CollectedVolume> {
  const label = source.label;
  const listing = await source.listing();
  const bagRoot = listing ? bagRootOf(listing) : undefined;
  const volume: CollectedVolume = {
    label,
    payload: new Map(),
    sidecars: new Map(),
    folders: new Set(),
    bag: undefined,
    container: undefined,
    files: 0,
  };
  const seen = new Map<string, string>();
  const checkedSegments = new Set<string>();
  let pending: { path: string; xml: Buffer }[] = [];
  const hashed: Promise<void>[] = [];
  if (bagRoot !== undefined) volume.bag = { root: bagRoot, tagDigests: new Map(), texts: new Map(), manifests: new Map() };

  // Validation runs on the validator's own thread while the pass goes on; at most one batch waits.
  let validating: Promise<void> = Promise.resolve();
  let batches = 0;
  const validatePending = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    batches++;
    const previous = validating;
    validating = previous.then(async () => {
      const results = await validateMdto(batch.map((b) => ({ name: b.path, contents: b.xml })));
      for (const r of results) {
        const sidecar = volume.sidecars.get(r.name);
        if (sidecar) sidecar.valid = r.valid;
        if (!r.valid) for (const err of r.errors.slice(0, 5)) findings.add(`${label}:${r.name}`, 'schema', `not valid MDTO: ${err}`);
      }
    });
    await previous;
  };

  const where = (path: string): string => `${label}:${path}`;
  const bytesOf = (meta: EntryMeta, body: EntryBody): Readable => (body.kind === 'stream' ? body.stream : streamOf(meta.randomAccess!));
  const skip = (body: EntryBody): void => {
    if (body.kind === 'stream') body.stream.resume();
  };

  const onEntry = async (meta: EntryMeta, body: EntryBody): Promise<void> => {
    let path = meta.path;
    const key = path.toLowerCase();
    if (seen.has(key)) findings.add(where(path), 'duplicate-name', `the same name (ignoring case) as ${seen.get(key)}`);
    seen.set(key, path);
    if (path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.' || s === '') || path.includes('\\')) {
      findings.add(where(path), 'unsafe-path', 'absolute path, backslash or a "." / ".." segment');
      skip(body);
      return;
    }

    if (bagRoot !== undefined) {
      if (!path.startsWith(bagRoot)) {
        findings.add(where(path), 'bag-outside', 'lies outside the bag folder');
        skip(body);
        return;
      }
      const inBag = path.slice(bagRoot.length);
      if (!inBag.startsWith('data/')) {
        await collectTagFile(inBag, bytesOf(meta, body));
        return;
      }
      path = inBag.slice('data/'.length);
    }

    // Naming rules, once per folder and per file name.
    const segments = path.split('/');
    for (let i = 0; i < segments.length; i++) {
      const sub = segments.slice(0, i + 1).join('/');
      if (i < segments.length - 1) volume.folders.add(sub);
      if (checkedSegments.has(sub)) continue;
      checkedSegments.add(sub);
      for (const p of nameProblems(segments[i]!)) findings.add(where(sub), 'name', `name ${p}`);
    }

    if (isSidecarName(path)) {
      const xml = await readText(bytesOf(meta, body), MAX_SIDECAR);
      if (!xml) {
        findings.add(where(path), 'sidecar-too-large', `larger than ${MAX_SIDECAR} bytes`);
        volume.sidecars.set(path, { facts: undefined, valid: false, size: meta.size, sha256: '' });
        return;
      }
      const digests = {
        size: xml.length,
        sha256: createHash('sha256').update(xml).digest('hex'),
        sha512: volume.bag ? createHash('sha512').update(xml).digest('hex') : undefined,
      };
      const text = xml.toString('utf8');
      if (hasDoctype(text)) {
        findings.add(where(path), 'sidecar-doctype', 'has a DOCTYPE; MDTO sidecars must not declare one');
        volume.sidecars.set(path, { facts: undefined, valid: false, ...digests });
        return;
      }
      const facts = await sidecarFacts(text);
      if ('error' in facts) findings.add(where(path), 'sidecar-unreadable', facts.error);
      volume.sidecars.set(path, { facts: 'error' in facts ? undefined : facts, valid: true, ...digests });
      pending.push({ path, xml });
      if (pending.length >= (batches === 0 ? FIRST_BATCH : VALIDATE_BATCH)) await validatePending();
      return;
    }

    if (body.kind === 'hashed') {
      // The worker hashes the bytes; identification reads the head and tail directly.
      const puid = identifyPuid(meta.randomAccess!, path);
      const facts: PayloadFacts = { size: meta.size, sha256: '', puid };
      volume.payload.set(path, facts);
      hashed.push(
        body.digests.then(
          (d) => {
            facts.sha256 = d.sha256;
            facts.sha512 = d.sha512;
          },
          (e: Error) => findings.add(where(path), 'read-error', `the bytes could not be hashed: ${e.message}`),
        ),
      );
      return;
    }

    const sha256 = createHash('sha256');
    const sha512 = volume.bag ? createHash('sha512') : undefined;
    const head: Buffer[] = [];
    let headBytes = 0;
    let tail = Buffer.alloc(0);
    let size = 0;
    for await (const chunk of body.stream as AsyncIterable<Buffer>) {
      sha256.update(chunk);
      sha512?.update(chunk);
      size += chunk.length;
      if (headBytes < IDENTIFY_HEAD) {
        head.push(chunk.subarray(0, IDENTIFY_HEAD - headBytes));
        headBytes += Math.min(chunk.length, IDENTIFY_HEAD - headBytes);
      }
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > IDENTIFY_TAIL) tail = tail.subarray(tail.length - IDENTIFY_TAIL);
    }
    volume.payload.set(path, {
      size,
      sha256: sha256.digest('hex'),
      sha512: sha512?.digest('hex'),
      puid: identifyPuid(headTailSource(Buffer.concat(head), tail, size), path),
    });
  };

  const collectTagFile = async (name: string, body: Readable): Promise<void> => {
    const bag = volume.bag!;
    const h256 = createHash('sha256');
    const h512 = createHash('sha512');
    if (/^(tag)?manifest-[a-z0-9]+\.txt$/.test(name)) {
      bag.manifests.set(name, await readManifest(body, [h256, h512], where(`${bag.root}${name}`), findings));
    } else {
      const data = await readText(body, name === 'bagit.txt' || name === 'bag-info.txt' ? MAX_TAG_TEXT : Number.MAX_SAFE_INTEGER);
      if (data) {
        h256.update(data);
        h512.update(data);
        if (name === 'bagit.txt' || name === 'bag-info.txt') bag.texts.set(name, data.toString('utf8'));
      } else findings.add(where(`${bag.root}${name}`), 'bag-tag-too-large', `larger than ${MAX_TAG_TEXT} bytes`);
    }
    bag.tagDigests.set(name, { sha256: h256.digest('hex'), sha512: h512.digest('hex') });
  };

  const result = await source.read(onEntry, findings, { sha512: volume.bag !== undefined });
  if (pending.length > 0) await validatePending();
  await validating;
  await Promise.all(hashed);
  volume.container = result.container;
  volume.files = result.files;
  return volume;
}
