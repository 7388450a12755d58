import { UserError } from '../domain/errors.js';

/** One thing wrong with a registry file, located for a person who will open it in an editor. */
export interface RegistryProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Field path such as `accounts[1].platform`; empty for a problem with the file as a whole. */
  path: string;
  message: string;
}

/** `config/accounts.yaml:14: accounts[1].platform: unknown platform "mastodn" (...)` */
export const formatProblem = (p: RegistryProblem): string =>
  `${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`;

/** A registry that did not load; `problems` lists every problem found, in file order. */
export class RegistryError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: RegistryProblem[],
  ) {
    const n = problems.length;
    super(
      'registry.invalid',
      `${file}: the account registry has ${n} problem${n === 1 ? '' : 's'}; nothing was loaded`,
      problems.map(formatProblem),
    );
    this.name = 'RegistryError';
  }
}
