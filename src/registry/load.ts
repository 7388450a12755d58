import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../domain/errors.js';
import { offsetOf } from '../config/yaml-path.js';
import type { Registry } from '../domain/types.js';
import { RegistryError, type RegistryProblem } from './registry-error.js';
import { knownFields, quote, validateRegistryData, type RelatedParams } from './schema.js';

/** A registry lists accounts, not posts: anything this large is a mistake or an attack. */
export const MAX_REGISTRY_BYTES = 5 * 1024 * 1024;
/** Aliases may share a block (a selection, a manager) between accounts, but must not expand into a bomb. */
const MAX_ALIAS_COUNT = 100;

type Path = readonly PropertyKey[];

/** `accounts[1].selection.waardering` */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${quote(String(seg))}]`;
  }
  return out;
}


/** Edit distance, for "did you mean" on a mistyped field name. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

function didYouMean(key: string, known: readonly string[]): string {
  if (key.length > 64) return '';
  const best = known
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(1, Math.floor(best.k.length / 3)) ? ` (did you mean ${quote(best.k)}?)` : '';
}

function yamlMessage(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed for indentation in YAML; use spaces';
    case 'DUPLICATE_KEY': {
      // The error points at the key's first character; the key runs to the colon.
      const key = /^[^:\n]{1,64}/.exec(text.slice(error.pos[0]))?.[0].trim() ?? '';
      return `the field ${quote(key)} appears twice in the same entry`;
    }
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (a line with ---); keep one';
    case 'TAG_RESOLVE_FAILED':
      return `${error.message}; the registry uses no YAML tags`;
    default:
      return `YAML syntax error: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
  }
}

type Locate = (offset: number, path: Path, message: string) => RegistryProblem;

/**
 * Parses and validates a registry. Throws a RegistryError listing every problem (file, line, field,
 * what is wrong) when anything is wrong: a registry is used whole or not at all.
 */
export function parseRegistry(text: string, file: string): Registry {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_REGISTRY_BYTES) throw tooLarge(file, size);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate: Locate = (offset, path, message) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, path: formatPath(path), message };
  };
  const { data, problems: yamlProblems } = toData(doc, text, file, locate);
  const result = validateRegistryData(data);
  if (result.success && yamlProblems.length === 0) return result.data;

  const problems = (result.error?.issues ?? []).flatMap((issue): RegistryProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(issue.path);
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return locate(offsetOf(doc, path), path, `unknown field ${quote(key)}${didYouMean(key, known)}`);
      });
    }
    return [locate(offsetOf(doc, issue.path), issue.path, withRelatedLine(issue, doc, lineCounter))];
  });
  throw new RegistryError(file, sortProblems([...yamlProblems, ...problems]));
}

/**
 * The plain data of a YAML document with the problems that still let it be read (duplicate keys,
 * unknown tags), or a RegistryError for problems that keep it from being read.
 */
function toData(doc: Document, text: string, file: string, locate: Locate): { data: unknown; problems: RegistryProblem[] } {
  // Duplicate keys and unknown tags are each a problem of their own. Of the other syntax errors only
  // the first is reported (the rest tend to follow from it), or the tab-indented lines that caused it.
  const [syntax, own] = partition(doc.errors, (e) => e.code !== 'DUPLICATE_KEY');
  const problems = [...own, ...doc.warnings].map((e) => locate(e.pos[0], [], yamlMessage(e, text)));
  const fatal: RegistryProblem[] = [];
  let firstAlias: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      const offset = alias.range?.[0] ?? 0;
      firstAlias ??= offset;
      if (!alias.resolve(doc)) {
        const name = alias.source.slice(0, 40);
        fatal.push(locate(offset, [], `unknown alias *${name} (a value that starts with * must be in quotes, e.g. schedule: "*/15 * * * *")`));
      }
    },
  });
  if (syntax.length > 0) {
    const tabs = tabIndentedLines(text).map((offset) => locate(offset, [], 'tabs are not allowed for indentation in YAML; use spaces'));
    const first = syntax.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
    const firstProblem = locate(first.pos[0], [], yamlMessage(first, text));
    if (tabs.length > 0) fatal.push(...tabs);
    else if (!fatal.some((p) => p.line === firstProblem.line)) fatal.push(firstProblem);
  }
  if (fatal.length > 0) throw new RegistryError(file, sortProblems([...problems, ...fatal]));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new RegistryError(file, sortProblems([...problems, locate(firstAlias ?? 0, [], `YAML aliases cannot be expanded: ${why}`)]));
  }
  if (data === null || data === undefined) {
    throw new RegistryError(file, [...problems, locate(0, [], 'the file is empty; it must hold organisation: and accounts:')]);
  }
  return { data, problems };
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Offsets of the lines whose indentation holds a tab. */
function tabIndentedLines(text: string): number[] {
  const offsets: number[] = [];
  for (const m of text.matchAll(/^ *\t/gm)) offsets.push(m.index + m[0].length - 1);
  return offsets;
}

function withRelatedLine(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter): string {
  const related = issue.code === 'custom' ? (issue.params as Partial<RelatedParams> | undefined)?.related : undefined;
  if (!related) return issue.message;
  return `${issue.message} (line ${lineCounter.linePos(offsetOf(doc, related)).line})`;
}

const sortProblems = (problems: RegistryProblem[]): RegistryProblem[] =>
  problems.sort((a, b) => a.line - b.line || a.column - b.column);

function tooLarge(file: string, size: number): RegistryError {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return new RegistryError(file, [
    { file, line: 1, column: 1, path: '', message: `the file is ${mb(size)} MB; a registry may be at most ${mb(MAX_REGISTRY_BYTES)} MB` },
  ]);
}

/** Reads and validates the registry file; see parseRegistry. */
export async function loadRegistry(file: string): Promise<Registry> {
  return (await loadRegistryWithSource(file)).registry;
}

/** The registry and the exact text it was parsed from (one read), for the registry history. */
export async function loadRegistryWithSource(file: string): Promise<{ registry: Registry; source: string }> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UserError('registry.unreadable', `${file}: the account registry is not a regular file`);
    if (info.size > MAX_REGISTRY_BYTES) throw tooLarge(file, info.size);
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError('registry.not-found', `${file}: the account registry does not exist (socialarchive init creates an example)`);
    }
    throw new UserError('registry.unreadable', `${file}: cannot read the account registry (${code ?? String(e)})`);
  }
  if (bytes.length > MAX_REGISTRY_BYTES) throw tooLarge(file, bytes.length);
  const source = decodeUtf8(bytes, file);
  return { registry: parseRegistry(source, file), source };
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Name the line of the first bad byte: typically a file saved as Windows-1252 ("Officiële").
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
    const line = before.split('\n').length;
    throw new RegistryError(file, [
      { file, line, column: before.length - before.lastIndexOf('\n'), path: '', message: 'the file is not valid UTF-8 text; save it as UTF-8' },
    ]);
  }
}
