// Schema validation with the bundled xmllint (libxml2 compiled to WebAssembly, package
// `xmllint-wasm`): no system package needed. Documents are validated in batches, one worker per batch.
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { MDTO_XSD_PATH, projectFile } from './assets.js';

export interface XmlDocument {
  /** Shown in messages only; the validator sees a neutral name so hostile names cannot act as options. */
  name: string;
  contents: string | Uint8Array;
}

export interface XmlValidation {
  name: string;
  valid: boolean;
  /** xmllint's messages for this document, with its line numbers. */
  errors: string[];
}

const BATCH_DOCS = 500;
const BATCH_BYTES = 16 * 1024 * 1024;
const MAX_MEMORY_PAGES = 16 * 512; // 512 MiB of WebAssembly memory at most

const schemaCache = new Map<string, string>();

/** The text of a schema shipped with the project (cached). */
export function bundledSchema(relativePath: string): string {
  let xsd = schemaCache.get(relativePath);
  if (xsd === undefined) {
    xsd = readFileSync(projectFile(relativePath), 'utf8');
    schemaCache.set(relativePath, xsd);
  }
  return xsd;
}

async function validateBatch(xsd: string, docs: XmlDocument[]): Promise<XmlValidation[]> {
  const results = docs.map((d) => ({ name: d.name, valid: true, errors: [] as string[] }));
  const out = await validateXML({
    xml: docs.map((d, i) => ({ fileName: `d${i}.xml`, contents: d.contents })),
    schema: [{ fileName: 'schema.xsd', contents: xsd }],
    maxMemoryPages: MAX_MEMORY_PAGES,
  });
  if (out.valid) return results;
  for (const line of out.rawOutput.split('\n')) {
    const m = /^d(\d+)\.xml(?::(\d+):)?\s*(.*)$/.exec(line);
    if (!m) continue;
    const result = results[Number(m[1])];
    if (!result || (m[2] === undefined && m[3] === 'validates')) continue;
    result.valid = false;
    if (m[2] !== undefined) result.errors.push(`line ${m[2]}: ${m[3]}`);
    else if (m[3] !== 'fails to validate') result.errors.push(m[3] ?? '');
  }
  for (const r of results) if (!r.valid && r.errors.length === 0) r.errors.push('fails to validate');
  return results;
}

/** Validates `docs` against the schema text `xsd`; one result per document, in order. */
export async function validateAgainst(xsd: string, docs: XmlDocument[]): Promise<XmlValidation[]> {
  const results: XmlValidation[] = [];
  let batch: XmlDocument[] = [];
  let bytes = 0;
  for (const doc of docs) {
    batch.push(doc);
    bytes += doc.contents.length;
    if (batch.length >= BATCH_DOCS || bytes >= BATCH_BYTES) {
      results.push(...(await validateBatch(xsd, batch)));
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) results.push(...(await validateBatch(xsd, batch)));
  return results;
}

/** Validates MDTO sidecars against the official MDTO 1.0.1 schema. */
export const validateMdto = (docs: XmlDocument[]): Promise<XmlValidation[]> => validateAgainst(bundledSchema(MDTO_XSD_PATH), docs);
