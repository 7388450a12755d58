/**
 * An error meant for a person: `message` says what is wrong and what to do, `code` is for programs.
 * Everything the command line prints as "fout:" is one of these; anything else is a bug.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;
