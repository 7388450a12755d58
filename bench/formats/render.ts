// Thread renditions per second (PDF/A-2b and PNG together) with ONE shared Chromium, for threads
// of 1 to 20 replies from the fake Mastodon server. Target: at least 5 threads/s on 2 cores.
// Prints where the time goes (per stage) so a missed target can be explained.
//   npm run build && node dist/bench/formats/render.js [rounds]
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createRenderer, type Rendition, type ThreadInput } from '../../formats/render/index.js';
import { fakeThreads } from '../../test/formats/fake-thread.js';
import { reportFigures } from '../figures.js';

const TARGET = 5;

type Stage = keyof Rendition['timings'];
const STAGES: Stage[] = ['media', 'layout', 'png', 'pdf', 'pdfa'];

async function renderAll(render: (t: ThreadInput) => Promise<Rendition>, inputs: ThreadInput[], concurrency: number) {
  const timings: Rendition['timings'][] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < inputs.length) {
        const input = inputs[next++]!;
        timings.push((await render(input)).timings);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, timings };
}

export async function main(rounds = Number(process.argv[2] ?? 2)): Promise<void> {
  const fake = await fakeThreads();
  const renderer = await createRenderer({ pages: 2 });
  try {
    const busiest = [...fake.posts].sort((a, b) => b.descendants - a.descendants)[0]!;
    const full = await fake.thread(busiest.id);
    const withPhotos = await fake.thread(fake.posts.find((p) => p.text.includes('Stationsweg'))!.id);
    const inputs: ThreadInput[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let n = 1; n <= 20; n++) {
        // Mostly the storm thread (text), every fifth the roadworks thread (two photos).
        inputs.push(n % 5 === 0 ? withPhotos : { ...full, replies: full.replies.slice(0, n) });
      }
    }
    const render = (t: ThreadInput) => renderer.renderThread(t);
    await renderAll(render, inputs.slice(0, 2), 2); // warm up fonts, pages and Ghostscript

    const sequential = await renderAll(render, inputs.slice(0, 20), 1);
    const parallel = await renderAll(render, inputs, 2);
    const rate = inputs.length / parallel.seconds;
    const mean = (s: Stage, t: Rendition['timings'][]) => t.reduce((a, x) => a + x[s], 0) / t.length;

    console.log(`renditions (PDF/A-2b + PNG), one shared Chromium, ${availableParallelism()} cores, threads of 1-20 replies`);
    console.log(`  sequential (1 at a time, reference): ${(20 / sequential.seconds).toFixed(2)} threads/s`);
    console.log(`  concurrent (2 pages + Ghostscript):  ${rate.toFixed(2)} threads/s  (${inputs.length} threads in ${parallel.seconds.toFixed(1)} s)`);
    console.log(`  speed-up over sequential: ${((20 / sequential.seconds) > 0 ? rate / (20 / sequential.seconds) : 0).toFixed(2)}x`);
    console.log(`  target ${TARGET} threads/s: ${rate >= TARGET ? 'met' : 'MISSED'} (${(rate / TARGET).toFixed(2)} of target)`);
    console.log('  mean time per thread and stage, ms:   sequential        concurrent');
    const total = (t: Rendition['timings'][]) => STAGES.reduce((a, s) => a + mean(s, t), 0);
    const cell = (s: Stage, t: Rendition['timings'][]) =>
      `${mean(s, t).toFixed(0).padStart(6)} ${((mean(s, t) / total(t)) * 100).toFixed(0).padStart(3)}%`;
    for (const s of STAGES) console.log(`    ${s.padEnd(30)} ${cell(s, sequential.timings)}      ${cell(s, parallel.timings)}`);
    console.log(`    ${'total'.padEnd(30)} ${total(sequential.timings).toFixed(0).padStart(6)}           ${total(parallel.timings).toFixed(0).padStart(6)}`);
    console.log(`  blocked network requests: ${renderer.blockedRequests.length}`);
    reportFigures([
      { figure: 'renditions PDF/A-2b + PNG, one shared Chromium', value: rate, unit: 'threads/s', target: { op: '>=', value: TARGET } },
      { figure: 'renditions one at a time (reference)', value: 20 / sequential.seconds, unit: 'threads/s' },
      { figure: 'network requests blocked while rendering', value: renderer.blockedRequests.length, unit: '', target: { op: '<=', value: 0 } },
    ]);
  } finally {
    await renderer.close();
    await fake.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
