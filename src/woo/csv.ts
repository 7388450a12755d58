// CSV as RFC 4180 says (comma, CRLF, fields with a quote, comma or line break in double quotes,
// quotes doubled), UTF-8 with a byte-order mark so Excel reads the accents right, and safe to
// open in a spreadsheet: a cell that starts with = + - @ (or tab, carriage return) would be read
// as a formula, so it gets a leading apostrophe (the OWASP "CSV injection" advice). Pure.

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
