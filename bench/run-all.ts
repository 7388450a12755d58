// Runs every benchmark of the project in turn and ends with one table of figures against targets.
// A benchmark is a script under bench/ that exports `main()` (helpers such as corpus generators do
// not). Each runs in its own process, as `node <script>` with its defaults, so its memory and peak
// RSS are its own and its output shows as it goes; it reports figures through bench/figures.ts.
//   npm run bench                      every benchmark
//   npm run bench -- formats capture   only scripts whose path contains one of the words
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIGURES_ENV, met, withReferences, type Figure } from './figures.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const EXPORTS_MAIN = /^export (async )?function main\(/m;

/** Compiled benchmark scripts below `dir`, in path order. */
export function findBenchmarks(dir = HERE): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.js') && p !== fileURLToPath(import.meta.url) && EXPORTS_MAIN.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

interface ScriptResult {
  script: string;
  exitCode: number | null;
  seconds: number;
  figures: Figure[];
}

function runScript(path: string, figuresFile: string): Promise<{ exitCode: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path], { stdio: 'inherit', env: { ...process.env, [FIGURES_ENV]: figuresFile } });
    child.on('error', () => resolve({ exitCode: null, seconds: (performance.now() - started) / 1000 }));
    child.on('exit', (code) => resolve({ exitCode: code, seconds: (performance.now() - started) / 1000 }));
  });
}

const number = (v: number): string => (Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(2));

/**
 * The closing table: one row per figure with the reference measured in the same run and the ratio of
 * the two, and a row for every script that failed or reported nothing. The references are listed
 * below the table.
 */
export function formatTable(results: ScriptResult[]): string {
  const rows: string[][] = [['script', 'figure', 'value', 'reference', 'ratio', 'target', 'met?']];
  const notes: string[] = [];
  for (const r of results) {
    if (r.exitCode !== 0) rows.push([r.script, `FAILED (exit ${r.exitCode ?? 'error'}) after ${r.seconds.toFixed(0)} s`, '', '', '', '', 'no']);
    else if (r.figures.length === 0) rows.push([r.script, '(ran; reported no figures)', '', '', '', '', '']);
    for (const f of withReferences(r.figures)) {
      const unit = f.unit ? ` ${f.unit}` : '';
      let ref = '';
      if (f.reference) {
        notes.push(`[${notes.length + 1}] ${f.reference.figure}`);
        ref = `${number(f.reference.value)}${unit} [${notes.length}]`;
      }
      rows.push([
        r.script,
        f.figure,
        `${number(f.value)}${unit}`,
        ref,
        f.reference && f.reference.value !== 0 ? `${(f.value / f.reference.value).toFixed(2)}×` : '',
        f.target ? `${f.target.op} ${number(f.target.value)}${unit}` : '',
        f.target ? (met(f.value, f.target) ? 'yes' : 'NO') : '',
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const right = new Set([2, 3, 4, 5]);
  const line = (r: string[]) => r.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const table = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
  return notes.length ? `${table}\n\nReferences, measured in the same run:\n${notes.join('\n')}` : table;
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const scripts = findBenchmarks().filter((p) => argv.length === 0 || argv.some((w) => relative(HERE, p).includes(w)));
  if (scripts.length === 0) {
    console.error(`no benchmark matches ${argv.join(' ')}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sa-bench-figures-'));
  const results: ScriptResult[] = [];
  try {
    for (const [i, path] of scripts.entries()) {
      const script = relative(HERE, path).replace(/\.js$/, '.ts');
      console.log(`\n===== [${i + 1}/${scripts.length}] bench/${script} =====`);
      const figuresFile = join(dir, `${i}.jsonl`);
      const { exitCode, seconds } = await runScript(path, figuresFile);
      let figures: Figure[] = [];
      try {
        figures = readFileSync(figuresFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Figure);
      } catch {
        // no figures reported
      }
      results.push({ script, exitCode, seconds, figures });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n===== Benchmark figures (${results.length} scripts) =====\n${formatTable(results)}`);
  return results.every((r) => r.exitCode === 0) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
