// The last steps of the demo: the privacy officer's decisions from a file a person can read, then a
// transfer package of everything captured, checked the way the receiving archive would check it.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyPackage } from '../../archive/verify/index.js';
import { formatReport } from '../cli/commands/verify.js';
import type { Lang } from '../i18n.js';
import { makePackage, PROFILE_FILE } from '../package/make-package.js';
import { formatBuilt, formatUnreviewed } from '../package/report.js';
import { applyPlanned, planAll } from '../privacy/review/apply.js';
import { readDecisionsFile } from '../privacy/review/decisions-file.js';
import { DEMO_DECISIONS_YAML } from '../privacy/review/demo-decisions.js';
import { PACKAGE_ROOT } from '../version.js';
import type { Workspace } from '../workspace.js';

export const DECISIONS_FILE = 'besluiten-privacy.yaml';
export const PACKAGE_DIR = 'overdracht';

/** Writes the demo's decisions into the workspace and applies them as `review decide --from-file` does. */
export async function decideFromFile(ws: Workspace, dir: string, lang: Lang): Promise<string> {
  const file = join(dir, DECISIONS_FILE);
  writeFileSync(file, DEMO_DECISIONS_YAML);
  const entries = await readDecisionsFile(file);
  const planned = await planAll(ws, entries.map((e) => ({ label: `${file}:${e.line}`, selector: e.selector, request: e.request })));
  const result = await applyPlanned(ws, planned, { actor: 'privacyfunctionaris (demo)' });
  const copies = result.publicCopies?.made.length ?? 0;
  return lang === 'en'
    ? `Decisions from ${file}: ${result.decisions.length} recorded, ${copies} public copies made; open findings left: ${await ws.store.privacy.countOpen()}\n`
    : `Besluiten uit ${file}: ${result.decisions.length} vastgelegd, ${copies} openbare versies gemaakt; open bevindingen over: ${await ws.store.privacy.countOpen()}\n`;
}

/** The first and last day anything of the registry's accounts was published. */
async function period(ws: Workspace, accountIds: string[]): Promise<{ from: string; to: string }> {
  const days: string[] = [];
  for (const id of accountIds) for (const i of await ws.store.listItems(id)) if (i.kind !== 'profile') days.push(i.publishedAt.slice(0, 10));
  days.sort();
  const today = new Date().toISOString().slice(0, 10);
  return { from: days[0] ?? today, to: today };
}

/** Builds the transfer package of everything captured into the demo folder and verifies it. */
export async function packageAndVerify(ws: Workspace, dir: string, accountIds: string[], lang: Lang): Promise<{ text: string; ok: boolean; packageDir: string }> {
  copyFileSync(join(PACKAGE_ROOT, 'config', PROFILE_FILE), join(ws.configDir, PROFILE_FILE));
  const packageDir = join(dir, PACKAGE_DIR);
  const outcome = await makePackage(ws, { ...(await period(ws, accountIds)), out: packageDir, actor: 'demo' });
  if (outcome.status === 'refused') return { text: formatUnreviewed(outcome.unreviewed, lang), ok: false, packageDir };
  const report = await verifyPackage([outcome.build.dir]);
  const verdict = lang === 'en' ? `socialarchive verify ${packageDir}:\n` : `socialarchive verify ${packageDir}:\n`;
  return { text: `${formatBuilt(outcome, lang)}\n${verdict}${formatReport(report, lang)}`, ok: report.ok, packageDir };
}
