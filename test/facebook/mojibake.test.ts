import { describe, expect, it } from 'vitest';
import { mangleMetaJson, repairDeep, repairMetaText } from '../../crawlers/meta-graph/mojibake.js';

// Meta's exports write UTF-8 bytes as \u00XX escapes; these are the strings JSON.parse gives for them.
const asMetaWritesIt = (s: string) => JSON.parse(mangleMetaJson(s)) as string;

describe('repairing the text of Meta exports', () => {
  it('restores Dutch accents, other scripts and emoji', () => {
    for (const s of ['Één stad, één plan', 'geïnteresseerd in de ruïne', 'Zoë, Joëlle en Jürgen', 'Mehmet Yılmaz', 'café crème – 3 €', 'Bedankt! 🇳🇱🎉😍', 'opa’s en oma’s']) {
      expect(repairMetaText(asMetaWritesIt(s))).toBe(s);
    }
    // What the file really holds, escape by escape.
    expect(mangleMetaJson('é')).toBe('"\\u00c3\\u00a9"');
    expect(repairMetaText(JSON.parse('"\\u00c3\\u00a9\\u00c3\\u00a9n"') as string)).toBe('één');
    expect(repairMetaText(JSON.parse('"\\u00f0\\u009f\\u0098\\u008d"') as string)).toBe('😍');
  });

  it('leaves text that was never mangled as it is', () => {
    for (const s of ['plain ASCII, 14 0555', 'café', 'naïef', 'Ã', 'prijs: 5 £ of 6 ¥', '€ 12', 'emoji 😀 and é', '']) expect(repairMetaText(s)).toBe(s);
  });

  it('repairs every string of a document, keys included, and nothing else', () => {
    const doc = { 'titel é': ['Één', 42, null, true, { naam: 'Zoë' }] };
    const parsed = JSON.parse(mangleMetaJson(doc)) as unknown;
    expect(parsed).not.toEqual(doc);
    expect(repairDeep(parsed)).toEqual(doc);
    expect(repairDeep(doc)).toEqual(doc);
  });
});
