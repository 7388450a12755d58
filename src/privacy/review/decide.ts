// Turns "decide X about these findings, because Y" into decisions the store records (each with
// its audit-trail entry), then brings the public copies of the affected items up to date.
import { DECISION_ACTIONS, type DecisionAction } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import type { FindingView, NewDecision } from '../../store/privacy-store.js';
import { restrictionFor } from './terms.js';

export const MAX_REASON = 2000;

export interface DecisionRequest {
  action: string;
  reason: string | undefined;
  /** Restriction type (restrict, redact); default by category. */
  type?: string | undefined;
  /** ISO 8601 duration or end date (restrict, redact); default P75Y. */
  term?: string | undefined;
  /** `finding`, `item`, `bulk`, `file:<name>#<entry>`. */
  via: string;
}

export function checkAction(action: string): DecisionAction {
  if (!(DECISION_ACTIONS as readonly string[]).includes(action)) {
    throw new UserError('review.bad-action', `"${action}" is not a decision; use keep, restrict or redact`);
  }
  return action as DecisionAction;
}

export function checkReason(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (!r) throw new UserError('review.no-reason', 'every decision needs a reason (--reason "...")');
  if (r.length > MAX_REASON) throw new UserError('review.long-reason', `the reason is ${r.length} characters; at most ${MAX_REASON}`);
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(r)) throw new UserError('review.bad-reason', 'the reason contains control characters');
  return r;
}

/** Validates the request and makes one decision per finding; pure. */
export function planDecisions(findings: readonly FindingView[], req: DecisionRequest): NewDecision[] {
  const action = checkAction(req.action);
  const reason = checkReason(req.reason);
  if (action === 'keep' && (req.type !== undefined || req.term !== undefined)) {
    throw new UserError('review.keep-with-term', 'keep restricts nothing: leave out --type and --term');
  }
  return findings.map((f) => ({
    findingId: f.id,
    action,
    restriction: action === 'keep' ? undefined : restrictionFor(f.category, f.publishedAt, req.type, req.term),
    reason,
    via: req.via,
  }));
}

/** A decision equal to the finding's current one changes nothing and is not recorded again. */
export function isUnchanged(f: FindingView, d: NewDecision): boolean {
  const c = f.decision;
  if (!c || c.action !== d.action || c.reason !== d.reason) return false;
  return JSON.stringify(c.restriction ?? null) === JSON.stringify(d.restriction ?? null);
}

/** Drops repeats: the last plan per finding wins, and plans equal to the current decision go. */
export function effectivePlans(findings: readonly FindingView[], plans: readonly NewDecision[]): { record: NewDecision[]; unchanged: number } {
  const byFinding = new Map<number, NewDecision>();
  for (const p of plans) {
    byFinding.delete(p.findingId);
    byFinding.set(p.findingId, p);
  }
  const current = new Map(findings.map((f) => [f.id, f]));
  const record: NewDecision[] = [];
  let unchanged = 0;
  for (const p of byFinding.values()) {
    const f = current.get(p.findingId);
    if (f && isUnchanged(f, p)) unchanged++;
    else record.push(p);
  }
  return { record, unchanged };
}

