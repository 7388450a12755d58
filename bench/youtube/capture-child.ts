// One capture (no formats or privacy stage) for the YouTube benchmark, in its own process so its
// time and peak RSS are its own:  node dist/bench/youtube/capture-child.js <config-dir> <data-dir>
// Prints one JSON line: { status, seconds, items, requests, maxRssBytes }.
import { runCapture } from '../../src/capture/run.js';
import { loadAndRecordRegistry } from '../../src/registry/sync.js';
import { openWorkspace } from '../../src/workspace.js';

const [configDir, dataDir] = process.argv.slice(2);
const ws = await openWorkspace({ configDir: configDir!, dataDir: dataDir! });
try {
  const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'bench');
  const started = performance.now();
  const run = await runCapture(ws, registry);
  const seconds = (performance.now() - started) / 1000;
  const stats = run.accounts[0]!.stats;
  process.stdout.write(`${JSON.stringify({ status: run.status, stop: run.accounts[0]!.stop, seconds, items: stats.newItems, requests: stats.requests, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
} finally {
  await ws.close();
}
