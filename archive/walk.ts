// One pass over a package plan in entry order, reading LazyChildren group by group, so that only the
// plan's own objects and the groups being read are in memory. Every pass lays the plan out afresh with
// a new name registry; the same plan gives the same names and order on every pass.
import { NameRegistry } from './names.js';
import { indexByKey, layOut, layOutGroup, unitOf, type LaidObject, type Resolver, type Unit } from './layout.js';
import type { PackagePlan, PlanChecker } from './plan.js';

export interface WalkUnit extends Unit {
  /** Resolves the relations of this unit's object; valid until the walk moves on. */
  resolve: Resolver;
}

/**
 * Yields every object's unit in entry order: an object, then its own children (in folder-name order,
 * each with everything below it), then its lazily read children group by group. When `checker` is
 * given, every object and relation is checked on the way.
 */
export async function* walk(plan: PackagePlan, bron: string, checker?: PlanChecker): AsyncGenerator<WalkUnit> {
  const names = new NameRegistry();
  const roots = layOut(plan, bron, names);
  // Relations reach the objects the plan holds, and the groups being read on the way down.
  const scopes: Map<string, LaidObject>[] = [indexByKey(roots)];
  const resolve: Resolver = (key) => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const found = scopes[i]!.get(key);
      if (found) return found;
    }
    return undefined;
  };
  const levels = new Map<LaidObject, number>();

  async function* visit(o: LaidObject): AsyncGenerator<WalkUnit> {
    if (checker) {
      const level = checker.object(o.plan, o.parent ? (levels.get(o.parent) ?? -1) : -1);
      // Only ancestors of what is still to come need their level; it is dropped when they are done.
      levels.set(o, level);
      for (const r of o.plan.relations ?? []) if (!resolve(r.key)) checker.unresolved(o.plan.key, r.key);
    }
    yield { ...unitOf(o), resolve };
    for (const c of o.children) yield* visit(c);
    if (o.lazy) {
      for await (const group of o.lazy.groups()) {
        const laid = layOutGroup(group, o, names, bron);
        scopes.push(indexByKey(laid));
        try {
          for (const c of laid) yield* visit(c);
        } finally {
          scopes.pop();
        }
      }
    }
    levels.delete(o);
  }

  for (const r of roots) yield* visit(r);
}
