import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Detector } from './detect.js';

/*
 * The JSON Lines contract of `socialarchive privacy scan` (SPEC section 5): one
 * `{"id": "...", "text": "..."}` per input line, one `{"id": "...", "findings": [...]}` per output
 * line, in input order. Streams: memory holds one line at a time, whatever the input size.
 *
 * Invalid lines (not JSON, no string id or text, too long, not UTF-8) are skipped with a message on
 * the error stream naming the line number; the scan goes on, and the summary says how many were
 * skipped so the caller can exit non-zero. Blank lines are ignored.
 */

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** After this many messages, further invalid lines are only counted. */
const MAX_REPORTED_ERRORS = 100;

export interface ScanSummary {
  /** Input lines read, blank ones included. */
  lines: number;
  /** Lines scanned and answered on the output. */
  scanned: number;
  /** Lines skipped because they were invalid. */
  invalid: number;
}

export interface ScanStreamOptions {
  maxLineBytes?: number;
}

export async function scanJsonLines(input: Readable, output: Writable, errors: Writable, detector: Detector, options: ScanStreamOptions = {}): Promise<ScanSummary> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const summary: ScanSummary = { lines: 0, scanned: 0, invalid: 0 };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let outputClosed = false;
  output.once('error', () => {
    outputClosed = true;
  });

  const reject = (reason: string): void => {
    summary.invalid++;
    if (summary.invalid <= MAX_REPORTED_ERRORS) errors.write(`line ${summary.lines}: ${reason}\n`);
    else if (summary.invalid === MAX_REPORTED_ERRORS + 1) errors.write(`further invalid lines are counted but not shown\n`);
  };

  const finishLine = async (): Promise<void> => {
    summary.lines++;
    if (tooLong) {
      reject(`longer than ${maxLineBytes} bytes; skipped (raise --max-line-bytes if this is expected)`);
      return;
    }
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    let line: string;
    try {
      line = decoder.decode(bytes);
    } catch {
      reject('not valid UTF-8');
      return;
    }
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return;
    const answer = scanLine(line, detector);
    if (typeof answer !== 'string') {
      reject(answer.error);
      return;
    }
    summary.scanned++;
    if (!output.write(answer)) await Promise.race([once(output, 'drain'), once(output, 'close'), once(output, 'error')]);
  };

  for await (const chunk of input as AsyncIterable<Buffer>) {
    let from = 0;
    while (from < chunk.length && !outputClosed) {
      const nl = chunk.indexOf(10, from);
      const end = nl < 0 ? chunk.length : nl;
      if (!tooLong) {
        if (size + (end - from) > maxLineBytes) {
          tooLong = true;
          parts = [];
        } else if (end > from) {
          parts.push(chunk.subarray(from, end));
          size += end - from;
        }
      }
      if (nl < 0) break;
      await finishLine();
      parts = [];
      size = 0;
      tooLong = false;
      from = nl + 1;
    }
    if (outputClosed) break;
  }
  if (!outputClosed && (size > 0 || tooLong)) await finishLine();
  return summary;
}

/** One input line to one output line (with its newline), or the reason it is invalid. */
export function scanLine(line: string, detector: Detector): string | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected an object {"id": "...", "text": "..."}' };
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (typeof id !== 'string') return { error: `"id" must be a string, got ${id === undefined ? 'nothing' : JSON.stringify(id)?.slice(0, 40)}` };
  if (typeof text !== 'string') return { error: `"text" must be a string (id ${JSON.stringify(id).slice(0, 80)})` };
  const findings = detector.detect(text);
  return `${JSON.stringify({ id, findings })}\n`;
}
