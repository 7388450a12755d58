import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkPlan, type PackagePlan, type PlanObject } from '../../archive/plan.js';
import { aggregatieniveau, archiefvormer, beperkingen, waardering } from '../../formats/mdto/index.js';
import { ORGANISATION } from './helpers/fixture.js';

const object = (key: string, niveau: 'Serie' | 'Dossier' | 'Archiefstuk', extra: Partial<PlanObject> = {}): PlanObject => ({
  key,
  content: {
    identificatie: [{ kenmerk: `https://social.example/${key}`, bron: 'Mastodon (canonieke URI)' }],
    naam: key,
    aggregatieniveau: aggregatieniveau(niveau),
    waardering: waardering('B'),
    archiefvormer: [archiefvormer(ORGANISATION)],
    beperkingGebruik: beperkingen({ status: 'clear' }),
  },
  ...extra,
});

const plan = (roots: PlanObject[]): PackagePlan => ({ id: 'p', title: 't', organisation: ORGANISATION, created: '2024-01-01T00:00:00Z', roots });

describe('package plan check', () => {
  it('accepts the SPEC hierarchy', () => {
    expect(() => checkPlan(plan([object('a', 'Serie', { children: [object('a/t', 'Dossier', { children: [object('a/t/p', 'Archiefstuk')] })] })]))).not.toThrow();
  });

  it('lists every problem before anything is written', () => {
    const file = { name: 'x.json', size: 3, sha256: 'ABC', puid: 'json', formatName: 'JSON', open: async () => Readable.from([]) };
    const bad = plan([
      object('a', 'Serie', {
        children: [
          object('a/p', 'Archiefstuk', { children: [object('a/p/t', 'Dossier')], files: [file], relations: [{ key: 'nope', relatie: { label: 'Refereert aan', lijst: 'x' } }] }),
          object('a/p', 'Archiefstuk'),
        ],
      }),
    ]);
    const error = (() => {
      try {
        checkPlan({ ...bad, id: 'has space' });
      } catch (e) {
        return e as { code: string; details: string[] };
      }
      throw new Error('no error');
    })();
    expect(error.code).toBe('PACKAGE_PLAN');
    const text = error.details.join('\n');
    expect(text).toMatch(/package id "has space"/);
    expect(text).toMatch(/key a\/p occurs more than once/);
    expect(text).toMatch(/a\/p\/t: a Dossier cannot sit below a Archiefstuk/);
    expect(text).toMatch(/sha256 must be 64 lower-case hex digits/);
    expect(text).toMatch(/"json" is not a PRONOM PUID/);
    expect(text).toMatch(/relation to nope, which is not in the plan/);
    expect(text).toMatch(/identificatie https:\/\/social.example\/a\/p .* is also used by a\/p|key a\/p occurs/);
  });
});
