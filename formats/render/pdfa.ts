// PDF → PDF/A-2b with Debian's Ghostscript: fonts embedded (pdfwrite embeds every font it
// writes), XMP metadata with pdfaid part 2, an sRGB OutputIntent from the ICC profile that
// Ghostscript ships, document info as UTF-16 text. The result is checked: if Ghostscript did not
// produce a PDF/A-2 claim, this fails rather than hand back a plain PDF.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../src/domain/errors.js';
import { identifyBytes } from '../identify/index.js';
import { withTempDir } from '../normalise/atomic.js';
import { runTool, toolVersion } from '../normalise/tools.js';

/** sRGB profiles shipped by Debian's libgs-common / ghostscript, most specific first. */
const SRGB_CANDIDATES = ['/usr/share/color/icc/ghostscript/srgb.icc', '/usr/share/ghostscript/iccprofiles/srgb.icc'];

export function findSrgbProfile(): string {
  const found = SRGB_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new UserError('PDFA_NO_ICC', `no sRGB ICC profile found (looked in ${SRGB_CANDIDATES.join(', ')}); install Debian package ghostscript`);
  return found;
}

export interface PdfAMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  /** ISO 8601; becomes the document's creation date (the capture, not the conversion). */
  created?: string;
}

/**
 * A PostScript string in PDFDocEncoding's Latin-1 range. Ghostscript 10.0 drops the whole
 * document info of a PDF/A when any entry needs UTF-16, so characters outside Latin-1 are left out
 * (the rendition itself keeps the full text).
 */
export const psText = (s: string): string => {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else if (c >= 0xa1 && c <= 0xff) out += `\\${c.toString(8)}`;
  }
  return `(${out.replace(/\s+/g, ' ').trim()})`;
};

const psPath = (p: string): string => `(${p.replace(/[\\()]/g, (c) => `\\${c}`)})`;

const pdfDate = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
};

/** The PDF/A definition file (after Ghostscript's lib/PDFA_def.ps), with our metadata. */
export function pdfaDefinition(meta: PdfAMetadata, iccPath: string): string {
  const info = [`/Title ${psText(meta.title)}`, `/Creator ${psText('socialarchive')}`];
  if (meta.author) info.push(`/Author ${psText(meta.author)}`);
  if (meta.subject) info.push(`/Subject ${psText(meta.subject)}`);
  if (meta.keywords) info.push(`/Keywords ${psText(meta.keywords)}`);
  if (meta.created && pdfDate(meta.created)) info.push(`/CreationDate (${pdfDate(meta.created)})`);
  return [
    '%!',
    `[ ${info.join(' ')} /DOCINFO pdfmark`,
    `/ICCProfile ${psPath(iccPath)} def`,
    '[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark',
    '[{icc_PDFA} << /N 3 >> /PUT pdfmark',
    '[{icc_PDFA} ICCProfile (r) file /PUT pdfmark',
    '[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark',
    '[{OutputIntent_PDFA} << /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc_PDFA} /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) >> /PUT pdfmark',
    '[{Catalog} << /OutputIntents [ {OutputIntent_PDFA} ] >> /PUT pdfmark',
    '',
  ].join('\n');
}

export interface PdfAOptions {
  /** Ghostscript program; default `gs` from PATH. */
  gs?: string;
  /**
   * Ghostscript's PDF interpreter. `legacy` (the PostScript-based one, deprecated in 10.x) is about
   * four times faster than `new` on Chromium's text-heavy PDFs in Debian 12's Ghostscript 10.0.0
   * and produces the same PDF/A; our input is always Chromium's own well-formed PDF. Ghostscript
   * versions without it ignore the switch and use the new one. Default `legacy`.
   */
  interpreter?: 'legacy' | 'new';
}

export async function ghostscriptVersion(gs = 'gs'): Promise<string | null> {
  const v = await toolVersion(gs, '--version');
  return v ? `Ghostscript ${v}` : null;
}

/** Converts a PDF to PDF/A-2b; throws a UserError when Ghostscript is missing or fails. */
export async function toPdfA(pdf: Uint8Array, meta: PdfAMetadata, opts: PdfAOptions = {}): Promise<Buffer> {
  const gs = opts.gs ?? 'gs';
  if (!(await ghostscriptVersion(gs))) throw new UserError('PDFA_NO_GHOSTSCRIPT', 'Ghostscript is not installed; install Debian package ghostscript to make PDF/A renditions');
  const icc = findSrgbProfile();
  return withTempDir('sa-pdfa-', async (dir) => {
    const input = join(dir, 'in.pdf');
    const def = join(dir, 'pdfa.ps');
    const output = join(dir, 'out.pdf');
    await writeFile(input, pdf);
    await writeFile(def, pdfaDefinition(meta, icc));
    await runTool(gs, [
      '-q',
      '-dBATCH',
      '-dNOPAUSE',
      '-dSAFER',
      `--permit-file-read=${icc}`,
      '-sDEVICE=pdfwrite',
      '-dPDFA=2',
      '-dPDFACompatibilityPolicy=1',
      '-sColorConversionStrategy=RGB',
      '-dAutoRotatePages=/None',
      `-dNEWPDF=${opts.interpreter === 'new'}`,
      `-sOutputFile=${output}`,
      def,
      input,
    ]);
    const out = await readFile(output);
    const id = identifyBytes(out);
    if (id.facts.pdfa?.part !== 2) {
      throw new UserError('PDFA_FAILED', `Ghostscript did not produce PDF/A-2 (got ${id.name} ${id.version ?? ''})`);
    }
    return out;
  });
}
