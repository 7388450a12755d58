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
