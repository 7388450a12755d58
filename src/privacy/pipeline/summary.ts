import type { Lang } from '../../i18n.js';
import type { ScanSummary } from './scan.js';

/** One paragraph for the run summary. */
export function formatScanSummary(s: ScanSummary, lang: Lang): string {
  const problems = s.problems
    ? lang === 'en'
      ? `; ${s.problems} versions could not be scanned completely (they stay unreviewed and are tried again next run)`
      : `; ${s.problems} versies konden niet volledig worden gescand (ze blijven onbeoordeeld en worden de volgende run opnieuw geprobeerd)`
    : '';
  const stopped = s.stopped ? (lang === 'en' ? ' (stopped; the rest follows next run)' : ' (gestopt; de rest volgt bij de volgende run)') : '';
  if (lang === 'en') {
    return (
      `Privacy scan: ${s.versions} of ${s.due} versions and ${s.images} images scanned${stopped}; ` +
      `${s.newFindings} new findings, ${s.foundAgain} found again, ${s.noLongerReported} no longer reported${problems}.\n` +
      `Open findings to review: ${s.open}${s.open ? ' (socialarchive review list)' : ''}\n`
    );
  }
  return (
    `Privacyscan: ${s.versions} van ${s.due} versies en ${s.images} afbeeldingen gescand${stopped}; ` +
    `${s.newFindings} nieuwe bevindingen, ${s.foundAgain} opnieuw gevonden, ${s.noLongerReported} niet meer gemeld${problems}.\n` +
    `Open bevindingen om te beoordelen: ${s.open}${s.open ? ' (socialarchive review list)' : ''}\n`
  );
}

/** Progress of a scan for people: a line at most every two seconds, and one when done. */
export function scanProgress(out: NodeJS.WritableStream, lang: Lang): (p: { scanned: number; total: number; findings: number }) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.scanned < p.total && now - last < 2000) return;
    last = now;
    out.write(lang === 'en' ? `privacy scan: ${p.scanned}/${p.total} versions, ${p.findings} new findings\n` : `privacyscan: ${p.scanned}/${p.total} versies, ${p.findings} nieuwe bevindingen\n`);
  };
}
