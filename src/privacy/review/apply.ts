// Records planned decisions and brings the public copies of the affected items up to date.
import type { Decision } from '../../domain/types.js';
import { operatorName } from '../../operator.js';
import type { FindingView, NewDecision } from '../../store/privacy-store.js';
import type { Workspace } from '../../workspace.js';
import { effectivePlans, planDecisions, type DecisionRequest } from './decide.js';
import { buildPublicCopies, type PublicCopyResult } from './public-copy.js';
import { selectFindings, type Selector } from './select.js';

export interface Planned {
  /** Every finding the selections matched (with their current decision). */
  findings: FindingView[];
  plans: NewDecision[];
  /** Selections that matched nothing, for a warning. */
  empty: string[];
}

/** Resolves every selection and plans its decisions; nothing is recorded yet. */
export async function planAll(ws: Workspace, requests: { label: string; selector: Selector; request: DecisionRequest }[]): Promise<Planned> {
  const out: Planned = { findings: [], plans: [], empty: [] };
  const seen = new Set<number>();
  for (const r of requests) {
    const found = await selectFindings(ws.store.privacy, r.selector);
    if (found.length === 0) out.empty.push(r.label);
    out.plans.push(...planDecisions(found, r.request));
    for (const f of found) if (!seen.has(f.id)) (seen.add(f.id), out.findings.push(f));
  }
  return out;
}

export interface ApplyResult {
  decisions: Decision[];
  unchanged: number;
  publicCopies: PublicCopyResult | null;
}

export async function applyPlanned(
  ws: Workspace,
  planned: Planned,
  opts: { actor?: string; now?: () => Date; publicCopies?: boolean; render?: boolean } = {},
): Promise<ApplyResult> {
  const actor = opts.actor ?? operatorName();
  const { record, unchanged } = effectivePlans(planned.findings, planned.plans);
  const decisions = await ws.store.privacy.decide(record, actor, (opts.now ?? (() => new Date()))().toISOString());
  const itemIds = [...new Set(planned.findings.filter((f) => record.some((p) => p.findingId === f.id)).map((f) => f.itemId))];
  const publicCopies = opts.publicCopies === false || itemIds.length === 0 ? null : await buildPublicCopies(ws, { itemIds, actor, now: opts.now, render: opts.render });
  return { decisions, unchanged, publicCopies };
}
