// Benchmark figures in a form `bench/run-all.ts` can collect: a script reports what it measured
// and the target the project set, and still prints its own lines for a person. Run alone, a script
// reports nowhere; run by run-all, the figures go to the file named in SOCIALARCHIVE_BENCH_FIGURES.
import { appendFileSync } from 'node:fs';

export const FIGURES_ENV = 'SOCIALARCHIVE_BENCH_FIGURES';

export interface Target {
  op: '>=' | '<=' | '>' | '<';
  value: number;
}

export interface Figure {
  /** What was measured, e.g. `renditions per second (PDF/A-2b + PNG)`. */
  figure: string;
  value: number;
  unit: string;
  /** The project's target, when it set one. */
  target?: Target | undefined;
  /**
   * What the same quantity measured for a reference in the same run was (a bare HTTP client, curl,
   * sha256sum, ImageMagick...), so the figure reads as a ratio on any machine. A script may instead
   * report the reference as a figure of its own whose name ends in "(reference)", in the same unit.
   */
  reference?: { figure: string; value: number } | undefined;
}

const REFERENCE = /\(reference\)\s*$/;

/** The script's figures with their references attached; reference figures are not rows of their own. */
export function withReferences(figures: Figure[]): Figure[] {
  const refs = figures.filter((f) => REFERENCE.test(f.figure));
  return figures
    .filter((f) => !REFERENCE.test(f.figure))
    .map((f) => {
      if (f.reference) return f;
      const ref = refs.find((r) => r.unit === f.unit);
      return ref ? { ...f, reference: { figure: ref.figure.replace(REFERENCE, '').trim(), value: ref.value } } : f;
    });
}

export function met(value: number, target: Target): boolean {
  switch (target.op) {
    case '>=':
      return value >= target.value;
    case '<=':
      return value <= target.value;
    case '>':
      return value > target.value;
    case '<':
      return value < target.value;
  }
}

export function reportFigures(figures: Figure[]): void {
  const file = process.env[FIGURES_ENV];
  if (!file) return;
  appendFileSync(file, figures.map((f) => `${JSON.stringify(f)}\n`).join(''));
}
