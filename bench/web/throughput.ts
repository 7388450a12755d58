// Browser capture benchmark (issue 6). Prints, for the fake website on loopback:
//  - pages per second of a capture run (`runCapture` of a `web` account listing N LinkedIn-like
//    posts with comments, an image, a logo and a stylesheet each; Chromium's start included), and
//    as reference, in the same run, plain `curl` fetching exactly the same URLs (each page and what
//    it loads, one curl process per page, as many at a time as the capture loads pages);
//  - requests against the minimum (each page and its three assets once).
// Usage: npm run build && node dist/bench/web/throughput.js [--pages N]
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { startFakeWebsite } from '../../crawlers/web/fake/server.js';
import { SYNTHETIC_ASSETS, SYNTHETIC_PREFIX } from '../../crawlers/web/fake/site.js';
import { DEFAULT_CAPTURE_LIMITS } from '../../crawlers/web/limits.js';
import { runCapture } from '../../src/capture/run.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { openWorkspace } from '../../src/workspace.js';
import { makeWorkspaceDirs } from '../../test/helpers/workspace.js';
import { reportFigures } from '../figures.js';

const exec = promisify(execFile);

/** Every URL of every page, fetched by curl: one process per page (keep-alive within it), `parallel` at a time. */
async function curlPages(pages: string[][], parallel: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < pages.length) {
        const urls = pages[next++]!;
        await exec('curl', ['--silent', '--fail', '--max-time', '30', ...urls.flatMap((u) => ['-o', '/dev/null', u])]);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values: args } = parseArgs({ args: argv, options: { pages: { type: 'string', default: '40' } } });
  const n = Number(args.pages);
  const site = await startFakeWebsite({ synthetic: n });
  const paths = Array.from({ length: n }, (_, i) => `${SYNTHETIC_PREFIX}${i}`);
  const dirs = makeWorkspaceDirs(site.url, [
    { id: 'bench', platform: 'web', handle: 'voorbeeldstad.nl', render: false, extra: `    urls:\n${paths.map((p) => `      - ${site.at(p)}\n`).join('')}` },
  ]);
  try {
    const minimum = n * (1 + SYNTHETIC_ASSETS.length);
    const reference = await curlPages(paths.map((p) => [site.at(p), ...SYNTHETIC_ASSETS.map((a) => site.at(a))]), DEFAULT_CAPTURE_LIMITS.pageConcurrency);

    const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
    const served = site.stats.requests;
    let seconds = 0;
    let status = '';
    let stored = 0;
    try {
      const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'bench');
      const started = performance.now();
      const run = await runCapture(ws, registry);
      seconds = (performance.now() - started) / 1000;
      status = run.accounts[0]!.status;
      stored = run.accounts[0]!.stats.newPosts;
    } finally {
      await ws.close();
    }
    const requests = site.stats.requests - served;

    console.log(`\n== Browser capture: ${n} pages (status ${status}) ==`);
    console.log(`pages archived               ${stored} of ${n}`);
    console.log(`wall time                    ${seconds.toFixed(1)} s (Chromium start included)`);
    console.log(`pages per second             ${(stored / seconds).toFixed(2)}`);
    console.log(`requests                     ${requests}, minimum ${minimum} → ${(requests / minimum).toFixed(3)}×   target ≤ 1.05×`);
    console.log(`reference: curl of the same URLs, ${DEFAULT_CAPTURE_LIMITS.pageConcurrency} pages at a time: ${reference.toFixed(2)} s (${(n / reference).toFixed(1)} pages/s)`);
    console.log(`ratio capture / curl         ${(seconds / reference).toFixed(1)}× the time`);
    reportFigures([
      { figure: `browser capture of ${n} pages`, value: stored / seconds, unit: 'pages/s' },
      { figure: 'browser capture requests / minimum possible', value: requests / minimum, unit: '×', target: { op: '<=', value: 1.05 } },
      { figure: 'curl of the same pages (reference)', value: n / reference, unit: 'pages/s' },
      { figure: 'browser capture time / curl time', value: seconds / reference, unit: '×' },
    ]);
  } finally {
    await site.close();
    rmSync(dirs.root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
