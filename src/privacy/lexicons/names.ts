import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EXTRA_COMMON_WORDS } from './common-words.js';

/**
 * Dutch name and word lexicons from the `pii-filter` npm package (MIT, version pinned exactly in
 * package.json because these data files are not its public API):
 * - `ds_first_name_0.json`: `main` 9,284 Dutch first names, `int` 164k international first names
 *   (README credits reithose/voornamen and Josha91/DutchFirstNames, MIT);
 * - `ds_family_name_{0,1,2}.json`: `main` 319k family names scraped from the Meertens family-name bank
 *   (digitalheir/family-names-in-the-netherlands, data CC-0), `int` 98k international ones;
 * - `ds_dictionary_{0,1}.json`: 165k Dutch words (Speedbuilder/NL-dictionary-file, MIT), used as the
 *   common-word filter: Bakker, Visser and Bos are family names and words.
 * All entries are lower case.
 */

export interface NameLexicon {
  /** 2: Dutch first-name list, 1: international list only, 0: not a first name. */
  firstName(lower: string): 0 | 1 | 2;
  /** Same as firstName(w) === 2, with one lookup. */
  isDutchFirstName(lower: string): boolean;
  /** 2: Dutch family-name list (Meertens), 1: international list only, 0: not a family name. */
  surname(lower: string): 0 | 1 | 2;
  /** An ordinary word (Dutch dictionary or our own list), so capitals alone do not make it a name. */
  isWord(lower: string): boolean;
}

interface DatasetFile {
  main?: unknown;
  int?: unknown;
}

function datasetDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('pii-filter')), 'lang', 'nl', 'dataset');
}

function readList(dir: string, file: string, key: 'main' | 'int'): string[] {
  const path = join(dir, file);
  let data: DatasetFile;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as DatasetFile;
  } catch (e) {
    throw new Error(`cannot read the name lexicon ${path}: ${e instanceof Error ? e.message : String(e)} (is pii-filter@1.0.24 installed?)`);
  }
  const list = data[key];
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) {
    throw new Error(`the name lexicon ${path} has no string list "${key}"; pii-filter changed its data format`);
  }
  return list as string[];
}

let cached: NameLexicon | undefined;

/** Loads the lexicons once per process (about 0.3 s, 80 MB). */
export function nameLexicon(): NameLexicon {
  if (cached) return cached;
  const dir = datasetDir();
  const firstNl = new Set(readList(dir, 'ds_first_name_0.json', 'main'));
  const firstInt = new Set(readList(dir, 'ds_first_name_0.json', 'int'));
  const surNl = new Set<string>();
  for (const f of ['ds_family_name_0.json', 'ds_family_name_1.json', 'ds_family_name_2.json']) {
    for (const n of readList(dir, f, 'main')) surNl.add(n);
  }
  const surInt = new Set(readList(dir, 'ds_family_name_2.json', 'int'));
  const words = new Set([...readList(dir, 'ds_dictionary_0.json', 'main'), ...readList(dir, 'ds_dictionary_1.json', 'main'), ...EXTRA_COMMON_WORDS]);
  cached = {
    firstName: (w) => (firstNl.has(w) ? 2 : firstInt.has(w) ? 1 : 0),
    isDutchFirstName: (w) => firstNl.has(w),
    surname: (w) => (surNl.has(w) ? 2 : surInt.has(w) ? 1 : 0),
    isWord: (w) => words.has(w),
  };
  return cached;
}
