// Debian's xmllint (libxml2-utils) as an independent second validator beside the bundled one.
import { spawnSync } from 'node:child_process';
import { sharedPath } from '../../helpers/shared.js';

export const OFFICIAL_XSD = sharedPath('standards', 'mdto', 'MDTO-XML1.0.1.xsd');

export interface XmllintResult {
  ok: boolean;
  output: string;
}

/** Runs `xmllint --noout --schema XSD` over files, in chunks so the command line stays short. */
export function xmllintSchema(xsd: string, files: string[]): XmllintResult {
  let ok = true;
  let output = '';
  for (let i = 0; i < files.length; i += 200) {
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, ...files.slice(i, i + 200)], { encoding: 'utf8' });
    if (r.error) throw r.error;
    if (r.status !== 0) ok = false;
    output += r.stderr;
  }
  return { ok, output };
}
