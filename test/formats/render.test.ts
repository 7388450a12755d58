import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyBytes } from '../../formats/identify/index.js';
import { normaliseMastodonStatus } from '../../formats/normalise/mastodon.js';
import { createRenderer, type Renderer, type Rendition, type ThreadInput } from '../../formats/render/index.js';
import { makeZip } from './corpus.js';
import { fakeThreads, type FakeThreads } from './fake-thread.js';

const run = promisify(execFile);
let dir: string;
let fake: FakeThreads;
let renderer: Renderer;
let thread: ThreadInput;
let rendition: Rendition;
let pdfPath: string;

const tool = async (cmd: string, ...args: string[]) => (await run(cmd, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
const words = (s: string) => s.replace(/https?:\/\/\S+/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const squash = (s: string) => s.replace(/\s+/g, ' ');

async function save(name: string, r: Rendition): Promise<string> {
  const path = join(dir, name);
  await writeFile(`${path}.pdf`, r.pdf);
  await writeFile(`${path}.png`, r.png);
  return `${path}.pdf`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sa-render-'));
  [fake, renderer] = await Promise.all([fakeThreads(), createRenderer()]);
  // The roadworks post: a photo, a citizen's reply with a photo, the municipality's answers.
  const root = fake.posts.find((p) => p.text.includes('Stationsweg'))!;
  thread = await fake.thread(root.id);
  rendition = await renderer.renderThread(thread);
  pdfPath = await save('thread', rendition);
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('PDF/A-2 rendition of a thread from the fake Mastodon server', () => {
  it('claims PDF/A-2 in its XMP metadata and has no JavaScript', async () => {
    expect(thread.replies.length).toBeGreaterThanOrEqual(4);
    const info = await tool('pdfinfo', pdfPath);
    expect(info).toMatch(/JavaScript:\s+no/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    expect(info).toMatch(/Title:\s+Draad @voorbeeldstad 2 februari 2026 om 09:30:00/);
    expect(info).toMatch(/Author:\s+Gemeente Voorbeeldstad/);
    const xmp = await tool('pdfinfo', '-meta', pdfPath);
    expect(xmp).toMatch(/pdfaid:part(='|>)2/);
    expect(xmp).toMatch(/pdfaid:conformance(='|>)B/);
    expect(identifyBytes(rendition.pdf)).toMatchObject({ puid: 'fmt/477', status: 'preferred' });
    const raw = rendition.pdf.toString('latin1');
    expect(raw).toMatch(/\/OutputIntents\s*\[/);
    expect(raw).toMatch(/\/S\s*\/GTS_PDFA1/);
  });

  it('embeds every font', async () => {
    const rows = (await tool('pdffonts', pdfPath)).split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(/\s+/).at(-5), row).toBe('yes');
  });

  it('contains the post text and every reply, with authors, times and source', async () => {
    const text = squash(await tool('pdftotext', '-enc', 'UTF-8', pdfPath, '-'));
    for (const item of [thread.root, ...thread.replies]) {
      const start = words(item.text.plain).split(' ').slice(0, 8).join(' ');
      expect(words(text), `missing: ${start}`).toContain(start);
      expect(text).toContain(`@${item.author.handle}`);
    }
    expect(text).toContain('reactie van derde');
    expect(text).toContain('Vastgelegd op');
    expect(text).toMatch(/2 februari 2026/);
  });

  it('shows the thread in a PNG that grows with the number of replies', async () => {
    const png = identifyBytes(rendition.png);
    expect(png.status).toBe('preferred');
    const full = await sharp(rendition.png).metadata();
    const one = await renderer.renderThread({ ...thread, replies: thread.replies.slice(0, 1) });
    const small = await sharp(one.png).metadata();
    expect(full.width).toBe(800);
    expect(small.width).toBe(800);
    expect(full.height!).toBeGreaterThan(small.height! + 100 * (thread.replies.length - 1));
  });

  it('renders the same thread twice to the same text and layout', async () => {
    const again = await renderer.renderThread(thread);
    expect(again.html).toBe(rendition.html);
    const [a, b] = await Promise.all([sharp(again.png).raw().toBuffer(), sharp(rendition.png).raw().toBuffer()]);
    expect(a.equals(b)).toBe(true);
    const second = await save('thread-again', again);
    expect(await tool('pdftotext', '-layout', second, '-')).toBe(await tool('pdftotext', '-layout', pdfPath, '-'));
    const pages = (s: string) => /Pages:\s+(\d+)/.exec(s)?.[1];
    expect(pages(await tool('pdfinfo', second))).toBe(pages(await tool('pdfinfo', pdfPath)));
  });

  it('marks edited and deleted replies', async () => {
    const [first, second, ...rest] = thread.replies;
    const edited = { ...first!, times: { ...first!.times, edited: '2026-02-03T09:15:00.000Z' } };
    const deleted = { ...second!, times: { ...second!.times, foundDeleted: '2026-05-20T03:00:00.000Z' } };
    const r = await renderer.renderThread({ ...thread, replies: [edited, deleted, ...rest] });
    const text = squash(await tool('pdftotext', '-enc', 'UTF-8', await save('marks', r), '-'));
    expect(text).toContain('Bewerkt: 3 februari 2026 om 10:15:00');
    expect(text).toContain('Verwijderd van het platform; voor het eerst gemist op 20 mei 2026 om 05:00:00');
  });

  it('has English labels on request', async () => {
    const en = await renderer.renderThread(thread, { lang: 'en' });
    const text = await tool('pdftotext', await save('thread-en', en), '-');
    expect(text).toContain('Thread');
    expect(text).toContain('third-party reply');
  });
});

describe('hostile post content is rendered inert', () => {
  it('never runs script, loads nothing, and leaves no live javascript: link', async () => {
    const hostile = normaliseMastodonStatus(
      {
        id: '990001',
        uri: 'https://evil.example/users/x/statuses/990001',
        url: 'https://evil.example/@x/990001',
        created_at: '2026-02-02T12:00:00.000Z',
        in_reply_to_id: thread.root.platformId,
        content:
          '<p>Kijk hier<script>document.title="pwned";window.pwned=1</script>' +
          '<img src="https://evil.example/tracker.png" onerror="document.body.innerHTML=\'pwned\'">' +
          '<a href="javascript:alert(document.cookie)">klik hier</a> en <a href="https://ok.example/info">echte link</a></p>',
        account: { id: '666', acct: 'x@evil.example', display_name: 'Iemand <b>vet</b>' },
        media_attachments: [{ id: 'm1', type: 'image', url: 'https://evil.example/poly.jpg', description: 'polyglot' }],
      },
      { capturedAt: '2026-06-01T06:30:00.000Z', ownAccountId: fake.ownAccountId },
    );
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: 'red' } }).jpeg().toBuffer();
    const poly = Buffer.concat([jpeg, makeZip('x.txt', Buffer.from('payload'))]);
    const before = renderer.blockedRequests.length;
    const r = await renderer.renderThread({ root: thread.root, replies: [hostile], media: async (m) => (m.url.endsWith('poly.jpg') ? poly : null) });
    expect(renderer.blockedRequests.length).toBe(before);
    expect(r.html).not.toMatch(/<script|onerror|javascript:|<img src="https:/i);
    expect(r.html).toContain('Iemand &lt;b&gt;vet&lt;/b&gt;');
    const path = await save('hostile', r);
    const text = await tool('pdftotext', '-enc', 'UTF-8', path, '-');
    expect(text).toContain('klik hier');
    expect(text).not.toContain('pwned');
    expect(squash(text)).toContain('Afbeelding: niet getoond (geweigerd: het bestand bevat een verborgen zip-archief)');
    const urls = await tool('pdfinfo', '-url', path);
    expect(urls).toContain('https://ok.example/info');
    expect(urls).not.toMatch(/javascript/i);
    expect(await readFile(path, 'latin1')).not.toMatch(/\/JavaScript|\/JS\b|\/Launch/);
  });
});
