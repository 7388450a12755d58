import { readFileSync } from 'node:fs';
import { isTextCategory, type TextCategory } from '../../src/privacy/types.js';

// Loads the labelled replies: inline markers `[[category:text]]` become spans computed by code, so
// no offset is ever typed by hand. Format: labelled/README.md.

export interface GoldSpan {
  category: TextCategory;
  start: number;
  end: number;
}

export interface LabelledCase {
  /** `file:line` of the case. */
  id: string;
  lang: 'nl' | 'en';
  text: string;
  spans: GoldSpan[];
}

const SHORT: Record<string, TextCategory> = {
  name: 'person_name', mail: 'email', tel: 'phone', card: 'payment_card', addr: 'postal_address', pc: 'postcode',
  plate: 'licence_plate', dob: 'date_of_birth', ip: 'ip_address', rel: 'religion_belief', pol: 'political_opinion',
  eth: 'ethnic_origin', sex: 'sexual_orientation', union: 'trade_union', crim: 'criminal',
};

const MARKER = /\[\[([a-z_]+):([^\]]+)\]\]/g;

export function parseCase(line: string, id: string): LabelledCase {
  let lang: LabelledCase['lang'] = 'nl';
  let source = line;
  if (source.startsWith('en| ')) {
    lang = 'en';
    source = source.slice(4);
  }
  source = source.replace(/\\n/g, '\n');
  let text = '';
  const spans: GoldSpan[] = [];
  let last = 0;
  for (const m of source.matchAll(MARKER)) {
    const category = SHORT[m[1]!] ?? m[1]!;
    if (!isTextCategory(category)) throw new Error(`${id}: unknown category "${m[1]}"`);
    text += source.slice(last, m.index);
    spans.push({ category, start: text.length, end: text.length + m[2]!.length });
    text += m[2]!;
    last = m.index + m[0].length;
  }
  text += source.slice(last);
  if (text.includes('[[') || text.includes(']]')) throw new Error(`${id}: unbalanced marker`);
  return { id, lang, text, spans };
}

export function loadLabelledSet(file: string, name = file): LabelledCase[] {
  const out: LabelledCase[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      out.push(parseCase(line.replace(/\s+$/, ''), `${name}:${i + 1}`));
    });
  return out;
}
