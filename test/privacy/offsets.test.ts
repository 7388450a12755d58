import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDetectOptions } from '../../src/privacy/config.js';
import { createDetector } from '../../src/privacy/detect.js';
import { normalise } from '../../src/privacy/normalise.js';
import { LABELLED_DIR } from './evaluate.js';
import { loadLabelledSet } from './labelled-set.js';

const detector = createDetector(defaultDetectOptions());
const spans = (text: string): [string, string][] => detector.detect(text).map((f) => [f.category, text.slice(f.start, f.end)]);
const invisible = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

describe('offsets point into the text as given', () => {
  it('across fullwidth digits, zero-width characters, soft hyphens, ligatures, combining accents and emoji', () => {
    expect(spans('👍🏽👍🏽 Bel ０６-１２３４５６７８ 😀')).toEqual([['phone', '０６-１２３４５６７８']]);
    expect(spans('Mail jan\u200B.jansen@gmail.com')).toEqual([['email', 'jan\u200B.jansen@gmail.com']]);
    expect(spans('BSN 111\u00AD222\u2060333!')).toEqual([['bsn', '111\u00AD222\u2060333']]);
    expect(spans('Groet,\nＰｉｅｔ Ｊａｎｓｅｎ')).toEqual([['person_name', 'Ｐｉｅｔ Ｊａｎｓｅｎ']]);
    expect(spans('Groet,\nSoﬁe de Vries 🌷')).toEqual([['person_name', 'Soﬁe de Vries']]);
    expect(spans('Beste Rene\u0301 Dubois, dank je.')).toEqual([['person_name', 'Rene\u0301 Dubois']]);
  });

  it('map every normalised span back inside the original, never splitting a surrogate pair', () => {
    const original = 'a😀b\u200Bｃ\u0301ﬁ';
    const n = normalise(original);
    expect(n.text).toBe('a😀bć'.normalize('NFKC') + 'fi');
    for (let s = 0; s <= n.text.length; s++) {
      for (let e = s; e <= n.text.length; e++) {
        const [os, oe] = n.toOriginal(s, e);
        expect(os).toBeGreaterThanOrEqual(0);
        expect(oe).toBeLessThanOrEqual(original.length);
        expect(os).toBeLessThanOrEqual(oe);
        expect(/[\uDC00-\uDFFF]/.test(original[os] ?? '')).toBe(false);
      }
    }
  });

  it('give the same findings on every labelled reply after invisible and compatibility characters are mixed in', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cases = [...loadLabelledSet(join(LABELLED_DIR, 'dev.txt')), ...loadLabelledSet(join(LABELLED_DIR, 'heldout.txt'))];
    for (const { text, id } of cases) {
      let mixed = '🙂 ';
      for (const ch of text) {
        mixed += /\d/.test(ch) && random() < 0.3 ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch;
        if (random() < 0.08) mixed += ['\u200B', '\u200D', '\uFEFF', '\u00AD'][Math.floor(random() * 4)];
      }
      const clean = spans(text);
      const found = detector.detect(mixed);
      for (const f of found) {
        expect(f.start, id).toBeGreaterThanOrEqual(0);
        expect(f.end, id).toBeLessThanOrEqual(mixed.length);
      }
      const back = found.map((f) => [f.category, mixed.slice(f.start, f.end).normalize('NFKC').replace(invisible, '')]);
      expect(back, id).toEqual(clean);
    }
  });
});
