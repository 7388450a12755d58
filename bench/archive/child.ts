// One measured step of the package benchmark, in its own process so its peak RSS is its own:
//   node dist/bench/archive/child.js build <corpus-dir> <out-dir> [tar] [bagit] [stream]
//   node dist/bench/archive/child.js verify <package-dir>
// `stream`: files come only through `open()` (64 KiB read streams, as a store without local paths
// gives them) instead of being read from their local path.
// Prints one JSON line: { seconds, cpu, maxRssMiB, ok, detail }; cpu is user + system seconds of
// every thread. Each mode loads only what it needs.
const [mode, a, b, ...flags] = process.argv.slice(2);
let ok = true;
let detail = '';
let started: number;
let cpuStart: NodeJS.CpuUsage;
if (mode === 'build') {
  const { buildPackage } = await import('../../archive/build.js');
  const { corpusPlan, loadCorpus } = await import('./corpus.js');
  const plan = corpusPlan(await loadCorpus(a!), { localPaths: !flags.includes('stream') });
  started = performance.now();
  cpuStart = process.cpuUsage();
  const result = await buildPackage({
    plan,
    profile: {
      receiver: { name: 'Bench' },
      target: { collection: 'bench', name: 'Bench', source: 'bench' },
      container: flags.includes('tar') ? 'tar' : 'zip',
      volume: { maxBytes: 8e9, maxFiles: 10_000_000 },
      bagit: flags.includes('bagit'),
      contact: { name: 'Bench', email: 'bench@example.org' },
    },
    outDir: b!,
  });
  detail = `${result.volumes.length} volume(s)`;
} else if (mode === 'verify') {
  const { verifyPackage } = await import('../../archive/verify/index.js');
  started = performance.now();
  cpuStart = process.cpuUsage();
  const report = await verifyPackage([a!]);
  ok = report.ok;
  detail = report.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ');
} else {
  throw new Error(`unknown mode ${mode}`);
}
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpuStart);
const cpu = (used.user + used.system) / 1e6;
process.stdout.write(`${JSON.stringify({ seconds, cpu, maxRssMiB: process.resourceUsage().maxRSS / 1024, ok, detail })}\n`);
