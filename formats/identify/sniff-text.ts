// Text-based formats: JSON, SVG, HTML, XML and plain text. Text must be valid UTF-8 without
// control characters; anything else is not text.
import type { FormatKey } from './formats.js';
import type { IdentifyFlag, Probe, Sniffed } from './types.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The head as text, or null when it is not UTF-8 text. A cut multi-byte character at the end is allowed. */
function asText(p: Probe): string | null {
  let b = p.head;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  for (const x of b) if ((x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0c && x !== 0x0d) || x === 0x7f) return null;
  for (let cut = 0; cut <= (p.whole ? 0 : 3); cut++) {
    try {
      return decoder.decode(b.subarray(0, b.length - cut));
    } catch {
      // try dropping a cut character
    }
  }
  return null;
}

function sniffJson(text: string, whole: boolean): Sniffed | null {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return null;
  if (!whole) return { format: 'json', notes: ['only the start of the file was examined'] };
  try {
    JSON.parse(text);
    return { format: 'json' };
  } catch {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    try {
      for (const l of lines) JSON.parse(l);
      return { format: 'json', notes: ['JSON Lines: one JSON value per line'] };
    } catch {
      return null;
    }
  }
}

/** Name of the first element, after the XML declaration, comments, processing instructions and doctype. */
function rootElement(text: string): string | undefined {
  const rest = text.replace(/^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*/i, '');
  return /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
}

function scriptFlags(text: string): IdentifyFlag[] {
  const flags: IdentifyFlag[] = [];
  if (/<(?:[\w-]+:)?script[\s>/]|\son[a-z]+\s*=|javascript:|<(?:[\w-]+:)?foreignObject[\s>]/i.test(text)) flags.push('active-content');
  return flags;
}

function sniffMarkup(text: string, whole: boolean): Sniffed | null {
  const t = text.trimStart();
  if (!t.startsWith('<')) return null;
  const root = rootElement(t);
  const notes = whole ? [] : ['only the start of the file was examined'];
  if (/^<!doctype\s+html[\s>]/i.test(t.replace(/^<\?[\s\S]*?\?>\s*/, '').replace(/^(?:<!--[\s\S]*?-->\s*)*/, ''))) {
    return { format: 'html5', flags: scriptFlags(t), notes };
  }
  if (!root) return null;
  const local = root.includes(':') ? root.slice(root.indexOf(':') + 1) : root;
  if (local.toLowerCase() === 'html') return { format: 'html', flags: scriptFlags(t), notes };
  if (local === 'svg') {
    const version = /<(?:[\w-]+:)?svg\b[^>]*?\sversion\s*=\s*["']([\d.]+)["']/.exec(t)?.[1];
    const format: FormatKey = version === '1.0' ? 'svg10' : 'svg11';
    if (version === undefined) notes.push('SVG without a version attribute; named SVG 1.1');
    const flags = scriptFlags(t);
    if (/(?:xlink:)?href\s*=\s*["']\s*(?!#|data:)[^"']|url\(\s*["']?\s*(?:https?:|file:|\/\/)|@import/i.test(t)) {
      flags.push('external-references');
    }
    return { format, flags, notes };
  }
  if (t.startsWith('<?xml') || root) return { format: 'xml', notes };
  return null;
}

export function sniffText(p: Probe): Sniffed | null {
  if (p.size === 0) return null;
  const text = asText(p);
  if (text === null) return null;
  return sniffJson(text, p.whole) ?? sniffMarkup(text, p.whole) ?? { format: 'text' };
}
