import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../src/search/snippet.js';
import { queryWords } from '../../src/search/words.js';

describe('query words and snippets', () => {
  it('folds case and Dutch diacritics, so "een" meets "één"', () => {
    expect(queryWords('Één ideeën, CAFÉ')).toEqual(['een', 'ideeen', 'cafe']);
    const s = makeSnippet('Er is nog één plek vrij in het café.', queryWords('een cafe'));
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['één', 'café']);
  });

  it('reads query syntax as words only, bounded', () => {
    expect(queryWords('"a" NEAR(b c) d* (e OR f')).toEqual(['a', 'near', 'b', 'c', 'd', 'e', 'or', 'f']);
    expect(queryWords('"*()^:-')).toEqual([]);
    expect(queryWords(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '))).toHaveLength(16);
  });

  it('cuts a long text around the first match at spaces, with marks relative to the snippet', () => {
    const text = `${'voor '.repeat(100)}de rollator staat${' achter'.repeat(100)}`;
    const s = makeSnippet(text, ['rollator'], 80);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(82);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['rollator']);
    expect(s.text).toMatch(/^…voor /); // cut at a space, not inside a word
  });

  it('without words: the start of the text, nothing marked', () => {
    expect(makeSnippet('  Goedemorgen\n\nallemaal  ', [])).toEqual({ text: 'Goedemorgen allemaal', marks: [] });
  });
});
