import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDetector, type Detector } from '../../src/privacy/detect.js';
import { CONTEXTUAL_CATEGORIES, IDENTIFIER_CATEGORIES, SPECIAL_CATEGORIES } from '../../src/privacy/types.js';
import { evaluate, evaluationOptions, formatReport, LABELLED_DIR, type EvaluationReport } from './evaluate.js';
import { loadLabelledSet, type LabelledCase } from './labelled-set.js';

// The targets of issue 4 on the labelled replies; the tables are printed so a run shows the figures.

let detector: Detector;
let dev: LabelledCase[];
let heldout: LabelledCase[];
let all: EvaluationReport;

beforeAll(async () => {
  detector = createDetector(await evaluationOptions());
  dev = loadLabelledSet(join(LABELLED_DIR, 'dev.txt'), 'dev');
  heldout = loadLabelledSet(join(LABELLED_DIR, 'heldout.txt'), 'heldout');
  all = evaluate([...dev, ...heldout], detector.detect);
  for (const [name, cases] of [['dev', dev], ['heldout', heldout]] as const) console.log(`${formatReport(name, evaluate(cases, detector.detect))}\n`);
  console.log(formatReport('all', all));
});

describe('labelled Dutch replies', () => {
  it('has at least 300 original cases, about a tenth English, at least a quarter without personal data', () => {
    expect(all.cases).toBeGreaterThanOrEqual(300);
    expect(all.english / all.cases).toBeGreaterThanOrEqual(0.08);
    expect(all.negatives / all.cases).toBeGreaterThanOrEqual(0.25);
    // Every category of SPEC section 5 is in the set.
    for (const [category, s] of Object.entries(all.perCategory)) expect(s.tp + s.fn, category).toBeGreaterThan(0);
  });

  it('identifiers: precision and recall at least 0.97 (group and each category)', () => {
    expect(all.groups.identifiers.precision).toBeGreaterThanOrEqual(0.97);
    expect(all.groups.identifiers.recall).toBeGreaterThanOrEqual(0.97);
    for (const c of IDENTIFIER_CATEGORIES) expect(all.perCategory[c].precision, c).toBeGreaterThanOrEqual(0.97);
  });

  it('names, postal addresses and handles: precision and recall at least 0.85 each', () => {
    for (const c of CONTEXTUAL_CATEGORIES) {
      expect(all.perCategory[c].precision, c).toBeGreaterThanOrEqual(0.85);
      expect(all.perCategory[c].recall, c).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('special categories: recall at least 0.80', () => {
    expect(all.groups.special.recall).toBeGreaterThanOrEqual(0.8);
    for (const c of SPECIAL_CATEGORIES) expect(all.perCategory[c].tp + all.perCategory[c].fn, c).toBeGreaterThan(0);
  });
});
