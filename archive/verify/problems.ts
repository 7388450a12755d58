// What verify reports: every problem with the path it concerns, so a person can find it.

export interface Problem {
  /** Where: `<container>:<path inside>`, or a file path. */
  path: string;
  /** Stable code for programs, e.g. `checksum-mismatch`. */
  code: string;
  message: string;
}

/** Collects problems and notes (things not checked, which do not fail the package). */
export class Findings {
  readonly problems: Problem[] = [];
  readonly notes: string[] = [];

  add(path: string, code: string, message: string): void {
    this.problems.push({ path, code, message });
  }

  note(message: string): void {
    this.notes.push(message);
  }
}
