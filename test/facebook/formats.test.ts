import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { FacebookDataset } from '../../crawlers/facebook/fake/index.js';
import { InstagramDataset } from '../../crawlers/instagram/fake/index.js';
import { startFakeGraph } from '../../crawlers/meta-graph/fake/server.js';
import { createRenderer } from '../../formats/render/index.js';
import { runCapture } from '../../src/capture/run.js';
import { processFormats } from '../../src/formats-stage/index.js';
import { FAST_HTTP, openTestWorkspace } from '../helpers/workspace.js';

// One Facebook thread and one Instagram thread through the formats stage, as the pipeline runs it
// after a capture: identified files, and a PDF/A-2 and PNG of each thread with every comment in it.

const TOKEN = 'meta-formats-token-2b3c4d5e';
process.env.META_FORMATS_TOKEN = TOKEN;
const run = promisify(execFile);
const words = (s: string) => s.replace(/https?:\/\/\S+/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function datasets(now: string) {
  const at = (minutes: number) => new Date(Date.parse(now) - 86_400_000 + minutes * 60_000).toISOString();
  const fb = new FacebookDataset('formats', now, {
    username: 'gemeentevoorbeeldstad', name: 'Gemeente Voorbeeldstad', about: 'Officiële pagina.', description: '', category: 'Overheidsorganisatie',
    website: 'https://www.voorbeeldstad.nl', phone: '14 0555', emails: ['info@voorbeeldstad.nl'], address: 'Raadhuisplein 1', fans: 1, followers: 1,
  });
  const post = fb.addPost({ key: 'p', at: at(0), message: 'De nieuwe speeltuin in het Julianapark is open! Één schommel is rolstoeltoegankelijk.', photos: [{ caption: 'Schommel' }] });
  const c = fb.addComment(post, { key: 'c1', by: fb.user('Zoë van Dijk'), at: at(10), message: 'Geweldig nieuws voor onze buurt 😍', photo: true });
  fb.addComment(post, { key: 'c2', by: fb.pageUser, at: at(30), message: 'Dank je wel Zoë, veel speelplezier!', replyTo: c });
  fb.addComment(post, { key: 'c3', by: fb.user('Jürgen Müller'), at: at(45), message: 'Komt er ook een bankje voor de grootouders?' });
  const ig = new InstagramDataset('formats', now, { username: 'gemeentevoorbeeldstad', name: 'Gemeente Voorbeeldstad', biography: 'Officieel account.', website: 'https://www.voorbeeldstad.nl', followers: 1, follows: 1 });
  const m = ig.addMedia({ key: 'm', at: at(0), caption: 'Open dag bij de brandweer 🚒 #voorbeeldstad', pictures: [{}, { pattern: 'chart' }] });
  const q = ig.addComment(m, { key: 'q', by: ig.user('mehmet.yilmaz'), at: at(5), text: 'Mijn zoon wil nu brandweerman worden' });
  ig.addComment(m, { key: 'a', by: ig.self, at: at(9), text: '@mehmet.yilmaz Wat leuk om te horen!', replyTo: q });
  return { fb, ig };
}

it('renders a Facebook and an Instagram thread with all their comments, as PDF/A-2 and PNG', { timeout: 120_000 }, async () => {
  const now = new Date().toISOString();
  const { fb, ig } = datasets(now);
  const fake = await startFakeGraph({ datasets: [fb, ig], tokens: [TOKEN] });
  const { ws, registry } = await openTestWorkspace(
    fake.url,
    [
      { id: 'fb', handle: `"${fb.page.id}"`, platform: 'facebook', tokenEnv: 'META_FORMATS_TOKEN' },
      { id: 'ig', handle: `"${ig.account.id}"`, platform: 'instagram', tokenEnv: 'META_FORMATS_TOKEN' },
    ],
    FAST_HTTP,
  );
  const renderer = await createRenderer();
  try {
    expect((await runCapture(ws, registry)).status).toBe('completed');
    const summary = await processFormats(ws, registry, { renderer });
    expect(summary).toMatchObject({ renditions: 2, problems: 0, interrupted: false });
    const expectations = [
      { account: 'fb', root: fb.posts[0]!.id, texts: [fb.posts[0]!.message!, ...fb.posts[0]!.comments.map((c) => c.message)] },
      { account: 'ig', root: ig.media[0]!.id, texts: [ig.media[0]!.caption!, ...ig.media[0]!.comments.map((c) => c.text)] },
    ];
    for (const e of expectations) {
      expect(await ws.store.formats.threadRoots(e.account, null, 10)).toEqual([e.root]);
      const r = (await ws.store.formats.latestRendition(e.account, e.root))!;
      expect(r.pdf.puid).toBe('fmt/477');
      expect(r.png.puid).toMatch(/^fmt\/1[1-3]$/);
      expect(r.notes).toEqual([]);
      const file = join(ws.dataDir, `${e.root}.pdf`);
      const sha = r.pdf.sha256;
      writeFileSync(file, readFileSync(join(ws.dataDir, 'files', 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha)));
      const text = words((await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout);
      for (const t of e.texts) expect(text, e.account).toContain(words(t));
    }
  } finally {
    await renderer.close();
    await ws.close();
    await fake.close();
  }
});
