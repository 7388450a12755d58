// Remarks for the receiving archive (pakbon `bijzonderheden`) about things found while the plan is read:
// files left out, public copies still to be made. One line per kind, with a count and the first few
// examples; the plan's `remarks` array is kept up to date in place, because the builder reads it only
// when it writes the pakbons, after the first pass has read every part of the plan.

const EXAMPLES = 3;

export class Remarks {
  /** The lines, in the order their kind was first seen; the same array throughout. */
  readonly lines: string[] = [];
  private readonly kinds = new Map<string, { text: (n: number, examples: string) => string; seen: Set<string>; line: number }>();

  /** Notes one thing (`subject`, e.g. a path) of a kind; the same subject twice counts once. */
  add(kind: string, subject: string, text: (n: number, examples: string) => string): void {
    let k = this.kinds.get(kind);
    if (!k) {
      k = { text, seen: new Set(), line: this.lines.length };
      this.kinds.set(kind, k);
      this.lines.push('');
    }
    k.seen.add(subject);
    const examples = [...k.seen].slice(0, EXAMPLES).join(', ') + (k.seen.size > EXAMPLES ? ', ...' : '');
    this.lines[k.line] = k.text(k.seen.size, examples);
  }
}
