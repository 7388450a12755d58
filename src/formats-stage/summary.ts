import type { Lang } from '../i18n.js';
import type { FormatsProgress, FormatsSummary } from './process.js';

/** One line for the run summary. */
export function formatFormatsSummary(s: FormatsSummary, lang: Lang): string {
  const stopped = s.interrupted ? (lang === 'en' ? ' (stopped; the rest follows next run)' : ' (gestopt; de rest volgt bij de volgende run)') : '';
  return lang === 'en'
    ? `Formats: ${s.identified} files identified, ${s.derivatives} preferred derivatives, ${s.renditions} thread renditions (PDF/A-2 and PNG), ${s.unchanged} unchanged, ${s.problems} problems${stopped}.\n`
    : `Formaten: ${s.identified} bestanden geïdentificeerd, ${s.derivatives} voorkeursafgeleiden, ${s.renditions} weergaven van threads (PDF/A-2 en PNG), ${s.unchanged} ongewijzigd, ${s.problems} problemen${stopped}.\n`;
}

/** Progress for people: a line at most every two seconds. */
export function formatsProgress(out: NodeJS.WritableStream, lang: Lang): (p: FormatsProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 2000) return;
    last = now;
    const what = p.phase === 'files' ? (lang === 'en' ? 'files' : 'bestanden') : `threads ${p.accountId}`;
    out.write(`${lang === 'en' ? 'formats' : 'formaten'}: ${what} ${p.done}\n`);
  };
}
