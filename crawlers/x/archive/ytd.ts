import { UserError } from '../../../src/domain/errors.js';

// Every data file of an X archive is JavaScript that assigns a JSON array to a global:
// `window.YTD.tweets.part0 = [ … ]`. It is read as data: the assignment is matched and cut off and
// the rest must be one JSON array. Nothing is ever evaluated.

const ASSIGNMENT = /^\s*window\.YTD\.([A-Za-z0-9_]{1,64})\.part(\d{1,4})\s*=\s*/;

export interface YtdFile {
  /** The data set the file assigns (`tweets`, `deleted_tweets`, `account`, ...). */
  name: string;
  part: number;
  entries: unknown[];
}

export function parseYtd(text: string, file: string): YtdFile {
  const s = text.replace(/^\uFEFF/, '');
  const m = ASSIGNMENT.exec(s);
  if (!m) throw new UserError('x-archive.malformed', `${file} is not an X archive data file (it does not start with "window.YTD.<name>.part<N> ="); nothing was imported`);
  const json = s.slice(m[0].length).replace(/;\s*$/, '');
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch (e) {
    throw new UserError('x-archive.malformed', `${file}: what follows "window.YTD.${m[1]}.part${m[2]} =" is not JSON (${(e as Error).message.slice(0, 200)}); nothing was imported`);
  }
  if (!Array.isArray(entries)) throw new UserError('x-archive.malformed', `${file}: "window.YTD.${m[1]}.part${m[2]}" is not a list; nothing was imported`);
  return { name: m[1]!, part: Number(m[2]), entries };
}
