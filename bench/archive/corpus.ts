// The generated "captured account" of the package benchmark (see generate.ts) as a manifest, and
// the manifest as a package plan, so build and verify can be measured as separate processes.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { accountSerie, itemArchiefstuk, threadDossier, type MappingContext } from '../../formats/mdto/index.js';
import type { PackagePlan, PlanFile, PlanObject } from '../../archive/plan.js';

export interface CorpusFile {
  name: string;
  path: string;
  size: number;
  sha256: string;
  puid: string;
  formatName: string;
  role?: 'metagegevens' | undefined;
}

export interface CorpusPost {
  id: string;
  files: CorpusFile[];
}

export interface Corpus {
  dir: string;
  bytes: number;
  posts: CorpusPost[];
}

const POSTS_PER_THREAD = 5;

export async function loadCorpus(dir: string): Promise<Corpus> {
  return JSON.parse(await readFile(join(dir, 'corpus.json'), 'utf8')) as Corpus;
}

const CONTEXT: MappingContext = {
  organisation: { name: 'Gemeente Voorbeeldstad', id: 'https://identifier.overheid.nl/tooi/id/gemeente/gm9999' },
  selection: { list: 'Selectielijst gemeenten en intergemeentelijke organen 2020', category: '1.1', label: 'Communicatie', waardering: 'B' },
  platform: 'mastodon',
  tool: 'socialarchive bench',
};

/** A stored file as the store describes it: with its local path, or (`localPaths: false`) only a stream. */
const planFile = (f: CorpusFile, localPaths: boolean): PlanFile => {
  const { path, ...rest } = f;
  return { ...rest, path: localPaths ? path : undefined, open: async () => createReadStream(path) };
};

/** The corpus as a package plan: one account, threads of five posts each. */
export function corpusPlan(corpus: Corpus, options: { localPaths: boolean } = { localPaths: true }): PackagePlan {
  const threads: PlanObject[] = [];
  for (let t = 0; t * POSTS_PER_THREAD < corpus.posts.length; t++) {
    const posts = corpus.posts.slice(t * POSTS_PER_THREAD, (t + 1) * POSTS_PER_THREAD);
    const items = posts.map((p, i): PlanObject => {
      const at = new Date(Date.UTC(2024, 0, 1) + (t * POSTS_PER_THREAD + i) * 3_600_000).toISOString();
      const mapped = itemArchiefstuk(CONTEXT, {
        kind: i === 0 ? 'post' : 'reply',
        platformId: p.id,
        uri: `https://social.example/users/voorbeeldstad/statuses/${p.id}`,
        text: `Bericht ${p.id}`,
        author: { id: '1', handle: 'voorbeeldstad' },
        thirdParty: false,
        publishedAt: at,
        capturedAt: at,
        privacy: { status: 'clear' },
      });
      return { key: `bench/status/${p.id}`, name: `status-${p.id}`, content: mapped.content, files: p.files.map((f) => planFile(f, options.localPaths)) };
    });
    const root = posts[0]!;
    const dossier = threadDossier(CONTEXT, { rootUri: `https://social.example/users/voorbeeldstad/statuses/${root.id}`, rootText: `Bericht ${root.id}`, rootPlatformId: root.id, firstAt: '2024-01-01', lastAt: '2024-01-02' }, 'clear');
    threads.push({ key: `bench/thread/${root.id}`, name: `draad-${root.id}`, content: dossier.content, children: items });
  }
  const account = accountSerie(CONTEXT, { id: 'bench', handle: 'voorbeeldstad', opened: '2023-01-01' }, 'clear');
  return {
    id: 'bench-package',
    title: 'Benchmark package',
    organisation: CONTEXT.organisation,
    created: '2024-06-01T12:00:00Z',
    roots: [{ key: 'bench', name: 'voorbeeldstad-mastodon', content: account.content, children: threads }],
  };
}
