import { describe, expect, it } from 'vitest';
import { normaliseMastodonStatus } from '../../formats/normalise/index.js';
import type { Finding } from '../../src/domain/types.js';
import { carryFaceIdentity, imageFindingKey, textFindingKey } from '../../src/privacy/pipeline/identity.js';
import { redactItem, type TextRedaction } from '../../src/privacy/review/redact.js';
import { parseTerm, restrictionFor } from '../../src/privacy/review/terms.js';
import type { NewFinding } from '../../src/store/privacy-store.js';

// The pure parts of review: redaction of a normalised item, finding identity, restriction terms.

const item = normaliseMastodonStatus(
  {
    id: '42',
    uri: 'https://social.example/users/kees/statuses/42',
    url: 'https://social.example/@kees/42',
    created_at: '2026-05-01T10:00:00.000Z',
    content:
      '<p><span class="h-card"><a href="https://social.example/@piet" class="u-url mention">@<span>piet</span></a></span> Bel Piet Jansen op 06-12345678, ' +
      'of mail <a href="mailto:piet@example.nl">piet@example.nl</a>.</p><p>Groet, Kees</p>',
    spoiler_text: 'Over Piet Jansen',
    account: { id: '7', acct: 'kees', display_name: 'Kees' },
    media_attachments: [{ id: 'm1', type: 'image', url: 'https://social.example/m1.jpg', description: 'Piet Jansen bij de speeltuin' }],
    mentions: [{ id: '9', acct: 'piet', url: 'https://social.example/@piet' }],
  },
  { capturedAt: '2026-05-01T10:05:00.000Z', ownAccountId: '1', rawSha256: 'ab'.repeat(32) },
);

function span(field: string, category: string, text: string, findingId: number): TextRedaction {
  const source = field === 'text.plain' ? item.text.plain : field === 'text.summary' ? item.text.summary! : item.media[0]!.description!;
  const start = source.indexOf(text);
  if (start < 0) throw new Error(`${text} not in ${field}`);
  return { findingId, field, category, start, end: start + text.length, text };
}

describe('redacting a normalised item', () => {
  it('removes each decided span and every other occurrence of its text, with markers where the copy says', () => {
    const rs = [span('text.plain', 'phone', '06-12345678', 1), span('text.plain', 'person_name', 'Piet Jansen', 2), span('text.plain', 'handle', '@piet', 3)];
    const out = redactItem(item, rs);
    expect(out.item.text.plain).toBe(
      '[verwijderd: gebruikersnaam] Bel [verwijderd: naam] op [verwijderd: telefoonnummer], of mail piet@example.nl.\n\nGroet, Kees',
    );
    // The name also went from the content warning and the alt text; the handle from the mentions.
    expect(out.item.text.summary).toBe('Over [verwijderd: naam]');
    expect(out.item.media[0]!.description).toBe('[verwijderd: naam] bij de speeltuin');
    expect(out.item.mentions).toEqual([{ id: null, handle: '[verwijderd: gebruikersnaam]', url: null }]);
    // Neither the platform's HTML nor the raw payload can be part of a public copy.
    expect(out.item.text.html).toBeNull();
    expect(out.item.raw.sha256).toBeNull();
    for (const r of out.redactions) {
      const text = r.field === 'text.plain' ? out.item.text.plain : r.field === 'text.summary' ? out.item.text.summary! : out.item.media[0]!.description!;
      expect(text.slice(r.publicStart, r.publicEnd)).toMatch(/^\[verwijderd: [a-z]+\]$/);
    }
    expect(out.redactions.map((r) => r.field)).toEqual(['media.0.description', 'text.plain', 'text.plain', 'text.plain', 'text.summary']);
    // What was not decided stays.
    expect(out.item.text.plain).toContain('piet@example.nl');
    expect(out.item.author.displayName).toBe('Kees');
  });

  it('merges overlapping spans into one marker naming both categories', () => {
    const a = span('text.plain', 'person_name', 'Piet Jansen', 1);
    const b = { ...span('text.plain', 'phone', 'Jansen op 06-12345678', 2), category: 'phone' };
    const out = redactItem(item, [a, b]);
    expect(out.item.text.plain).toContain('Bel [verwijderd: naam, telefoonnummer], of mail');
  });

  it('when the text at the recorded place differs, removes the flagged text wherever it is and says so', () => {
    const moved = { ...span('text.plain', 'phone', '06-12345678', 1), start: 0, end: 11 };
    const out = redactItem(item, [moved]);
    expect(out.item.text.plain).not.toContain('06-12345678');
    expect(out.notes[0]).toMatch(/F1: the text at text\.plain 0-11 differs from what was flagged/);
  });
});

describe('finding identity', () => {
  const v = { accountId: 'a', platformId: '42', versionKey: '2026-05-01T10:00:00.000Z' };
  it('is the same for the same place and text, and differs when either differs', () => {
    expect(textFindingKey(v, 'text.plain', 'phone', 10, 21, '06-12345678')).toBe(textFindingKey(v, 'text.plain', 'phone', 10, 21, '06-12345678'));
    expect(textFindingKey(v, 'text.plain', 'phone', 10, 21, '06-12345678')).not.toBe(textFindingKey(v, 'text.plain', 'phone', 11, 22, '06-12345678'));
    expect(textFindingKey(v, 'text.plain', 'phone', 10, 21, '06-12345678')).not.toBe(textFindingKey({ ...v, versionKey: 'later' }, 'text.plain', 'phone', 10, 21, '06-12345678'));
  });

  it('carries a face to a box that moved a little, never to one elsewhere', () => {
    const sha = 'c'.repeat(64);
    const earlier = { id: 1, key: 'old-face', category: 'face', field: 'media.0', media: { position: 0, sha256: sha }, region: { x: 100, y: 100, w: 80, h: 100 } } as Finding;
    const fresh = (x: number): NewFinding => ({
      key: imageFindingKey(v, 'media.0', sha, 'face', { x, y: 104, w: 78, h: 98 }),
      field: 'media.0',
      category: 'face',
      media: { position: 0, sha256: sha },
      region: { x, y: 104, w: 78, h: 98 },
      confidence: 0.9,
      rule: 'face.ssd_mobilenet_v1',
      suggested: 'review',
      detector: 'd',
    });
    const [moved, elsewhere] = carryFaceIdentity([earlier], [fresh(104), fresh(400)]);
    expect(moved!.key).toBe('old-face');
    expect(elsewhere!.key).not.toBe('old-face');
  });
});

describe('restriction terms', () => {
  it('takes an ISO 8601 duration or an end date after publication, with a type by category', () => {
    expect(parseTerm('P75Y')).toEqual({ duration: 'P75Y' });
    expect(parseTerm('P10Y6M')).toEqual({ duration: 'P10Y6M' });
    expect(parseTerm('2101-12-31')).toEqual({ until: '2101-12-31' });
    for (const bad of ['75', 'P', 'PT5H', '2101-02-30', '75 jaar']) expect(() => parseTerm(bad), bad).toThrow(/is not a term/);
    expect(restrictionFor('health', '2026-05-01T10:00:00.000Z', undefined, undefined)).toEqual({ type: 'special_category_data', term: { duration: 'P75Y', from: '2026-05-01' } });
    expect(restrictionFor('bsn', '2026-05-01T10:00:00.000Z', undefined, 'P20Y').type).toBe('identification_number');
    expect(() => restrictionFor('phone', '2026-05-01T10:00:00.000Z', undefined, '2026-04-30')).toThrow(/not after the publication date/);
    expect(() => restrictionFor('phone', '2026-05-01T10:00:00.000Z', 'secret', undefined)).toThrow(/not a restriction type/);
  });
});
