import type { KnownContacts } from '../organisation.js';
import type { Token } from '../text.js';
import type { Candidate } from '../types.js';

/** Everything a recognizer may consult besides the text. */
export interface ScanContext {
  contacts: KnownContacts;
  /** The words of the text being scanned, tokenised once for every recognizer that needs them. */
  words(): Token[];
}

/** A recognizer finds candidates of one family in normalised text. Pure. */
export type Recognizer = (text: string, ctx: ScanContext) => Candidate[];
