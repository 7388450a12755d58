import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';
import { defaultDetectOptions, loadPrivacyConfig } from '../../src/privacy/config.js';
import { createDetector } from '../../src/privacy/detect.js';
import { CONTEXTUAL_CATEGORIES, IDENTIFIER_CATEGORIES, SPECIAL_CATEGORIES, TEXT_CATEGORIES, type DetectOptions, type Finding, type TextCategory } from '../../src/privacy/types.js';
import { loadLabelledSet, type LabelledCase } from './labelled-set.js';

/*
 * Span-level evaluation of the text detector on the labelled replies, after Presidio's evaluator
 * (pii.md 1.4, 7): a finding matches a gold span of the same category when their character
 * intersection-over-union is at least 0.5; each gold span matches at most one finding. Precision,
 * recall and F2 (recall weighs double) per category, per group and overall (micro-averaged).
 *
 * Run: `npx tsc -p . && node dist/test/privacy/evaluate.js [dev|heldout|all]`, or through
 * `npx vitest run test/privacy/evaluation.test.ts`, which prints the same tables.
 */

export const IOU_THRESHOLD = 0.5;
export const LABELLED_DIR = join(PACKAGE_ROOT, 'test', 'privacy', 'labelled');

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f2: number;
}

export interface Mistake {
  id: string;
  kind: 'fp' | 'fn';
  category: TextCategory;
  span: string;
  rule?: string;
}

export interface EvaluationReport {
  cases: number;
  negatives: number;
  english: number;
  perCategory: Record<TextCategory, Scores>;
  groups: Record<'identifiers' | 'contextual' | 'special' | 'overall', Scores>;
  mistakes: Mistake[];
}

const iou = (a: { start: number; end: number }, b: { start: number; end: number }): number => {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
};

export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
  return { ...c, precision, recall, f2 };
}

export function evaluate(cases: LabelledCase[], detect: (text: string) => Finding[]): EvaluationReport {
  const counts = Object.fromEntries(TEXT_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<TextCategory, Counts>;
  const mistakes: Mistake[] = [];
  for (const kase of cases) {
    const found = detect(kase.text);
    const used = new Set<number>();
    for (const f of found) {
      let best = -1;
      let bestIou = IOU_THRESHOLD;
      kase.spans.forEach((g, i) => {
        if (used.has(i) || g.category !== f.category) return;
        const v = iou(f, g);
        if (v >= bestIou) {
          best = i;
          bestIou = v;
        }
      });
      if (best >= 0) {
        used.add(best);
        counts[f.category].tp++;
      } else {
        counts[f.category].fp++;
        mistakes.push({ id: kase.id, kind: 'fp', category: f.category, span: kase.text.slice(f.start, f.end), rule: f.rule });
      }
    }
    kase.spans.forEach((g, i) => {
      if (used.has(i)) return;
      counts[g.category].fn++;
      mistakes.push({ id: kase.id, kind: 'fn', category: g.category, span: kase.text.slice(g.start, g.end) });
    });
  }
  const sum = (cats: readonly TextCategory[]): Scores =>
    scores(cats.reduce((a, c) => ({ tp: a.tp + counts[c].tp, fp: a.fp + counts[c].fp, fn: a.fn + counts[c].fn }), { tp: 0, fp: 0, fn: 0 }));
  return {
    cases: cases.length,
    negatives: cases.filter((c) => c.spans.length === 0).length,
    english: cases.filter((c) => c.lang === 'en').length,
    perCategory: Object.fromEntries(TEXT_CATEGORIES.map((c) => [c, scores(counts[c])])) as Record<TextCategory, Scores>,
    groups: {
      identifiers: sum(IDENTIFIER_CATEGORIES),
      contextual: sum(CONTEXTUAL_CATEGORIES),
      special: sum(SPECIAL_CATEGORIES),
      overall: sum(TEXT_CATEGORIES),
    },
    mistakes,
  };
}

const fmt = (n: number): string => n.toFixed(3);

export function formatReport(title: string, r: EvaluationReport): string {
  const row = (name: string, s: Scores): string =>
    `${name.padEnd(20)} ${String(s.tp + s.fn).padStart(5)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)}  ${fmt(s.precision)}  ${fmt(s.recall)}  ${fmt(s.f2)}`;
  const lines = [
    `${title}: ${r.cases} cases (${r.negatives} without personal data, ${r.english} English), match = same category and IoU >= ${IOU_THRESHOLD}`,
    `${'category'.padEnd(20)} ${'gold'.padStart(5)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)}  precis  recall  F2`,
    ...TEXT_CATEGORIES.map((c) => row(c, r.perCategory[c])),
    '-'.repeat(68),
    ...(['identifiers', 'contextual', 'special', 'overall'] as const).map((g) => row(g, r.groups[g])),
  ];
  return lines.join('\n');
}

export function formatMistakes(r: EvaluationReport): string {
  return r.mistakes.map((m) => `${m.kind.toUpperCase()} ${m.category.padEnd(18)} ${JSON.stringify(m.span)}${m.rule ? ` (${m.rule})` : ''}  ${m.id}`).join('\n');
}

/** The options the evaluation runs with: the project's config/privacy.yaml. */
export async function evaluationOptions(): Promise<DetectOptions> {
  const loaded = await loadPrivacyConfig(join(PACKAGE_ROOT, 'config'));
  return loaded.file ? loaded.options : defaultDetectOptions();
}

export const SETS = ['dev', 'heldout'] as const;

async function main(argv: string[]): Promise<void> {
  const which = argv[2] ?? 'all';
  const sets = which === 'all' ? [...SETS] : SETS.filter((s) => s === which);
  if (sets.length === 0) throw new Error(`unknown set ${which}; use dev, heldout or all`);
  const detector = createDetector(await evaluationOptions());
  const all: LabelledCase[] = [];
  for (const set of sets) {
    const cases = loadLabelledSet(join(LABELLED_DIR, `${set}.txt`), set);
    all.push(...cases);
    const report = evaluate(cases, detector.detect);
    process.stdout.write(`${formatReport(set, report)}\n\n`);
    if (argv.includes('--mistakes')) process.stdout.write(`${formatMistakes(report)}\n\n`);
  }
  if (sets.length > 1) process.stdout.write(`${formatReport('all', evaluate(all, detector.detect))}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
