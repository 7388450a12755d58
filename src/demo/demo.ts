import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoDataset } from '../../crawlers/mastodon/fake/dataset.js';
import { startFakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import type { RunEvent } from '../capture/run.js';
import { runPipeline, type PipelineResult } from '../pipeline/run-pipeline.js';
import { formatFormatsSummary } from '../formats-stage/index.js';
import { UserError } from '../domain/errors.js';
import type { Lang } from '../i18n.js';
import { registerSecret } from '../secrets.js';
import { loadAndRecordRegistry } from '../registry/sync.js';
import { formatRunSummary } from '../cli/run-report.js';
import { openWorkspace, type Workspace } from '../workspace.js';
import { describeCapture } from './describe.js';
import { decideFromFile, packageAndVerify } from './transfer-steps.js';
import { formatScanSummary } from '../privacy/pipeline/index.js';

const MARKER = '.socialarchive-demo';
export const DEMO_TOKEN_ENV = 'SOCIALARCHIVE_DEMO_TOKEN';
const DEMO_TOKEN = 'demo-token-voorbeeldstad-0000000000000000';

export interface DemoOptions {
  dir: string;
  lang: Lang;
  out: NodeJS.WritableStream;
  onEvent?: (e: RunEvent) => void;
}

/** The registry of the demo: the municipality with a token (whole threads), the mayor anonymous (cut threads). */
function demoRegistry(instance: string): string {
  return `# Demo registry, written by socialarchive demo. The instance is the bundled fake Mastodon server.
organisation:
  name: Gemeente Voorbeeldstad
  id: https://identifier.overheid.nl/tooi/id/gemeente/gm9999
accounts:
  - id: voorbeeldstad-mastodon
    platform: mastodon
    handle: voorbeeldstad
    instance: ${instance}
    status: active
    opened: 2023-05-01
    managers:
      - { name: Team Online, email: online@voorbeeldstad.nl }
    purpose: Publieksvoorlichting
    justification: Inwoners volgen de gemeente ook op Mastodon; social.overheid.nl is de overheidsinstantie.
    selection:
      list: Selectielijst gemeenten en intergemeentelijke organen 2020
      category: "1.1"
      label: Communicatie
      waardering: V
      bewaartermijn: P10Y
    schedule: "0 3 * * *"
    capture: { replies: true, media: true, render: true }
    credentials: env:${DEMO_TOKEN_ENV}
  - id: burgemeester-mastodon
    platform: mastodon
    handle: burgemeester
    instance: ${instance}
    status: active
    opened: 2023-09-01
    managers:
      - { name: Kabinet van de burgemeester, email: kabinet@voorbeeldstad.nl }
    purpose: Communicatie van de burgemeester in functie
    selection:
      list: Selectielijst gemeenten en intergemeentelijke organen 2020
      category: "1.1"
      label: Communicatie
      waardering: B
    schedule: "30 3 * * *"
    capture: { replies: true, media: true, render: true }
`;
}

// The demo re-checks everything every run, so the second run shows every change of "the next day".
const DEMO_SETTINGS = `capture:
  fullSweepDays: 0
http:
  timeoutSeconds: 10
`;

function summary(r: PipelineResult, lang: Lang): string {
  return formatRunSummary(r.run, lang) + (r.formats ? formatFormatsSummary(r.formats, lang) : '') + (r.privacy ? formatScanSummary(r.privacy, lang) : '');
}

/** Prepares the demo folder: new, or a previous demo's (never someone else's folder). */
function prepareDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) {
      throw new UserError('demo.dir-in-use', `${dir} exists and is not a socialarchive demo folder; choose another with --dir`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, MARKER), 'made by socialarchive demo; removed and remade by the next demo\n');
}

/**
 * The whole pipeline on the bundled fake platform: capture two accounts, let "the next day" happen
 * (new posts and replies, an edit, deletions), capture again, show what the archive holds, apply the
 * privacy officer's decisions from a file, and build and verify the transfer package.
 */
export async function runDemo(opts: DemoOptions): Promise<{ workspace: string; ok: boolean }> {
  const dir = resolve(opts.dir);
  prepareDir(dir);
  // The story's "today" is yesterday, so what "the next day" brings has happened by now.
  const fake = await startFakeMastodon({ tokens: [DEMO_TOKEN], dataset: demoDataset({ now: new Date(Date.now() - 86_400_000) }) });
  let ws: Workspace | undefined;
  try {
    process.env[DEMO_TOKEN_ENV] = DEMO_TOKEN;
    registerSecret(DEMO_TOKEN);
    writeFileSync(join(dir, 'config', 'accounts.yaml'), demoRegistry(fake.url));
    writeFileSync(join(dir, 'config', 'socialarchive.yaml'), DEMO_SETTINGS);
    ws = await openWorkspace({ configDir: join(dir, 'config'), dataDir: join(dir, 'data') });
    const { registry } = await loadAndRecordRegistry(ws.store, ws.registryFile, 'demo');
    const say = (s: string) => opts.out.write(s);

    say(`Demo: fake Mastodon server at ${fake.url}; workspace ${dir}\n\n`);
    say(opts.lang === 'en' ? '== Day 1: first capture ==\n' : '== Dag 1: eerste vastlegging ==\n');
    const first = await runPipeline(ws, registry, { operator: 'demo', onEvent: opts.onEvent });
    say(summary(first, opts.lang));

    fake.nextDay();
    say(opts.lang === 'en' ? '\n== Day 2: new posts and replies, an edit, deletions ==\n' : '\n== Dag 2: nieuwe berichten en reacties, een bewerking, verwijderingen ==\n');
    const second = await runPipeline(ws, registry, { operator: 'demo', onEvent: opts.onEvent });
    say(summary(second, opts.lang));

    say('\n' + (await describeCapture(ws, registry, opts.lang)));

    say(opts.lang === 'en' ? '\n== Privacy review: the privacy officer\'s decisions ==\n' : '\n== Privacybeoordeling: de besluiten van de privacyfunctionaris ==\n');
    say(await decideFromFile(ws, dir, opts.lang));

    say(opts.lang === 'en' ? '\n== Transfer package (MDTO SIP) and verify ==\n' : '\n== Overdrachtspakket (MDTO SIP) en controle ==\n');
    const transfer = await packageAndVerify(ws, dir, registry.accounts.map((a) => a.id), opts.lang);
    say(transfer.text);

    const en = opts.lang === 'en';
    const verdict = transfer.ok ? (en ? 'verified: no problems' : 'gecontroleerd: in orde') : en ? 'verify found problems' : 'controle vond problemen';
    say(`\n${en ? 'Workspace' : 'Werkmap'}: ${dir}\n`);
    say(`${en ? 'Package' : 'Pakket'}: ${transfer.packageDir} (${verdict})\n`);
    return { workspace: dir, ok: first.run.status === 'completed' && second.run.status === 'completed' && transfer.ok };
  } finally {
    await ws?.close();
    await fake.close();
  }
}
